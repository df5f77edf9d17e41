"""The diagram page's history: the short diff between revisions, the timeline and the chat.

Presentation only. Diffs read the stored graph JSON directly (the contract's field names are
fixed), so a long history does not re-validate every revision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from diagrams.models import Job, Revision, RevisionKind

MAX_NAMED_CHANGES = 3
MINUS = "\u2212"  # a real minus sign reads better than a hyphen next to "+"


@dataclass(frozen=True)
class RevisionDiff:
    """What changed between two graphs, in the terms an architect scans for."""

    added: list[str] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    flows_added: int = 0
    flows_removed: int = 0

    @property
    def chips(self) -> list[tuple[str, str]]:
        """``(css class, text)`` pairs, e.g. ``("add", "+ Dead Letter Queue")``."""
        chips = _named("add", "+", self.added) + _named("remove", MINUS, self.removed)
        chips += [("rename", f"{old} → {new}") for old, new in self.renamed[:MAX_NAMED_CHANGES]]
        if self.flows_added:
            chips.append(("add", f"+{_count(self.flows_added, 'flow')}"))
        if self.flows_removed:
            chips.append(("remove", f"{MINUS}{_count(self.flows_removed, 'flow')}"))
        return chips


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _named(css: str, sign: str, names: list[str]) -> list[tuple[str, str]]:
    chips = [(css, f"{sign} {name}") for name in names[:MAX_NAMED_CHANGES]]
    if len(names) > MAX_NAMED_CHANGES:
        chips.append((css, f"{sign}{len(names) - MAX_NAMED_CHANGES} more"))
    return chips


def _components(graph: dict[str, Any]) -> dict[str, str]:
    return {str(c["id"]): str(c.get("name", c["id"])) for c in graph.get("components", [])}


def _flows(graph: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(str(f["source"]), str(f["target"]), str(f["kind"])) for f in graph.get("flows", [])}


def revision_diff(before: dict[str, Any] | None, after: dict[str, Any]) -> RevisionDiff:
    """The diff from graph ``before`` (None for the first revision) to graph ``after``."""
    old, new = _components(before or {}), _components(after)
    old_flows, new_flows = _flows(before or {}), _flows(after)
    return RevisionDiff(
        added=[new[i] for i in new if i not in old],
        added_ids=[i for i in new if i not in old],
        removed=[old[i] for i in old if i not in new],
        renamed=[(old[i], new[i]) for i in new if i in old and old[i] != new[i]],
        flows_added=len(new_flows - old_flows),
        flows_removed=len(old_flows - new_flows),
    )


@dataclass(frozen=True)
class TimelineEntry:
    revision: Revision
    diff: RevisionDiff


def timeline(revisions: Iterable[Revision]) -> list[TimelineEntry]:
    """Each revision with its diff against the one numbered before it, newest first."""
    entries: list[TimelineEntry] = []
    previous: dict[str, Any] | None = None
    for revision in sorted(revisions, key=lambda r: r.number):
        entries.append(TimelineEntry(revision, revision_diff(previous, revision.graph)))
        previous = revision.graph
    return entries[::-1]


@dataclass(frozen=True)
class Turn:
    """One chat exchange: what the user asked (``ask``) and what came back (``reply``).

    ``role`` is "chat" for a request and its answer, "note" for history actions (restore).
    """

    role: str
    ask: str
    reply: str
    revision: int | None = None


def _plan_reply(graph: dict[str, Any]) -> str:
    components = len(graph.get("components", []))
    flows = len(graph.get("flows", []))
    return f"Sketched {_count(components, 'component')} and {_count(flows, 'flow')}."


def _turn(revision: Revision, prompt: str) -> Turn:
    number = revision.number
    if revision.kind == RevisionKind.PLAN:
        return Turn("chat", prompt, _plan_reply(revision.graph), number)
    if revision.kind == RevisionKind.REFINE:
        return Turn("chat", revision.instruction, revision.summary or "Done.", number)
    if revision.kind == RevisionKind.UNDO:
        return Turn("chat", revision.instruction, revision.summary or "Undone.", number)
    text = revision.summary or revision.instruction or revision.get_kind_display()
    return Turn("note", "", text, number)


def conversation(*, prompt: str, revisions: Sequence[Revision]) -> list[Turn]:
    """The chat so far, oldest first: the prompt, then each refinement and its summary."""
    return [_turn(r, prompt) for r in sorted(revisions, key=lambda r: r.number)]


def job_text(job: Job) -> str:
    """The pending state of ``job`` as the page first shows it (the script takes over)."""
    return "Planning…" if job.status == "running" else "Queued…"
