"""Each fix, carried out as the typed edits it asks for, clears its finding.

The edits here are what the fix's words mean in the graph contract (the planner's job is to
produce them from the words); the test pins down that the checks read the graph the same way,
so a one-click fix never leaves its own finding behind.
"""

from __future__ import annotations

from typing import Any

from diagrams.core.edits import apply_edits, parse_edits
from diagrams.core.graph import Graph
from diagrams.core.lint import lint
from tests.core.golden.graphs import build, order_saga


def fixed(graph: Graph, edits: list[dict[str, Any]]) -> Graph:
    return apply_edits(graph, parse_edits(edits))


def pattern(kind: str, name: str, *components: str) -> dict[str, Any]:
    return {
        "op": "add_pattern",
        "pattern": {"kind": kind, "name": name, "components": list(components)},
    }


ORDER_SAGA_FIXES: dict[str, list[dict[str, Any]]] = {
    "Add a transactional outbox to Payment Service": [
        pattern("outbox", "Payment outbox", "payment-service")
    ],
    "Add a transactional outbox to Inventory Service": [
        pattern("outbox", "Stock outbox", "inventory-service")
    ],
    "Add retries with exponential backoff to Order Projector": [
        pattern("retry_backoff", "Projector retries", "order-projector")
    ],
    "Make Order Projector an idempotent consumer": [
        pattern("idempotent_consumer", "Projector dedup", "order-projector")
    ],
    "Add a compensating event for OrderCreated": [
        {
            "op": "add_event",
            "event": {
                "name": "OrderCancelled",
                "producer": "order-service",
                "consumers": ["payment-service"],
                "channel": "orders-topic",
                "partition_key": "orderId",
                "compensates": "OrderCreated",
            },
        }
    ],
    "Add partition key orderId to OrderShipped": [
        {
            "op": "update_event",
            "name": "OrderShipped",
            "event": order_saga().event("OrderShipped").model_dump(by_alias=True)  # type: ignore[union-attr]
            | {"partition_key": "orderId"},
        }
    ],
    "Remove event NotifyCustomer": [{"op": "remove_event", "name": "NotifyCustomer"}],
}


def test_each_order_saga_fix_clears_its_own_finding():
    graph = order_saga()
    for fix, edits in ORDER_SAGA_FIXES.items():
        assert fix in {f.fix for f in lint(graph)}
        assert fix not in {f.fix for f in lint(fixed(graph, edits))}


def test_applying_every_fix_leaves_no_finding():
    graph = order_saga()
    for edits in ORDER_SAGA_FIXES.values():
        graph = fixed(graph, edits)
    assert [f.fix for f in lint(graph)] == []


def test_renaming_a_command_named_event_clears_the_finding():
    graph = order_saga()
    event = graph.event("NotifyCustomer")
    assert event is not None
    renamed = fixed(
        graph,
        [
            {
                "op": "update_event",
                "name": "NotifyCustomer",
                "event": event.model_dump(by_alias=True) | {"name": "CustomerNotified"},
            }
        ],
    )
    assert "command-named-event" not in {f.check_id for f in lint(renamed)}


def bare_pair() -> Graph:
    return build(
        [("orders", "service"), ("billing", "service"), ("kafka", "broker")],
        events=[
            {
                "name": "OrderPlaced",
                "producer": "orders",
                "consumers": ["billing"],
                "channel": "kafka",
            }
        ],
        patterns=[
            {"kind": "retry_backoff", "name": "Retries", "components": ["billing"]},
            {"kind": "idempotent_consumer", "name": "Dedup", "components": ["billing"]},
        ],
    )


def test_adding_a_dead_letter_queue_fed_by_the_broker_clears_the_finding():
    before = {f.fix for f in lint(bare_pair())}
    assert "Add a dead letter queue for failed events" in before
    after = fixed(
        bare_pair(),
        [
            {
                "op": "add_component",
                "component": {"id": "dlq", "name": "Failed events", "kind": "dead_letter_queue"},
            },
            {"op": "add_flow", "flow": {"source": "kafka", "target": "dlq", "kind": "publish"}},
        ],
    )
    assert "Add a dead letter queue for failed events" not in {f.fix for f in lint(after)}


def test_adding_a_schema_registry_clears_the_versioning_finding():
    assert "Add a schema registry for event versioning" in {f.fix for f in lint(bare_pair())}
    after = fixed(
        bare_pair(),
        [
            {
                "op": "add_component",
                "component": {"id": "registry", "name": "Registry", "kind": "schema_registry"},
            }
        ],
    )
    assert "Add a schema registry for event versioning" not in {f.fix for f in lint(after)}


def test_replacing_the_last_synchronous_call_with_an_event_clears_the_chain():
    graph = build(
        [("a", "service"), ("b", "service"), ("c", "service"), ("kafka", "broker")],
        events=[{"name": "ThingHappened", "producer": "a", "consumers": ["c"], "channel": "kafka"}],
        flows=[
            {"source": "a", "target": "b", "kind": "call"},
            {"source": "b", "target": "c", "kind": "call"},
        ],
    )
    [finding] = [f for f in lint(graph) if f.check_id == "synchronous-call-chain"]
    assert finding.fix == "Replace the synchronous call from B to C with an event"
    after = fixed(
        graph,
        [
            {"op": "remove_flow", "source": "b", "target": "c", "kind": "call"},
            {
                "op": "add_event",
                "event": {
                    "name": "BRequested",
                    "producer": "b",
                    "consumers": ["c"],
                    "channel": "kafka",
                },
            },
        ],
    )
    assert "synchronous-call-chain" not in {f.check_id for f in lint(after)}
