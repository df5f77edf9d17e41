"""Reading fenced JSON blocks back out of a generated design document."""

from __future__ import annotations

import json
import re
from typing import Any

FENCED_JSON = re.compile(r"^(`{3,})json\n(.*?)\n\1$", re.MULTILINE | re.DOTALL)


def json_blocks(markdown_text: str) -> list[Any]:
    """Every fenced ``json`` block of ``markdown_text``, parsed, in order."""
    return [json.loads(m.group(2)) for m in FENCED_JSON.finditer(markdown_text)]
