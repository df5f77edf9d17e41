"""Sagas read from the graph: their steps, in causal order, and each step's compensation.

A step is an event (choreography) or a command from the orchestrator (orchestration) that
moves the saga forward. Every step before the last can be undone when a later one fails, so it
needs a compensating event or command (one whose ``compensates`` names the step, or names the
reply to the step's command). The last step is the pivot: once it succeeds the saga completes.
"""

from __future__ import annotations

from dataclasses import dataclass

from diagrams.core.graph import ComponentKind, Event, EventKind, Pattern, PatternKind, SagaStyle
from diagrams.core.lint.facts import Facts
from diagrams.core.lint.naming import is_failure


@dataclass(frozen=True)
class SagaStep:
    """One forward step of a saga."""

    number: int
    event: Event
    handlers: tuple[str, ...]
    replies: tuple[str, ...]
    compensation: Event | None
    needs_compensation: bool


@dataclass(frozen=True)
class Saga:
    """A saga pattern with its resolved style, orchestrator and steps."""

    pattern: Pattern
    style: SagaStyle
    orchestrator: str | None
    steps: tuple[SagaStep, ...]
    failure_events: tuple[Event, ...]


def sagas(facts: Facts) -> list[Saga]:
    """Every saga pattern of the graph, resolved into ordered steps."""
    return [_saga(facts, p) for p in facts.patterns[PatternKind.SAGA]]


def _participants(facts: Facts, pattern: Pattern) -> set[str]:
    return set(pattern.components) or set(facts.by_id)


def _orchestrator(facts: Facts, pattern: Pattern) -> str | None:
    for cid in pattern.components or list(facts.by_id):
        if facts.by_id[cid].kind == ComponentKind.ORCHESTRATOR:
            return cid
    return None


def _saga(facts: Facts, pattern: Pattern) -> Saga:
    members = _participants(facts, pattern)
    orchestrator = _orchestrator(facts, pattern)
    style = pattern.style or (SagaStyle.ORCHESTRATION if orchestrator else SagaStyle.CHOREOGRAPHY)
    involved = [
        e
        for e in facts.graph.events
        if e.producer in members or set(facts.consumers_of(e)) & members
    ]
    # A step moves the saga forward: another participant reacts to it.
    forward = [
        e
        for e in involved
        if e.compensates is None
        and not is_failure(e.name)
        and (set(facts.consumers_of(e)) - {e.producer}) & members
    ]
    commands = [e for e in forward if e.kind == EventKind.COMMAND and e.producer == orchestrator]
    if style == SagaStyle.ORCHESTRATION and commands:
        ordered = commands
    else:
        ordered = _causal_order(facts, forward)
    steps = tuple(_step(facts, i, e, len(ordered), orchestrator) for i, e in enumerate(ordered))
    failures = tuple(e for e in involved if is_failure(e.name) and e.compensates is None)
    return Saga(pattern, style, orchestrator, steps, failures)


def _causal_order(facts: Facts, events: list[Event]) -> list[Event]:
    """Events ordered so each comes after an event its producer reacts to (graph order on ties)."""
    by_name = {e.name: e for e in events}
    reacts_to = {
        e.name: {x.name for x in facts.consumed[e.producer] if x.name in by_name} - {e.name}
        for e in events
    }
    ordered: list[Event] = []
    done: set[str] = set()
    while len(ordered) < len(events):
        ready = [e for e in events if e.name not in done and reacts_to[e.name] <= done]
        if not ready:
            ready = [next(e for e in events if e.name not in done)]
        ordered.append(ready[0])
        done.add(ready[0].name)
    return ordered


def _replies(facts: Facts, step: Event, orchestrator: str | None) -> tuple[str, ...]:
    """For a command from the orchestrator: what its handlers send back to the orchestrator."""
    if step.kind != EventKind.COMMAND or orchestrator is None or step.producer != orchestrator:
        return ()
    return tuple(
        e.name
        for handler in facts.consumers_of(step)
        for e in facts.produced[handler]
        if orchestrator in facts.consumers_of(e) and e.compensates is None
    )


def _step(facts: Facts, index: int, event: Event, total: int, orchestrator: str | None) -> SagaStep:
    replies = _replies(facts, event, orchestrator)
    undone = {event.name, *replies}
    return SagaStep(
        number=index + 1,
        event=event,
        handlers=tuple(facts.consumers_of(event)),
        replies=replies,
        compensation=next((e for e in facts.graph.events if e.compensates in undone), None),
        needs_compensation=index < total - 1,
    )
