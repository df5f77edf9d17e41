"""Whether a chat refinement did what was asked (the expectations of a refinement step)."""

from __future__ import annotations

from typing import Any

from diagrams.core.edits import EditError, apply_edits
from diagrams.core.graph import Graph
from diagrams.core.planners.base import PlannerError
from eval.scoring import kind_matches, name_matches

MESSAGING = {"broker", "topic", "queue", "dead_letter_queue"}


def refinement_ok(
    planner: Any, history: list[Graph], step: dict[str, Any]
) -> tuple[bool, Graph | None, str]:
    """(ok, graph after or None, reason). ``history`` ends with the current graph; undo pops it."""
    before = history[-1]
    expect = step["expect"]
    try:
        refinement = planner.refine(before, step["say"])
    except PlannerError as exc:
        return bool(expect.get("error")), None, f"PlannerError: {exc}"
    if expect.get("error"):
        return False, None, "expected a PlannerError"
    if refinement.undo:
        if len(history) > 1:
            history.pop()
        return bool(expect.get("undo")), None, "undo"
    if expect.get("undo"):
        return False, None, "expected undo"
    try:
        after = apply_edits(before, refinement.edits)
    except EditError as exc:
        return False, None, f"edits do not apply: {exc}"
    problems = [p for p in _problems(before, after, expect)]
    return not problems, after, "; ".join(problems)


def _find(graph: Graph, name: str) -> list[Any]:
    return [c for c in graph.components if name_matches(name, c.name, c.technology)]


def _problems(before: Graph, after: Graph, expect: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    old_ids = {c.id for c in before.components}
    added = [c for c in after.components if c.id not in old_ids]
    for kind in expect.get("added_kinds", []):
        if not any(c.kind.value == kind for c in added):
            problems.append(f"no new {kind}")
    for spec in expect.get("added", []):
        if not any(
            name_matches(spec["name"], c.name, c.technology)
            and kind_matches(spec.get("kind", c.kind.value), c.kind.value)
            for c in added
        ):
            problems.append(f"{spec['name']} not added")
    for name in expect.get("removed", []):
        if _find(after, name):
            problems.append(f"{name} still there")
    if "connected_to" in expect:
        problems += _connected(after, added, expect)
    problems += _pattern_problems(before, after, expect)
    problems += _flow_problems(after, expect)
    problems += _event_problems(before, after, expect)
    if "renamed" in expect:
        old = _find(before, expect["renamed"]["from"])
        new = [c for c in after.components if name_matches(expect["renamed"]["to"], c.name)]
        if not old or not new or old[0].id != new[0].id:
            problems.append("not renamed in place")
    if "boundary" in expect:
        spec = expect["boundary"]
        ids = {b.id for b in after.boundaries if name_matches(spec["name"], b.name)}
        for member in spec["members"]:
            if not any(c.boundary in ids for c in _find(after, member)):
                problems.append(f"{member} not in {spec['name']}")
    return problems


def _connected(after: Graph, added: list[Any], expect: dict[str, Any]) -> list[str]:
    hubs = {c.id for c in _find(after, expect["connected_to"])}
    ends = {(f.source, f.target) for f in after.flows}
    pool = added or after.components
    if not any((c.id, h) in ends or (h, c.id) in ends for c in pool for h in hubs):
        return [f"nothing new connected to {expect['connected_to']}"]
    return []


def _pattern_problems(before: Graph, after: Graph, expect: dict[str, Any]) -> list[str]:
    problems = []
    have = {p.kind.value for p in after.patterns}
    for kind in expect.get("patterns_added", []):
        if kind not in have:
            problems.append(f"pattern {kind} missing")
    if "saga_style" in expect:
        styles = {p.style.value for p in after.patterns if p.style is not None}
        if expect["saga_style"] not in styles:
            problems.append("saga style unchanged")
    return problems


def _flow_problems(after: Graph, expect: dict[str, Any]) -> list[str]:
    from eval.scoring import FAMILY

    problems = []
    for source, target, family in expect.get("flows_added", []):
        if not any(  # _find matches names as the README says, technology included
            FAMILY[f.kind.value] == family
            for f in after.flows
            for f_s in _find(after, source)
            if f_s.id == f.source
            for f_t in _find(after, target)
            if f_t.id == f.target
        ):
            problems.append(f"flow {source} -> {target} missing")
    for source, target in expect.get("flows_removed", []):
        s = {c.id for c in _find(after, source)}
        t = {c.id for c in _find(after, target)}
        if any(f.source in s and f.target in t and f.kind.value == "call" for f in after.flows):
            problems.append(f"call {source} -> {target} still there")
    return problems


def _event_problems(before: Graph, after: Graph, expect: dict[str, Any]) -> list[str]:
    problems = []
    names = {e.name for e in after.events}
    if expect.get("events_kept"):
        kept_consumers = {e.name for e in before.events}
        lost = kept_consumers - names
        if lost and not expect.get("removed"):
            problems.append("events lost: " + ", ".join(sorted(lost)))
    for producer, consumer in expect.get("routes_added", []):
        p = {c.id for c in _find(after, producer)}
        c = {x.id for x in _find(after, consumer)}
        if not any(e.producer in p and set(e.consumers) & c for e in after.events):
            problems.append(f"no event {producer} -> {consumer}")
    if "event_renamed" in expect:
        spec = expect["event_renamed"]
        if spec["from"] in names or spec["to"] not in names:
            problems.append("event not renamed")
    if "event_removed" in expect and expect["event_removed"] in names:
        problems.append("event not removed")
    if "event_partition_key" in expect:
        spec = expect["event_partition_key"]
        event = after.event(spec["event"])
        if event is None or event.partition_key != spec["key"]:
            problems.append("partition key not set")
    if "compensation_for" in expect:
        target = expect["compensation_for"]
        if not any(e.compensates == target for e in after.events):
            problems.append(f"no compensation for {target}")
    return problems
