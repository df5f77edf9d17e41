"""Section 4: synchronous and asynchronous paths, consistency, CQRS, event sourcing, ordering."""

from __future__ import annotations

from diagrams.core.designdoc.catalog import ORDERING
from diagrams.core.designdoc.escape import MAX_ROWS, code, code_list, md, md_list, table
from diagrams.core.designdoc.templates import render
from diagrams.core.graph import STORE_KINDS, Component, ComponentKind, Event, FlowKind
from diagrams.core.lint.facts import Facts, RetryPolicy

TYPICAL_LAG = "under 1 s"


def sync_paths(facts: Facts) -> str:
    """Every synchronous call, as a table."""
    rows = [
        [
            md(facts.name(f.source)),
            md(facts.name(f.target)),
            md(f.label) if f.label else "request/response",
        ]
        for f in facts.graph.flows
        if f.kind == FlowKind.CALL
    ]
    if not rows:
        return "None: no component calls another synchronously."
    note = (
        "\n\nA caller waits for each of these: the callee's latency and availability add to its "
        "own. Use timeouts, retries only on idempotent requests, and a circuit breaker."
    )
    return table(["Caller", "Callee", "Protocol / purpose"], rows) + note


def async_paths(facts: Facts) -> str:
    """Every event from producer through its channel to its consumers."""
    rows = []
    for e in facts.graph.events:
        channel = facts.channel_of(e)
        rows.append(
            [
                code(e.name),
                md(facts.name(e.producer)),
                md(channel.name) if channel else "not specified",
                md_list([facts.name(c) for c in facts.consumers_of(e)], "nobody"),
            ]
        )
    return (
        table(["Event", "Producer", "Channel", "Consumers"], rows)
        or "None: no events are described."
    )


def consistency_boundaries(facts: Facts) -> str:
    """Which stores each service commits to alone, and which stores are shared."""
    lines = []
    for b in facts.graph.boundaries:
        members = [c.name for c in facts.graph.components if c.boundary == b.id]
        lines.append(f"- **{md(b.name)}**: {md_list(members, 'no components')}")
    for c in facts.graph.components:
        writers = [facts.name(w) for w in _writers(facts, c)]
        if c.kind in STORE_KINDS and writers:
            shared = (
                " (shared: a consistency coupling between its writers)" if len(writers) > 1 else ""
            )
            lines.append(f"- {md(c.name)} is written by {md_list(writers)}{shared}")
    intro = (
        "A transaction commits inside one service and its own stores; nothing spans two. "
        "Everything that crosses a line below is eventually consistent."
    )
    return intro + (
        "\n\n" + "\n".join(lines) if lines else "\n\nNo boundaries or stores are described."
    )


def _lag_row(facts: Facts, consumer: str, event: Event) -> list[str]:
    stores = [s.name for s in facts.writes_to(consumer)]
    policy = facts.retry_policy_for(consumer) or RetryPolicy()
    return [
        md(facts.name(consumer)),
        code(event.name),
        md_list(stores, "its in-memory or downstream state"),
        TYPICAL_LAG,
        f"{policy.window_s():g} s of retries, then until the DLQ is redriven",
    ]


def eventual_consistency(facts: Facts) -> str:
    """Where state lags behind an event: each consumer that updates a store from one."""
    pairs = [(c, e) for c, events in facts.consumed.items() for e in events]
    if not pairs:
        return "Nowhere: no component reacts to an event."
    rows = [_lag_row(facts, c, e) for c, e in pairs[:MAX_ROWS]]
    header = ["Consumer", "After event", "State that lags", "Typical lag", "Worst case"]
    return table(header, rows, total=len(pairs))


def _writers(facts: Facts, store: Component) -> list[str]:
    return list(
        dict.fromkeys(f.source for f in facts.in_flows[store.id] if f.kind == FlowKind.WRITE)
    )


def cqrs(facts: Facts) -> str:
    """Read models, the projections that feed them, and who queries them."""
    blocks = []
    for store in (c for c in facts.graph.components if c.kind == ComponentKind.READ_MODEL):
        writers = _writers(facts, store)
        events = list(dict.fromkeys(e.name for w in writers for e in facts.consumed[w]))
        readers = list(
            dict.fromkeys(f.source for f in facts.in_flows[store.id] if f.kind == FlowKind.READ)
        )
        blocks.append(
            f"- **{md(store.name)}** is projected by {md_list([facts.name(w) for w in writers], 'no projection yet')} "
            f"from {code_list(events, 'no events yet')}; queried by "
            f"{md_list([facts.name(r) for r in readers], 'nobody yet')}. It is rebuilt by replaying those events "
            "into an empty copy and switching readers over when it has caught up."
        )
    return "\n".join(blocks) or "No CQRS read model is described."


def event_sourcing(facts: Facts) -> str:
    """Event stores, the aggregates that append to them, and how to replay."""
    blocks = []
    for store in (c for c in facts.graph.components if c.kind == ComponentKind.EVENT_STORE):
        writers = _writers(facts, store)
        events = [e.name for w in writers for e in facts.produced[w]]
        blocks.append(
            f"- **{md(store.name)}** holds the event streams of {md_list([facts.name(w) for w in writers], 'no aggregate yet')} "
            f"({code_list(events, 'no events yet')}). State is rebuilt by replaying a "
            "stream from version 0 (or the latest snapshot); appends use optimistic concurrency on "
            "the expected stream version."
        )
    return "\n".join(blocks) or "No event-sourced aggregate is described."


def ordering(facts: Facts) -> str:
    """Per channel: its events, their keys and the ordering guarantee."""
    per_channel: dict[str, list[Event]] = {}
    for e in facts.graph.events:
        channel = facts.channel_of(e)
        if channel is not None:
            per_channel.setdefault(channel.id, []).append(e)
    rows = []
    for channel_id, events in per_channel.items():
        keys = sorted({e.partition_key for e in events if e.partition_key})
        keyed, unkeyed = ORDERING[facts.family(events[0])]
        names = code_list([e.name for e in events])
        rows.append(
            [
                md(facts.name(channel_id)),
                facts.family(events[0]),
                names,
                md_list(keys),
                keyed if keys else unkeyed,
            ]
        )
    return (
        table(["Channel", "Family", "Events", "Partition keys", "Guarantee"], rows)
        or "No channels are described."
    )


def dataflow_section(facts: Facts) -> str:
    """Section 4."""
    return render(
        "_dataflow.md",
        synchronous=sync_paths(facts),
        asynchronous=async_paths(facts),
        boundaries=consistency_boundaries(facts),
        eventual=eventual_consistency(facts),
        cqrs=cqrs(facts),
        sourcing=event_sourcing(facts),
        ordering=ordering(facts),
    )
