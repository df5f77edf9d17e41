"""The exporter contract: a named, pure function from a Graph to a file's bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from diagrams.core.graph import Graph, slugify


class UnknownFormatError(ValueError):
    """No exporter is registered under the requested format name."""


@dataclass(frozen=True)
class Exporter:
    """One export format. ``export`` is pure: the same graph always gives the same bytes."""

    name: str
    label: str
    media_type: str
    extension: str
    export: Callable[[Graph], bytes]

    def filename(self, title: str, revision: int) -> str:
        """The download name for revision ``revision`` of a diagram titled ``title``."""
        return f"{slugify(title, fallback='diagram')}-r{revision}.{self.extension}"
