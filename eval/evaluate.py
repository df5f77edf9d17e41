"""Score one evaluation case: a description's graph, then its chat refinements in order."""

from __future__ import annotations

from typing import Any

from diagrams.core.graph import Graph
from diagrams.core.planners.base import PlannerError
from eval.scoring import (
    FAMILY,
    CaseResult,
    Score,
    match_components,
    name_matches,
    resolve,
)

MESSAGING = {"broker", "topic", "queue", "dead_letter_queue"}


def score_case(planner: Any, case: dict[str, Any]) -> CaseResult:
    """Plan the case's prompt and apply its refinements; score each against expectations."""
    result = CaseResult(case["id"])
    try:
        graph = planner.plan(case["prompt"]).graph
    except PlannerError as exc:
        result.notes.append(f"plan failed: {exc}")
        expected = case["expect"]
        result.components.expected = len(expected.get("components", []))
        return result
    expect = case["expect"]
    mapping = match_components(graph, expect.get("components", []))
    _components(result, graph, expect, mapping)
    _routes(result, graph, expect, mapping)
    _flows(result, graph, expect, mapping)
    _patterns(result, graph, expect)
    _checks(result, graph, expect)
    _refinements(result, planner, graph, case.get("refinements", []))
    return result


def _components(
    result: CaseResult, graph: Graph, expect: dict[str, Any], mapping: dict[str, str]
) -> None:
    expected = expect.get("components", [])
    optional = expect.get("optional", [])
    result.components.expected = len(expected)
    result.components.hit = len(mapping)
    extras = [c for c in graph.components if c.id not in mapping]
    counted = {
        k: kind
        for k, kind in (("databases_at_least", "database"), ("queues_at_least", "queue"))
        if k in expect
    }
    allowed = [
        c for c in extras if _optional(c, optional, graph) or c.kind.value in counted.values()
    ]
    result.components.predicted = len(graph.components) - len(allowed)
    result.components.right = len(mapping)
    missing = [e["name"] for e in expected if e["name"] not in mapping.values()]
    if missing:
        result.notes.append("missing: " + ", ".join(missing))
    unexpected = [f"{c.name}({c.kind})" for c in extras if c not in allowed]
    if unexpected:
        result.notes.append("extra: " + ", ".join(unexpected))


def _optional(component: Any, optional: list[str], graph: Graph) -> bool:
    """Optional names, and what a pattern adds (DLQs, registries, projections...)."""
    if any(name_matches(o, component.name, component.technology) for o in optional):
        return True
    pattern_members = {c for p in graph.patterns for c in p.components}
    return component.id in pattern_members and component.kind not in ("service", "client")


def _pairs(graph: Graph) -> set[tuple[str, str]]:
    return {(e.producer, c) for e in graph.events for c in e.consumers}


def _routes(
    result: CaseResult, graph: Graph, expect: dict[str, Any], mapping: dict[str, str]
) -> None:
    wanted = [
        (e["producer"], c)
        for e in expect.get("events", [])
        if "producer" in e
        for c in e.get("consumers", [])
    ]
    wanted += [tuple(r) for r in expect.get("routes", [])]
    predicted = _pairs(graph)
    score = Score(expected=len(wanted))
    for producer, consumer in wanted:
        p, c = resolve(graph, producer, mapping), resolve(graph, consumer, mapping)
        if any((a, b) in predicted for a in p for b in c):
            score.hit += 1
        else:
            result.notes.append(f"route missing: {producer} -> {consumer}")
    if wanted and expect.get("routes_complete", True):
        known = {cid for cid in mapping}
        scored = [(a, b) for a, b in predicted if a in known and b in known]
        score.predicted = len(scored)
        right = {
            (a, b)
            for p, c in wanted
            for a in resolve(graph, p, mapping)
            for b in resolve(graph, c, mapping)
        }
        score.right = sum(1 for pair in scored if pair in right)
        extra = sorted({(mapping[a], mapping[b]) for a, b in scored if (a, b) not in right})
        result.notes += [f"route extra: {a} -> {b}" for a, b in extra]
    result.routes = score


def _flows(
    result: CaseResult, graph: Graph, expect: dict[str, Any], mapping: dict[str, str]
) -> None:
    wanted = expect.get("flows", [])
    score = Score(expected=len(wanted))
    have = {(f.source, f.target, FAMILY[f.kind.value]) for f in graph.flows}
    ends = {(f.source, f.target) for f in graph.flows}
    matched: set[tuple[str, str]] = set()
    for source, target, family in wanted:
        s, t = resolve(graph, source, mapping), resolve(graph, target, mapping)
        found = [
            (a, b)
            for a in s
            for b in t
            if (a, b, family) in have or (family == "any" and (a, b) in ends)
        ]
        if found:
            score.hit += 1
            matched.update(found)
        else:
            result.notes.append(f"flow missing: {source} -> {target} ({family})")
    known = set(mapping) if wanted else set()
    scored = {(f.source, f.target) for f in graph.flows if f.source in known and f.target in known}
    score.predicted = len(scored)
    score.right = len(scored & matched)
    result.flows = score
    names = {c.id: c.name for c in graph.components}
    extra = sorted(f"{names[a]} -> {names[b]}" for a, b in scored - matched)
    result.notes += [f"flow extra: {e}" for e in extra]


def _patterns(result: CaseResult, graph: Graph, expect: dict[str, Any]) -> None:
    if "patterns" not in expect:
        return
    wanted = set(expect["patterns"])
    optional = set(expect.get("optional_patterns", []))
    have = {p.kind.value for p in graph.patterns}
    result.patterns = Score(
        len(wanted & have), len(wanted), len(have & wanted), len(have - optional)
    )
    if wanted - have:
        result.notes.append("patterns missing: " + ", ".join(sorted(wanted - have)))
    if have - wanted - optional:
        result.notes.append("patterns extra: " + ", ".join(sorted(have - wanted - optional)))


def _checks(result: CaseResult, graph: Graph, expect: dict[str, Any]) -> None:
    checks = graph_checks(graph, expect)
    result.checks = Score(sum(checks.values()), len(checks), sum(checks.values()), len(checks))
    failed = [k for k, ok in checks.items() if not ok]
    if failed:
        result.notes.append("checks failed: " + ", ".join(failed))
    if "no_kinds" in expect:
        result.invented_brokers = sum(
            1 for c in graph.components if c.kind.value in expect["no_kinds"]
        )


def graph_checks(graph: Graph, expect: dict[str, Any]) -> dict[str, bool]:
    """The seed cases' whole-graph checks (counts, kinds, connectivity, saga style)."""
    kinds = [c.kind.value for c in graph.components]
    checks: dict[str, bool] = {}
    counts = {
        "events_at_least": len([e for e in graph.events if e.kind.value == "event"]),
        "compensating_events_at_least": len([e for e in graph.events if e.compensates]),
        "commands_at_least": len([e for e in graph.events if e.kind.value == "command"]),
        "queues_at_least": kinds.count("queue"),
        "databases_at_least": kinds.count("database"),
    }
    for key, have in counts.items():
        if key in expect:
            checks[key] = have >= expect[key]
    if "no_kinds" in expect:
        checks["no_kinds"] = not set(kinds) & set(expect["no_kinds"])
    if "every_service_connected_to" in expect:
        hub = resolve(graph, expect["every_service_connected_to"], {})
        services = [c.id for c in graph.components if c.kind.value == "service"]
        linked = {(f.source, f.target) for f in graph.flows}
        checks["every_service_connected"] = bool(hub) and all(
            any((s, h) in linked or (h, s) in linked for h in hub) for s in services
        )
    if "saga_style" in expect:
        styles = {p.style.value for p in graph.patterns if p.style is not None}
        checks["saga_style"] = expect["saga_style"] in styles
    for e in expect.get("events", []):
        if "name" in e:
            checks[f"event {e['name']}"] = any(
                ev.name in e["name"].split("|") for ev in graph.events
            )
    return checks


def _refinements(
    result: CaseResult, planner: Any, graph: Graph, refinements: list[dict[str, Any]]
) -> None:
    from eval.refinement_checks import refinement_ok

    history = [graph]
    for step in refinements:
        ok, graph_after, why = refinement_ok(planner, history, step)
        result.refinements.expected += 1
        result.refinements.predicted += 1
        if ok:
            result.refinements.hit += 1
            result.refinements.right += 1
        else:
            result.notes.append(f"refinement '{step['say']}': {why}")
        if graph_after is not None:
            history.append(graph_after)
