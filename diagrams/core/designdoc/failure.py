"""Section 6: delivery, idempotency, retries, dead-letter queues, producers and replay."""

from __future__ import annotations

from diagrams.core.designdoc.escape import MAX_ROWS, code, code_list, md, md_list, table
from diagrams.core.designdoc.templates import render
from diagrams.core.graph import Event
from diagrams.core.lint.facts import Facts, RetryPolicy

DELIVERY = {
    "kafka": "at least once (offset committed after processing)",
    "sqs": "at least once (message deleted after processing; visibility timeout redelivers)",
    "sns": "at least once (fan-out to subscribers; each retries on its own)",
    "amqp": "at least once (manual ack after processing)",
    "event_store": "at least once (subscription checkpoint saved after processing)",
    "other": "at least once (acknowledged after processing)",
}
ALARM = (
    "alarm when its depth stays above 0 for 5 minutes or its oldest message is older than 1 hour"
)
REPLAY = {
    "kafka": "Kafka: stop the consumer group, reset its offsets to the first affected timestamp "
    "(`kafka-consumer-groups --reset-offsets --to-datetime`), restart it. Retention must cover "
    "the replay window.",
    "sqs": "SQS: messages are gone once processed; replay from the producer's outbox or event "
    "store, or redrive from the DLQ.",
    "sns": "SNS: no retention; replay from the producer's outbox or event store.",
    "amqp": "RabbitMQ: consumed messages are gone; replay from the producer's outbox or event "
    "store (or use a stream queue with an offset).",
    "event_store": "Event store: move the subscription's checkpoint back (or start a new "
    "subscription from the beginning) and rebuild projections into a fresh copy.",
    "other": "Replay from the broker's retention if it has one, else from the producer's "
    "outbox or event store.",
}


def _policy_text(policy: RetryPolicy | None) -> str:
    shown = policy or RetryPolicy()
    text = (
        f"{shown.attempts} attempts, {shown.base_delay_s:g} s doubling to {shown.max_delay_s:g} s"
    )
    return text if policy else f"**none declared** (recommended: {text})"


def _processed_ids(facts: Facts, consumer: str) -> str:
    stores = facts.writes_to(consumer) or facts.stores_of(consumer)
    where = (
        f"a processed_events table in {md(stores[0].name)}" if stores else "a store not yet named"
    )
    if facts.is_idempotent(consumer):
        return where
    return f"not kept yet (add {where}, written in the same transaction as the effect)"


def _row(facts: Facts, consumer: str, event: Event) -> list[str]:
    dlq = facts.dead_letter_for(consumer, event)
    return [
        md(facts.name(consumer)),
        code(event.name),
        DELIVERY[facts.family(event)],
        "CloudEvents `source` + `id`",
        _processed_ids(facts, consumer),
        _policy_text(facts.retry_policy_for(consumer)),
        md(dlq) if dlq else "**none**",
    ]


def matrix(facts: Facts) -> str:
    """One row per consumer and event it consumes."""
    pairs = [(c, e) for c, events in facts.consumed.items() for e in events]
    rows = [_row(facts, c, e) for c, e in pairs[:MAX_ROWS]]
    header = [
        "Consumer",
        "Event",
        "Delivery",
        "Idempotency key",
        "Processed ids kept in",
        "Retry",
        "DLQ",
    ]
    return (
        table(header, rows, total=len(pairs))
        or "No component consumes events, so there is nothing to retry."
    )


def retries(facts: Facts) -> str:
    """The declared retry policies and their backoff schedules."""
    lines = []
    for consumer in facts.consumed:
        policy = facts.retry_policy_for(consumer)
        if policy is not None:
            waits = ", ".join(f"{d:g} s" for d in policy.delays()) or "none"
            lines.append(
                f"- {md(facts.name(consumer))}: {policy.attempts} attempts; waits up to {waits} "
                f"(each drawn uniformly from 0 to the bound: full jitter); then the DLQ."
            )
    return "\n".join(lines) or (
        "No retry policy is declared. Recommended default: "
        + _policy_text(RetryPolicy())
        + ", full jitter, then the dead-letter queue."
    )


def dead_letter_queues(facts: Facts) -> str:
    """Each dead-letter queue with who feeds it and its alarm."""
    feeds: dict[str, list[str]] = {}
    for consumer, events in facts.consumed.items():
        for e in events:
            dlq = facts.dead_letter_for(consumer, e)
            if dlq is not None:
                feeds.setdefault(dlq, []).append(facts.name(consumer))
    lines = [
        f"- **{md(name)}**: catches failures of {md_list(list(dict.fromkeys(who)))}; {ALARM}."
        for name, who in feeds.items()
    ]
    return (
        "\n".join(lines) or "No dead-letter queue is described: failed messages have nowhere to go."
    )


def producers(facts: Facts) -> str:
    """How each producer gets its events out reliably."""
    lines = []
    for producer, events in facts.produced.items():
        names = code_list([e.name for e in events])
        method = facts.outbox_of(producer)
        if method == "outbox":
            how = "transactional outbox: the event row commits with the state change; a relay publishes it"
        elif method == "cdc":
            how = "change data capture: events are read from the store's log after commit"
        elif facts.writes_to(producer):
            how = "**dual write** (state, then publish): an outbox is needed, see the findings"
        else:
            how = "direct publish (it keeps no state of its own to keep consistent)"
        lines.append(f"- {md(facts.name(producer))} ({names}): {how}.")
    return "\n".join(lines) or "No component publishes events."


def replay(facts: Facts) -> str:
    """How to replay events on each messaging family in use."""
    families = list(dict.fromkeys(facts.family(e) for e in facts.graph.events))
    lines = [f"- {REPLAY[f]}" for f in families]
    lines.append(
        "- Consumers are idempotent, so a replay overlapping already processed events is "
        "harmless; replay into a new consumer group first when unsure."
    )
    return "\n".join(lines)


def failure_section(facts: Facts) -> str:
    """Section 6."""
    return render(
        "_failure.md",
        matrix=matrix(facts),
        retries=retries(facts),
        dlqs=dead_letter_queues(facts),
        producers=producers(facts),
        replay=replay(facts),
    )
