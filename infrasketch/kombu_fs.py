"""kombu's filesystem transport with an atomic put.

kombu (5.7) creates a message file and then writes it, while a consumer moves and reads any
``*.<queue>.msg`` file it sees without taking the lock: under a short polling interval the
worker can read an empty file, fail to decode it and exit, losing the message. Here a message
is written under a temporary name the consumer ignores, then renamed into place (atomic on
POSIX), so a consumer only ever sees complete files.

Registered under the ``filesystem://`` scheme by ``infrasketch.celery``.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".{name}.partial")
        try:
            with open(partial, "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
