"""Facts about a graph that the design checks and the design document share.

One ``Facts`` is built per graph: it indexes components, events, flows and patterns once, so
both the linter and the document answer questions such as "which dead-letter queue catches
this consumer's failures?" the same way. Pure: no I/O, deterministic, graph order preserved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from diagrams.core.graph import (
    MESSAGING_KINDS,
    STORE_KINDS,
    Component,
    ComponentKind,
    Event,
    Flow,
    FlowKind,
    Graph,
    Pattern,
    PatternKind,
)

K = TypeVar("K")
V = TypeVar("V")

# Kinds that count as "a service" in call chains and service sections.
SERVICE_KINDS = frozenset(
    {ComponentKind.SERVICE, ComponentKind.FUNCTION, ComponentKind.ORCHESTRATOR}
)
# Stores whose writes and a publish form a dual write (a cache is allowed to lag).
DURABLE_STORE_KINDS = STORE_KINDS - {ComponentKind.CACHE}

_FAMILIES = (
    ("kafka", re.compile(r"kafka|msk|confluent|redpanda")),
    ("sns", re.compile(r"\bsns\b|simple notification")),
    ("sqs", re.compile(r"\bsqs\b|simple queue")),
    ("amqp", re.compile(r"rabbit|amqp|activemq|qpid|service bus")),
)
_CDC = re.compile(r"debezium|\bcdc\b|change data capture|maxwell")


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter. The defaults are the recommended policy."""

    attempts: int = 5
    base_delay_s: float = 0.2
    max_delay_s: float = 30.0

    def delays(self) -> list[float]:
        """The upper bound of each wait between attempts (jitter picks uniformly below it)."""
        return [
            min(self.max_delay_s, self.base_delay_s * 2**n)
            for n in range(max(self.attempts - 1, 0))
        ]

    def window_s(self) -> float:
        """The longest a message can spend in retries before it is dead-lettered."""
        return round(sum(self.delays()), 3)


def _int_detail(
    details: dict[str, Any], keys: tuple[str, ...], low: float, high: float
) -> float | None:
    for key in keys:
        value = details.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high:
            return float(value)
    return None


def retry_policy_from(pattern: Pattern) -> RetryPolicy:
    """The retry policy a retry_backoff pattern declares, defaults for what it leaves out."""
    d = pattern.details
    default = RetryPolicy()
    attempts = _int_detail(d, ("max_attempts", "attempts", "retries"), 1, 100)
    base_ms = _int_detail(d, ("base_delay_ms", "initial_delay_ms", "backoff_ms"), 1, 3_600_000)
    max_ms = _int_detail(d, ("max_delay_ms",), 1, 86_400_000)
    return RetryPolicy(
        attempts=int(attempts) if attempts is not None else default.attempts,
        base_delay_s=base_ms / 1000 if base_ms is not None else default.base_delay_s,
        max_delay_s=max_ms / 1000 if max_ms is not None else default.max_delay_s,
    )


class Index(dict[K, list[V]]):
    """Lists by key. Reading a missing key gives an empty list without adding the key, so
    iterating an index only ever visits keys that have entries."""

    def __missing__(self, key: K) -> list[V]:
        return []

    def add(self, key: K, value: V) -> None:
        """Append ``value`` to ``key``'s list."""
        self.setdefault(key, []).append(value)


class Facts:
    """Indexes over one graph. Build with ``Facts(graph)``; every method is read-only."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.by_id: dict[str, Component] = {c.id: c for c in graph.components}
        self.out_flows: Index[str, Flow] = Index()
        self.in_flows: Index[str, Flow] = Index()
        for f in graph.flows:
            self.out_flows.add(f.source, f)
            self.in_flows.add(f.target, f)
        self.patterns: Index[PatternKind, Pattern] = Index()
        for p in graph.patterns:
            self.patterns.add(p.kind, p)
        self._subscribers, self._store_readers = self._readers()
        self.produced: Index[str, Event] = Index()
        self.consumed: Index[str, Event] = Index()
        for e in graph.events:
            self.produced.add(e.producer, e)
            for c in self.consumers_of(e):
                self.consumed.add(c, e)
        self.cdc = [
            c.id for c in graph.components if _CDC.search(f"{c.technology} {c.name}".lower())
        ]
        self.brokers = [c for c in graph.components if c.kind == ComponentKind.BROKER]
        self.dlqs = [c for c in graph.components if c.kind == ComponentKind.DEAD_LETTER_QUEUE]

    def _readers(self) -> tuple[Index[str, str], Index[str, str]]:
        """Subscribers by event name, and readers by event store: projections and subscribers
        of an event store consume what is appended to it."""
        subscribers: Index[str, str] = Index()
        store_readers: Index[str, str] = Index()
        for f in self.graph.flows:
            source, target = self.by_id[f.source].kind, self.by_id[f.target].kind
            if f.kind == FlowKind.SUBSCRIBE and target not in MESSAGING_KINDS:
                for name in f.events:
                    subscribers.add(name, f.target)
            if f.kind == FlowKind.READ and target == ComponentKind.EVENT_STORE:
                store_readers.add(f.target, f.source)
            elif f.kind == FlowKind.SUBSCRIBE and source == ComponentKind.EVENT_STORE:
                store_readers.add(f.source, f.target)
        return subscribers, store_readers

    # Components and their neighbours

    def name(self, component_id: str | None) -> str:
        """A component's display name (its id if it is unknown)."""
        component = self.by_id.get(component_id or "")
        return component.name if component else (component_id or "")

    def services(self) -> list[Component]:
        """Service-like components (services, functions, orchestrators), in graph order."""
        return [c for c in self.graph.components if c.kind in SERVICE_KINDS]

    def neighbours(self, component_id: str) -> list[str]:
        """Ids joined to ``component_id`` by any flow, either way, in flow order, no repeats."""
        ends = [f.target for f in self.out_flows[component_id]]
        ends += [f.source for f in self.in_flows[component_id]]
        return list(dict.fromkeys(ends))

    def stores_of(self, component_id: str) -> list[Component]:
        """The stores ``component_id`` reads or writes."""
        return self._targets(component_id, {FlowKind.READ, FlowKind.WRITE}, STORE_KINDS)

    def writes_to(self, component_id: str) -> list[Component]:
        """The durable stores ``component_id`` writes (caches excluded)."""
        return self._targets(component_id, {FlowKind.WRITE}, DURABLE_STORE_KINDS)

    def calls_from(self, component_id: str) -> list[Component]:
        """The components ``component_id`` calls synchronously."""
        return self._targets(component_id, {FlowKind.CALL}, None)

    def _targets(
        self, component_id: str, kinds: set[FlowKind], target_kinds: frozenset[ComponentKind] | None
    ) -> list[Component]:
        seen: dict[str, Component] = {}
        for f in self.out_flows[component_id]:
            target = self.by_id[f.target]
            if f.kind in kinds and (target_kinds is None or target.kind in target_kinds):
                seen.setdefault(target.id, target)
        return list(seen.values())

    # Messaging

    def consumers_of(self, event: Event) -> list[str]:
        """Who consumes ``event``: its declared consumers, then subscribers of flows carrying it."""
        readers = [r for s in self._event_stores_of(event) for r in self._store_readers[s]]
        found = [*event.consumers, *self._subscribers[event.name], *readers]
        return list(dict.fromkeys(c for c in found if c != event.producer or c in event.consumers))

    def _event_stores_of(self, event: Event) -> list[str]:
        """Event stores ``event`` is appended to: its producer writes them."""
        return [
            f.target
            for f in self.out_flows[event.producer]
            if f.kind == FlowKind.WRITE
            and self.by_id[f.target].kind == ComponentKind.EVENT_STORE
            and (not f.events or event.name in f.events)
        ]

    def channel_of(self, event: Event) -> Component | None:
        """The topic, queue or broker ``event`` travels on: declared, else its publish flow's,
        else the event store it is appended to."""
        if event.channel is not None:
            return self.by_id[event.channel]
        for f in self.out_flows[event.producer]:
            if f.kind == FlowKind.PUBLISH and event.name in f.events:
                return self.by_id[f.target]
        stores = self._event_stores_of(event)
        return self.by_id[stores[0]] if stores else None

    def broker_of(self, channel: Component | None) -> Component | None:
        """The broker that hosts ``channel`` (the channel itself when it is a broker)."""
        if channel is None or channel.kind == ComponentKind.BROKER:
            return channel
        for other in self.neighbours(channel.id):
            if self.by_id[other].kind == ComponentKind.BROKER:
                return self.by_id[other]
        # A topic drawn apart from its broker: the system's only broker, if it has one.
        if channel.kind in MESSAGING_KINDS and len(self.brokers) == 1:
            return self.brokers[0]
        return None

    def family(self, event: Event) -> str:
        """The family of ``event``'s channel: kafka, amqp, sqs, sns, event_store or other."""
        channel = self.channel_of(event)
        if channel is not None and channel.kind == ComponentKind.EVENT_STORE:
            return "event_store"
        for component in (channel, self.broker_of(channel)):
            if component is not None and (found := self.family_of(component)) != "other":
                return found
        return "other"

    @staticmethod
    def family_of(component: Component) -> str:
        """The messaging family named by ``component``'s technology or name."""
        text = f"{component.technology} {component.name}".lower()
        return next((family for family, pattern in _FAMILIES if pattern.search(text)), "other")

    def is_event_driven(self) -> bool:
        """True when at least one event reaches a consumer."""
        return any(self.consumers_of(e) for e in self.graph.events)

    # Patterns

    def applies(self, kind: PatternKind, component_ids: set[str]) -> list[Pattern]:
        """Patterns of ``kind`` that name any of ``component_ids`` (or name no component)."""
        return [
            p for p in self.patterns[kind] if not p.components or component_ids & set(p.components)
        ]

    def dead_letter_for(self, consumer: str, event: Event) -> str | None:
        """The name of the dead-letter queue that catches ``consumer``'s failures on ``event``:
        a drawn one linked to the consumer, its channel or broker; else one a pattern implies."""
        channel = self.channel_of(event)
        broker = self.broker_of(channel)
        related = {consumer} | {c.id for c in (channel, broker) if c is not None}
        for dlq in self.dlqs:
            links = set(self.neighbours(dlq.id))
            if links & related or not links:
                return dlq.name
        for p in self.applies(PatternKind.DEAD_LETTER_QUEUE, related):
            drawn = [
                self.by_id[c]
                for c in p.components
                if self.by_id[c].kind == ComponentKind.DEAD_LETTER_QUEUE
            ]
            if drawn:
                return drawn[0].name
            return f"{(channel.id if channel else consumer)}.dlq"
        return None

    def retry_policy_for(self, consumer: str) -> RetryPolicy | None:
        """The declared retry policy of ``consumer``, or None when none is declared."""
        found = self.applies(PatternKind.RETRY_BACKOFF, {consumer})
        return retry_policy_from(found[0]) if found else None

    def is_idempotent(self, consumer: str) -> bool:
        """True when an idempotent_consumer pattern covers ``consumer``."""
        return bool(self.applies(PatternKind.IDEMPOTENT_CONSUMER, {consumer}))

    def outbox_of(self, producer: str) -> str | None:
        """How ``producer`` publishes atomically with its writes: 'outbox', 'cdc' or None."""
        if self.applies(PatternKind.OUTBOX, {producer}):
            return "outbox"
        stores = {s.id for s in self.writes_to(producer)}
        if any(stores & set(self.neighbours(cdc)) for cdc in self.cdc):
            return "cdc"
        for store in stores:
            if any(f.kind == FlowKind.PUBLISH for f in self.out_flows[store]):
                return "cdc"
        return None

    def publishes(self, producer: str) -> bool:
        """True when ``producer`` sends an event anywhere but a store it writes (appending to
        its own event store is one write, not a publish)."""
        own = {s.id for s in self.writes_to(producer)}
        for e in self.produced[producer]:
            channel = self.channel_of(e)
            if (channel is not None and channel.id not in own) or (channel is None and e.consumers):
                return True
        return False
