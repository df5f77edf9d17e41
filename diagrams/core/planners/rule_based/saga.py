"""Sagas: a multi-step business transaction with a compensation for every step that can fail.

Choreography: each step reacts to the previous step's event; a failure event travels back and
each earlier step publishes a compensating event. Orchestration: an orchestrator sends each step
a command, hears its reply, and sends compensating commands when a later step fails.
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.draft import DEvent, Draft
from diagrams.core.planners.rule_based.naming import (
    compensating_command,
    compensation_name,
    default_command,
    default_event,
    schema_for,
)
from diagrams.core.planners.rule_based.patterns import main_broker
from diagrams.core.planners.rule_based.text import pascal

_FAILURE = re.compile(r"(Failed|Declined|Rejected|Cancelled|Refunded|Released|Timeout)$")


def domain_of(draft: Draft, cid: str) -> tuple[str, ...]:
    """Lowercase domain words of a component ("Room Inventory Service" -> ("room", "inventory"))."""
    words = draft.components[cid].name.lower().split()
    role = {"service", "api", "svc", "worker", "app", "lambda", "function", "processor"}
    return tuple(w for w in words if w not in role) or tuple(words[:1])


def _event(
    draft: Draft,
    name: str,
    producer: str,
    consumers: list[str],
    channel: str | None,
    kind: str = "event",
    compensates: str | None = None,
) -> str:
    event = draft.events.get(name)
    if event is None:
        entities = [w.lower() for w in re.findall(r"[A-Z][a-z0-9]*", name)]
        what = "Command sent" if kind == "command" else "Published"
        event = DEvent(
            name,
            producer,
            channel=channel,
            kind=kind,
            compensates=compensates,
            schema=schema_for(name, entities),
            description=f"{what} by {draft.components[producer].name}.",
        )
        draft.events[name] = event
    for consumer in consumers:
        if consumer not in event.consumers and consumer != event.producer:
            event.consumers.append(consumer)
    event.channel = event.channel or channel
    draft.route_event(event)
    return name


def _success(draft: Draft, cid: str) -> str:
    for e in draft.events.values():
        if e.producer == cid and not _FAILURE.search(e.name) and e.kind == "event":
            return e.name
    return default_event(domain_of(draft, cid))


def _failure(draft: Draft, cid: str) -> str:
    for e in draft.events.values():
        if e.producer == cid and e.name.endswith(("Failed", "Declined", "Rejected")):
            return e.name
    name = pascal([*domain_of(draft, cid)[-1:], "failed"])
    return name if name[:1].isupper() and name.isascii() else "StepFailed"


def _channel(draft: Draft, channel: str | None) -> str | None:
    if channel:
        return channel
    broker = main_broker(draft)
    return broker.id if broker else None


_FAILS = re.compile(r"(Failed|Declined|Rejected|Unavailable|TimedOut|Timeout|Expired)$")
_UNDOES = re.compile(
    r"(Released|Refunded|Cancelled|Canceled|Reversed|Voided|Unreserved|Restocked|"
    r"Compensated|Unassigned|Freed|Returned|Rolled ?Back)$"
)


def record_described_choreography(draft: Draft, name: str) -> bool:
    """A saga whose failure and compensating events the text names: record it with those
    events (each compensation paired with the step it undoes) and invent none."""
    failures = [e for e in draft.events.values() if _FAILS.search(e.name)]
    undoing = [e for e in draft.events.values() if _UNDOES.search(e.name)]
    if not failures or not undoing:
        return False
    compensations: dict[str, str] = {}
    for undo in undoing:
        done = _undone_by(draft, undo)
        if done is not None:
            undo.compensates = undo.compensates or done.name
            compensations[done.name] = undo.name
    steps = list(dict.fromkeys(e.producer for e in draft.events.values()))
    draft.add_pattern(
        "saga",
        name,
        steps,
        style="choreography",
        details={"steps": steps, "events": [], "compensations": compensations},
    )
    return True


def _undone_by(draft: Draft, undo: DEvent) -> DEvent | None:
    """The event of the same producer (same subject first) that ``undo`` takes back:
    TableReleased -> TableAssigned, PaymentRefunded -> PaymentCaptured."""
    subject = re.findall(r"[A-Z][a-z0-9]*", undo.name)[:1]
    mine = [
        e
        for e in draft.events.values()
        if e.producer == undo.producer
        and e is not undo
        and not _FAILS.search(e.name)
        and not _UNDOES.search(e.name)
    ]
    same = [e for e in mine if subject and e.name.startswith(subject[0])]
    found = same or mine
    return found[0] if found else None


def apply_choreography(
    draft: Draft, steps: list[str], name: str, channel: str | None = None
) -> list[str]:
    """Chain ``steps`` by events, with a failure event and a compensation for each step."""
    if len(steps) < 2:
        return []
    channel = _channel(draft, channel) or draft.ensure_component("Event Bus", "broker").id
    existing = set(draft.events)
    made: list[str] = []
    successes = [_success(draft, s) for s in steps]
    for i, step in enumerate(steps):
        nxt = steps[i + 1] if i + 1 < len(steps) else steps[0]
        made.append(_event(draft, successes[i], step, [nxt], channel))
    for i, step in enumerate(steps[1:], start=1):
        made.append(_event(draft, _failure(draft, step), step, [steps[i - 1]], channel))
    for i, step in enumerate(steps[:-1]):
        undo = compensation_name(successes[i], domain_of(draft, step))
        consumers = [steps[i - 1]] if i else []
        made.append(_event(draft, undo, step, consumers, channel, compensates=successes[i]))
    draft.add_pattern(
        "saga",
        name,
        steps,
        style="choreography",
        details={
            "steps": steps,
            "events": [n for n in made if n not in existing],
            "compensations": _compensations(draft, made),
        },
    )
    return made


def apply_orchestration(
    draft: Draft,
    steps: list[str],
    name: str,
    orchestrator: str | None,
    initiator: str | None = None,
    channel: str | None = None,
    called: set[str] | frozenset[str] = frozenset(),
    names: tuple[dict[str, str], dict[str, str]] = ({}, {}),
    undoers: dict[str, str] | None = None,
) -> list[str]:
    """An orchestrator commanding ``steps``, with compensating commands for completed steps.

    A step the text has the orchestrator call ("shall invoke the Payment Service") keeps that
    call: its command and compensation travel on it, and no reply events are made up."""
    if not steps:
        return []
    if orchestrator is None:
        orchestrator = draft.add_component(
            f"{name} Orchestrator",
            "orchestrator",
            description="Drives the saga and its compensations.",
        ).id
    channel = _channel(draft, channel)
    existing = set(draft.events)
    made: list[str] = []
    if initiator and initiator not in called:
        made.append(_event(draft, _success(draft, initiator), initiator, [orchestrator], channel))
    undoers = undoers or {}
    for i, step in enumerate(steps):
        # the compensations the text names, or one for every step before the last
        undoable = step in names[1] if names[1] or undoers else i < len(steps) - 1
        undoable = undoable or step in undoers
        command = names[0].get(step) or default_command(domain_of(draft, step))
        undo = names[1].get(step) or compensating_command(command)
        undoer = undoers.get(step, step)  # "the Release Stock Lambda as a compensating step"
        if step in called:
            made += _called_step(draft, orchestrator, step, undoable, (command, undo), undoer)
        else:
            made += _step(draft, orchestrator, step, channel, undoable, (command, undo), undoer)
    members = [orchestrator, *([initiator] if initiator else []), *steps]
    draft.add_pattern(
        "saga",
        name,
        members,
        style="orchestration",
        details={
            "steps": steps,
            "orchestrator": orchestrator,
            "events": [n for n in made if n not in existing],
            "compensations": _compensations(draft, made),
        },
    )
    return made


def _step(
    draft: Draft,
    orchestrator: str,
    step: str,
    channel: str | None,
    undoable: bool,
    pair: tuple[str, str],
    undoer: str,
) -> list[str]:
    """Command, reply, failure and (unless it is the last step) compensating command."""
    command, undo = pair
    reply = _success(draft, step)
    made = [
        _event(draft, command, orchestrator, [step], channel, kind="command"),
        _event(draft, reply, step, [orchestrator], channel),
        _event(draft, _failure(draft, step), step, [orchestrator], channel),
    ]
    if undoable:
        made.append(
            _event(draft, undo, orchestrator, [undoer], channel, kind="command", compensates=reply)
        )
    return made


def _called_step(
    draft: Draft,
    orchestrator: str,
    step: str,
    undoable: bool,
    pair: tuple[str, str],
    undoer: str,
) -> list[str]:
    """A step the orchestrator calls: the command on that call, and its compensation."""
    for (s, t, k), flow in list(draft.flows.items()):
        if k == "call" and {s, t} & {step, undoer} and orchestrator in (s, t) and not flow.events:
            del draft.flows[(s, t, k)]  # the command's own call flow replaces the bare call
    command, undo = pair
    made = [_event(draft, command, orchestrator, [step], None, kind="command")]
    if undoable:
        made.append(
            _event(draft, undo, orchestrator, [undoer], None, kind="command", compensates=command)
        )
    return made


def _compensations(draft: Draft, names: list[str]) -> dict[str, str]:
    return {
        draft.events[n].compensates or "": n
        for n in names
        if n in draft.events and draft.events[n].compensates
    }
