"""``Finding``: one result of a design check, with the chat instruction that fixes it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """A design problem found in a graph.

    ``check_id`` is stable across releases (the page and the API key on it); ``fix`` is a chat
    instruction in the shared vocabulary that the offline planner understands, so the page can
    apply it with one click. ``components`` are component ids, ``events`` event names.
    """

    check_id: str
    severity: Severity
    title: str
    message: str
    fix: str
    components: tuple[str, ...] = ()
    events: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The finding as a JSON-ready dict (the API's and the page's form)."""
        return {
            "check_id": self.check_id,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "fix": self.fix,
            "components": list(self.components),
            "events": list(self.events),
        }

    def sort_key(self) -> tuple[int, str, tuple[str, ...], tuple[str, ...]]:
        """Most severe first, then by check and subject, so output is deterministic."""
        return (SEVERITY_RANK[self.severity], self.check_id, self.components, self.events)
