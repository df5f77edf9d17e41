"""Design checks about events themselves: naming, consumers, versioning, granularity, ordering."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from diagrams.core.graph import ComponentKind, Event, EventKind, PatternKind
from diagrams.core.lint.facts import Facts
from diagrams.core.lint.findings import Finding, Severity
from diagrams.core.lint.naming import aggregate, camel, event_form, looks_like_command
from diagrams.core.lint.sagas import sagas

# A producer emitting this many events about one aggregate (or in total) is suspect.
EXPLOSION_PER_AGGREGATE = 6
EXPLOSION_PER_PRODUCER = 10
_FINE_GRAINED = ("Changed", "Updated", "Set", "Modified", "Edited")
_LISTED = 5
# A field name a chat instruction can carry as one word.
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def listed(names: list[str]) -> str:
    """``a, b, c and 2 more`` for messages."""
    shown = ", ".join(names[:_LISTED])
    return shown + (f" and {len(names) - _LISTED} more" if len(names) > _LISTED else "")


def command_named_events(facts: Facts) -> list[Finding]:
    """An event (kind event) named like a command: ``CreateOrder`` instead of ``OrderCreated``."""
    taken = {e.name for e in facts.graph.events}
    findings = []
    for e in facts.graph.events:
        if e.kind != EventKind.EVENT or not looks_like_command(e.name):
            continue
        better = event_form(e.name)
        fix = (
            f"Rename event {e.name} to {better}"
            if better not in taken
            else f"Remove event {e.name}"
        )
        findings.append(
            Finding(
                "command-named-event",
                Severity.WARNING,
                "Event named like a command",
                f"{e.name} is published as an event but named like a command. Events are "
                f"immutable facts named in the past tense ({better}); a command asks one "
                "receiver to act.",
                fix,
                (e.producer,),
                (e.name,),
            )
        )
    return findings


def unconsumed_events(facts: Facts) -> list[Finding]:
    """An event that no component consumes."""
    return [
        Finding(
            "unconsumed-event",
            Severity.WARNING,
            "Event nobody consumes",
            f"{e.name} from {facts.name(e.producer)} has no consumer: it costs a schema, a "
            "topic and a producer path that nothing relies on. Name its consumers or drop it.",
            f"Remove event {e.name}",
            (e.producer,),
            (e.name,),
        )
        for e in facts.graph.events
        if not facts.consumers_of(e)
    ]


def unversioned_events(facts: Facts) -> list[Finding]:
    """Events with no schema registry: no enforced version or correlation id contract."""
    events = [e for e in facts.graph.events if facts.consumers_of(e)]
    has_registry = any(c.kind == ComponentKind.SCHEMA_REGISTRY for c in facts.graph.components)
    if not events or has_registry or facts.patterns[PatternKind.SCHEMA_REGISTRY]:
        return []
    names = [e.name for e in events]
    return [
        Finding(
            "events-without-schema-registry",
            Severity.WARNING,
            "Events are not versioned",
            f"No schema registry checks the events ({listed(names)}): nothing enforces their "
            "version or the correlation id in their envelope, so a schema change can break "
            "consumers and a request cannot be traced across services.",
            "Add a schema registry for event versioning",
            tuple(sorted({e.producer for e in events})),
            tuple(names),
        )
    ]


def _explosion_victim(events: list[Event], facts: Facts) -> Event:
    fine = [e for e in events if e.name.endswith(_FINE_GRAINED)] or events
    return min(reversed(fine), key=lambda e: len(facts.consumers_of(e)))


def event_explosion(facts: Facts) -> list[Finding]:
    """One producer emitting many fine-grained events about one aggregate."""
    findings = []
    for producer, produced in facts.produced.items():
        events = [e for e in produced if e.kind == EventKind.EVENT and e.compensates is None]
        groups: dict[str, list[Event]] = defaultdict(list)
        for e in events:
            groups[aggregate(e.name)].append(e)
        big = [g for g in groups.values() if len(g) >= EXPLOSION_PER_AGGREGATE]
        if not big and len(events) >= EXPLOSION_PER_PRODUCER:
            big = [events]
        for group in big:
            victim = _explosion_victim(group, facts)
            names = [e.name for e in group]
            findings.append(
                Finding(
                    "event-explosion",
                    Severity.INFO,
                    "Event explosion",
                    f"{facts.name(producer)} emits {len(group)} fine-grained events "
                    f"({listed(names)}). Group related changes into fewer meaningful domain "
                    f"events; {victim.name} is the first candidate to fold into another.",
                    f"Remove event {victim.name}",
                    (producer,),
                    tuple(names),
                )
            )
    return findings


def _ordering_sensitive(facts: Facts) -> set[str]:
    sensitive: set[str] = set()
    sourced = {c for p in facts.patterns[PatternKind.EVENT_SOURCING] for c in p.components}
    for producer, events in facts.produced.items():
        per_aggregate: dict[str, list[str]] = defaultdict(list)
        for e in events:
            per_aggregate[aggregate(e.name)].append(e.name)
        sensitive |= {n for names in per_aggregate.values() if len(names) > 1 for n in names}
        if producer in sourced:
            sensitive |= {e.name for e in events}
    for saga in sagas(facts):
        sensitive |= {s.event.name for s in saga.steps}
    return sensitive


def _id_fields(event: Event) -> list[str]:
    props = event.schema_.get("properties")
    names = [str(k) for k in props] if isinstance(props, dict) else []
    return [n for n in names if n.endswith(("Id", "_id")) and _FIELD.fullmatch(n)]


def partition_field(event: Event, shared: Counter[str]) -> str:
    """The data field to partition ``event`` by.

    Among its id fields, the one most events carry (``shared`` counts them): the id that
    correlates a flow of events (``orderId`` through a whole order saga) keeps that flow in
    order on one partition. On a tie, its own aggregate's id; with no id field, that id's name.
    """
    wanted = camel(aggregate(event.name)) + "Id"
    ids = _id_fields(event)
    if not ids:
        return wanted
    return max(ids, key=lambda n: (shared[n], n == wanted, -ids.index(n)))


def missing_partition_keys(facts: Facts) -> list[Finding]:
    """Ordering-sensitive events (state changes of one aggregate) without a partition key."""
    sensitive = _ordering_sensitive(facts)
    shared = Counter(n for e in facts.graph.events for n in _id_fields(e))
    findings = []
    for e in facts.graph.events:
        if e.name not in sensitive or e.partition_key or facts.channel_of(e) is None:
            continue
        if facts.family(e) == "event_store":
            continue  # an event store orders each aggregate's stream itself
        field = partition_field(e, shared)
        findings.append(
            Finding(
                "ordering-without-partition-key",
                Severity.WARNING,
                "Ordering-sensitive event without a partition key",
                f"{e.name} changes the state of one {aggregate(e.name)} alongside other events, "
                f"but has no partition key: consumers can see its events out of order. "
                f"Partition by {field} so one {aggregate(e.name)}'s events stay in order.",
                f"Add partition key {field} to {e.name}",
                (e.producer,),
                (e.name,),
            )
        )
    return findings
