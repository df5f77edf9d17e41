"""Pattern builders: each adds a pattern's structure to a Draft, reusing what is there.

Shared by ``plan`` (patterns a description names) and ``refine`` ("add a dead letter queue").
Every builder returns the ids of the components the pattern involves.
"""

from __future__ import annotations

from diagrams.core.planners.rule_based.draft import MESSAGING, STORES, DComponent, Draft
from diagrams.core.planners.rule_based.tech import AWS_FAMILY, AZURE_FAMILY

ACTOR_KINDS = ("service", "function", "stream_processor", "orchestrator", "gateway")


def producers(draft: Draft) -> list[str]:
    """Ids of components that produce events, in order."""
    return list(dict.fromkeys(e.producer for e in draft.events.values()))


def consumers(draft: Draft) -> list[str]:
    """Ids of components that consume events, in order."""
    return list(dict.fromkeys(c for e in draft.events.values() for c in e.consumers))


def main_broker(draft: Draft) -> DComponent | None:
    """The broker (or else topic/queue) that carries the most events."""
    counts: dict[str, int] = {}
    for e in draft.events.values():
        if e.channel:
            counts[e.channel] = counts.get(e.channel, 0) + 1
    ranked = sorted(draft.of_kind("broker"), key=lambda c: -counts.get(c.id, 0))
    if ranked:
        return ranked[0]
    channels = [draft.components[c] for c in counts if c in draft.components]
    return channels[0] if channels else None


def apply_dlq(draft: Draft, source: str | None = None) -> list[str]:
    """A dead letter queue fed by ``source`` (default: the main broker) for failed messages."""
    feed = draft.components.get(source or "") or main_broker(draft)
    if feed is None:
        return _consumer_dlq(draft)
    existing = draft.of_kind("dead_letter_queue")
    dlq = (
        existing[0]
        if existing
        else draft.add_component(
            "Dead Letter Queue" if feed.kind == "broker" else f"{feed.name} DLQ",
            "dead_letter_queue",
            technology=feed.technology,
            description="Holds messages that failed processing after retries, for inspection and replay.",
        )
    )
    draft.add_flow(feed.id, dlq.id, "publish", label="failed messages")
    readers = [e.consumers for e in draft.events.values() if feed.id in (e.channel, e.producer)]
    members = [feed.id, dlq.id, *dict.fromkeys(c for group in readers for c in group)]
    draft.add_pattern(
        "dead_letter_queue", f"{feed.name} dead letters", members, details={"max_receive_count": 5}
    )
    return [dlq.id]


def _consumer_dlq(draft: Draft) -> list[str]:
    """No broker (events go straight to their consumers): the consumers park failures."""
    stores = {c.id for c in draft.of_kind("event_store")}
    projections = [
        f.source
        for f in draft.flows.values()
        if f.target in stores
        and f.kind == "read"
        and draft.components[f.source].kind == "stream_processor"
    ]
    readers = consumers(draft) or list(dict.fromkeys(projections))
    if not readers:
        return []
    existing = draft.of_kind("dead_letter_queue")
    dlq = (
        existing[0]
        if existing
        else draft.add_component(
            "Dead Letter Queue",
            "dead_letter_queue",
            description="Holds events that consumers failed to process, for inspection and replay.",
        )
    )
    for reader in readers:
        draft.add_flow(reader, dlq.id, "publish", label="failed events")
    draft.add_pattern(
        "dead_letter_queue", "Failed events", [dlq.id, *readers], details={"max_receive_count": 5}
    )
    return [dlq.id]


def apply_schema_registry(draft: Draft) -> list[str]:
    """A schema registry the producers register with and the broker validates against."""
    broker = main_broker(draft)
    existing = draft.of_kind("schema_registry")
    registry = (
        existing[0]
        if existing
        else draft.add_component(
            "Schema Registry",
            "schema_registry",
            technology=_registry_tech(broker),
            description="Stores versioned event schemas; producers register, consumers validate.",
        )
    )
    brokers = [b.id for b in draft.of_kind("broker")] or ([broker.id] if broker else [])
    for b in brokers:
        draft.add_flow(b, registry.id, "call", label="validates schemas")
    for producer in producers(draft):
        draft.add_flow(producer, registry.id, "call", label="registers schemas")
    members = [registry.id, *brokers, *producers(draft)]
    draft.add_pattern(
        "schema_registry", "Event schema versioning", members, details={"compatibility": "BACKWARD"}
    )
    return [registry.id]


def _registry_tech(broker: DComponent | None) -> str:
    if broker is None:
        return ""
    if broker.technology in AWS_FAMILY:
        return "Glue Schema Registry"
    if broker.technology in AZURE_FAMILY:
        return "Azure Schema Registry"
    return "Confluent Schema Registry" if broker.technology == "Kafka" else ""


def entity_of(component: DComponent) -> str:
    """The business entity a component is about: "Order Service" -> "Order"."""
    words = [w for w in component.name.split() if w.lower() not in _ROLE_WORDS]
    return " ".join(words[-2:]) or component.name


_ROLE_WORDS = frozenset(
    {
        "service",
        "api",
        "svc",
        "app",
        "worker",
        "processor",
        "lambda",
        "function",
        "db",
        "database",
        "backend",
        "handler",
        "engine",
    }
)


def owned_store(draft: Draft, owner: str, kinds: tuple[str, ...] = ("database",)) -> str | None:
    """The store only ``owner`` writes to, if any."""
    for f in draft.flows.values():
        target = draft.components.get(f.target)
        if f.source == owner and f.kind == "write" and target and target.kind in kinds:
            return f.target
    return None


def apply_event_sourcing(draft: Draft, owner: str) -> list[str]:
    """An event store that ``owner`` appends its events to and replays to rebuild state."""
    service = draft.components[owner]
    entity = entity_of(service)
    stores = [c for c in draft.of_kind("event_store")]
    store = (
        stores[0]
        if stores
        else draft.add_component(
            f"{entity} Event Store",
            "event_store",
            description=f"Append-only log of every {entity.lower()} change; the source of truth.",
        )
    )
    produced = [e.name for e in draft.events.values() if e.producer == owner]
    draft.add_flow(owner, store.id, "write", produced, label="appends events")
    draft.add_flow(owner, store.id, "read", label="replays events to rebuild state")
    _duty(service, f"Stores {entity.lower()} state as a sequence of events")
    draft.add_pattern(
        "event_sourcing",
        f"{entity} event sourcing",
        [owner, store.id],
        details={"aggregate": entity, "event_store": store.id},
    )
    return [store.id]


def described_read_side(draft: Draft) -> tuple[str, str, list[str]] | None:
    """(read store, projector, readers) when the diagram already has a read side: a store one
    event consumer keeps up to date and other components only read ("headcount projector
    maintains counts in Redis; visitor api -> Redis")."""
    consumers_ = set(consumers(draft))
    for store in draft.of_kind("read_model", "cache", "database"):
        into = [f for f in draft.flows.values() if f.target == store.id]
        writers = {f.source for f in into if f.kind == "write" and f.label}  # "maintains ..."
        # "visitor api -> Redis": an arrow says only that it uses the store
        used = [f.source for f in into if f.kind == "read" or (f.kind == "write" and not f.label)]
        readers = [r for r in dict.fromkeys(used) if r not in writers]
        projects = all(
            w in consumers_ or draft.components[w].kind == "stream_processor" for w in writers
        )
        if len(writers) == 1 and projects and readers:
            return store.id, writers.pop(), readers
    return None


def apply_cqrs(draft: Draft, owner: str, replica: bool = False) -> list[str]:
    """Write model, read model and the projection that keeps the read model up to date."""
    service = draft.components[owner]
    entity = entity_of(service)
    read_side = described_read_side(draft)
    write = owned_store(draft, owner, ("event_store", "database"))
    if read_side and write and write != read_side[0]:
        return _cqrs_on(draft, owner, write, read_side)
    write = write or _write_store(draft, owner)
    read_models = draft.of_kind("read_model")
    label = "Read Replica" if replica else "Read Model"
    read = (
        read_models[0]
        if read_models
        else draft.add_component(
            f"{entity} {label}",
            "read_model",
            description=f"Denormalised {entity.lower()} views optimised for queries.",
        )
    )
    projection = _projection(draft, entity, write, read.id)
    readers = [f.source for f in draft.flows.values() if f.target == read.id and f.kind == "read"]
    if not readers:
        draft.add_flow(owner, read.id, "read", label="queries")
    members = [owner, write, projection, read.id, *readers]
    draft.add_pattern(
        "cqrs", f"{entity} CQRS", members, details={"write_model": write, "read_models": [read.id]}
    )
    return [read.id, projection]


def _cqrs_on(
    draft: Draft, owner: str, write: str, read_side: tuple[str, str, list[str]]
) -> list[str]:
    """CQRS over the read side the text describes: no invented read model or projection."""
    read, projector, readers = read_side
    for reader in readers:  # the query side only reads the read model
        if (reader, read, "write") in draft.flows:
            del draft.flows[(reader, read, "write")]
            draft.add_flow(reader, read, "read")
    if projector not in consumers(draft):
        _feed(draft, projector, write)
    entity = entity_of(draft.components[owner])
    members = [owner, write, projector, read, *readers]
    draft.add_pattern(
        "cqrs", f"{entity} CQRS", members, details={"write_model": write, "read_models": [read]}
    )
    return [read, projector]


def _write_store(draft: Draft, owner: str) -> str:
    entity = entity_of(draft.components[owner])
    store = draft.add_component(
        f"{entity} Write DB",
        "database",
        description="Write model: the system of record for commands.",
    )
    draft.add_flow(owner, store.id, "write")
    return store.id


def _projection(draft: Draft, entity: str, write: str, read: str) -> str:
    existing = [
        c
        for c in draft.of_kind("stream_processor")
        if "project" in c.name.lower() or read in draft.neighbours(c.id)
    ]
    projector = (
        existing[0]
        if existing
        else draft.add_component(
            f"{entity} Projection",
            "stream_processor",
            description="Consumes changes from the write side and updates the read model.",
        )
    )
    _feed(draft, projector.id, write)
    draft.add_flow(projector.id, read, "write", label="projects")
    return projector.id


def _feed(draft: Draft, projector: str, write: str) -> None:
    """The projector hears what the write side publishes (or reads its event store)."""
    owner_events = [e for e in draft.events.values() if e.producer in draft.neighbours(write)]
    channel = next((e.channel for e in owner_events if e.channel), None)
    if channel and draft.components[write].kind != "event_store":
        for e in owner_events:
            if e.channel == channel and projector not in e.consumers:
                e.consumers.append(projector)
                draft.add_flow(channel, projector, "subscribe", [e.name])
    else:
        draft.add_flow(projector, write, "read", label="reads new events")


def apply_outbox(draft: Draft, owner: str) -> list[str]:
    """Transactional outbox: state and outgoing events in one transaction, relayed to the broker."""
    service = draft.components[owner]
    entity = entity_of(service)
    db = owned_store(draft, owner) or _write_store(draft, owner)
    relays = [
        c
        for c in draft.components.values()
        if c.technology == "Debezium"
        or "relay" in c.name.lower()
        or ("outbox" in c.name.lower() and c.kind in ("service", "function"))
    ]  # "a background Outbox Publisher reads that table"
    relay = (
        relays[0]
        if relays
        else draft.add_component(
            f"{entity} Outbox Relay",
            "service",
            description="Polls the outbox table and publishes its rows to the broker.",
        )
    )
    draft.add_flow(owner, db, "write", label="state + outbox row in one transaction")
    draft.add_flow(relay.id, db, "read", label="reads outbox")
    for event in draft.events.values():
        if event.producer == owner and event.channel:
            draft.flows.pop((owner, event.channel, "publish"), None)
            draft.add_flow(relay.id, event.channel, "publish", [event.name])
    draft.add_pattern(
        "outbox",
        f"{entity} outbox",
        [owner, db, relay.id],
        details={"outbox_store": db, "relay": relay.id},
    )
    return [relay.id]


def apply_idempotent(draft: Draft, ids: list[str]) -> list[str]:
    """Mark consumers idempotent (they deduplicate by event id)."""
    for cid in ids:
        _duty(draft.components[cid], "Deduplicates events by event id (idempotent consumer)")
    draft.add_pattern(
        "idempotent_consumer", "Idempotent consumers", ids, details={"dedup_key": "eventId"}
    )
    return ids


def apply_retry(draft: Draft, ids: list[str]) -> list[str]:
    """Retries with exponential backoff on transient failures."""
    ids = [cid for cid in ids if cid in draft.components]  # a mention that made no component
    if not ids:
        return []
    for cid in ids:
        _duty(draft.components[cid], "Retries transient failures with exponential backoff")
    draft.add_pattern(
        "retry_backoff",
        "Retry with backoff",
        ids,
        details={"max_attempts": 5, "backoff": "exponential", "initial_ms": 200},
    )
    return ids


def apply_messaging_pattern(draft: Draft, kind: str) -> list[str]:
    """Event notification or event-carried state transfer over the existing events."""
    members = list(dict.fromkeys(producers(draft) + consumers(draft)))
    if not members:
        return []
    name = "Event notification" if kind == "event_notification" else "Event-carried state"
    draft.add_pattern(kind, name, members)
    return members


def _duty(component: DComponent, text: str) -> None:
    if text not in component.responsibilities and len(component.responsibilities) < 30:
        component.responsibilities.append(text)


def actors(draft: Draft) -> list[DComponent]:
    """Components that do work (not stores, channels or clients)."""
    return [
        c
        for c in draft.components.values()
        if c.kind in ACTOR_KINDS and c.kind not in MESSAGING and c.kind not in STORES
    ]
