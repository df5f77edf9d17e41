"""Section 3, the event catalog: one entry per event with envelope, schema and example."""

from __future__ import annotations

import uuid
from typing import Any

from diagrams.core.designdoc.escape import code, fenced_json, md, md_list
from diagrams.core.designdoc.schemas import DIALECT, data_schema, example
from diagrams.core.designdoc.templates import render
from diagrams.core.graph import Event
from diagrams.core.lint.facts import Facts
from diagrams.core.lint.naming import aggregate

EXAMPLE_TIME = "2026-01-15T10:30:00Z"
_NAMESPACE = uuid.UUID("6f1c2b9e-4d7a-4c3b-9e5f-0a1b2c3d4e5f")

# What each messaging family guarantees about order, with and without a key.
ORDERING = {
    "kafka": (
        "in order per partition: one key's events stay in order",
        "spread round-robin over partitions, so no order between events",
    ),
    "sqs": (
        "in order per message group on a FIFO queue (key = MessageGroupId)",
        "a standard queue gives no ordering",
    ),
    "sns": (
        "in order per message group on a FIFO topic (key = MessageGroupId)",
        "a standard topic gives no ordering",
    ),
    "amqp": (
        "in order per queue with a single active consumer; route by key to keep one "
        "key on one queue",
        "competing consumers on one queue can process out of order",
    ),
    "event_store": (
        "in order per stream: one aggregate's events in the order they were appended",
        "in order per stream (the aggregate's id is the stream)",
    ),
    "other": (
        "in order per key where the broker supports keyed partitions",
        "no ordering guarantee is assumed",
    ),
}


def stable_id(*parts: str) -> str:
    """A deterministic UUID for ``parts`` (examples must not change between runs)."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def ordering_text(facts: Facts, event: Event) -> str:
    """The ordering guarantee of ``event`` on its channel, as escaped Markdown."""
    keyed, unkeyed = ORDERING[facts.family(event)]
    if event.partition_key:
        return f"partition key {md(event.partition_key)}: {keyed}"
    return f"none: {unkeyed}"


def envelope(facts: Facts, event: Event, data: Any) -> dict[str, Any]:
    """The CloudEvents 1.0 envelope of an example ``event`` carrying ``data``."""
    subject = aggregate(event.name).lower()
    if isinstance(data, dict) and event.partition_key in data:
        subject += f"/{data[event.partition_key]}"
    body: dict[str, Any] = {
        "specversion": "1.0",
        "id": stable_id(event.producer, event.name, str(event.version)),
        "source": f"/{event.producer}",
        "type": f"{event.producer}.{event.name}.v{event.version}",
        "time": EXAMPLE_TIME,
        "subject": subject,
        "datacontenttype": "application/json",
        "correlationid": stable_id(facts.graph.title, "correlation"),
    }
    if event.partition_key:
        body["partitionkey"] = event.partition_key
    body["data"] = data
    return body


def _channel_text(facts: Facts, event: Event) -> tuple[str, str]:
    channel = facts.channel_of(event)
    broker = facts.broker_of(channel)
    channel_text = (
        f"{md(channel.name)} ({channel.kind.value.replace('_', ' ')})"
        if channel
        else "not specified"
    )
    broker_text = "not specified"
    if broker is not None:
        broker_text = md(broker.name) + (f" ({md(broker.technology)})" if broker.technology else "")
    return channel_text, broker_text


def event_entry(facts: Facts, event: Event) -> str:
    """The catalog entry of one event."""
    schema = data_schema(event)
    data = example(schema)
    channel, broker = _channel_text(facts, event)
    return render(
        "_event.md",
        name=event.name,
        code_name=code(event.name),
        version=str(event.version),
        kind=event.kind.value,
        producer=md(facts.name(event.producer)),
        consumers=md_list([facts.name(c) for c in facts.consumers_of(event)], "none"),
        channel=channel,
        broker=broker,
        ordering=ordering_text(facts, event),
        compensates=code(event.compensates) if event.compensates else "nothing",
        description=f"**Description.** {md(event.description)}" if event.description else "",
        envelope=fenced_json(envelope(facts, event, data)),
        schema=fenced_json({"$schema": DIALECT, **schema}),
        example=fenced_json(data),
    )


def catalog_section(facts: Facts) -> str:
    """Section 3: every event of the graph, in graph order."""
    if not facts.graph.events:
        return "The description names no events yet, so there is nothing to catalog."
    return "\n\n".join(event_entry(facts, e) for e in facts.graph.events)
