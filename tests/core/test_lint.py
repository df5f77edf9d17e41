"""Design checks: each anti-pattern is found, its absence is not flagged, and every fix is a
chat instruction from the shared vocabulary."""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

import pytest

from diagrams.core.graph import Graph, parse_graph
from diagrams.core.lint import Finding, Severity, lint
from tests.core.golden.graphs import order_saga, order_saga_data
from tests.core.golden.vocabulary import in_vocabulary


def ids(findings: list[Finding]) -> list[str]:
    return [f.check_id for f in findings]


def kafka_pair(**event: Any) -> dict[str, Any]:
    """A producer and a consumer on a Kafka topic, fully hardened unless ``event`` says otherwise."""
    base_event = {
        "name": "OrderPlaced",
        "producer": "orders",
        "consumers": ["billing"],
        "channel": "topic",
        "partition_key": "orderId",
    }
    return {
        "title": "Pair",
        "components": [
            {"id": "orders", "name": "Orders", "kind": "service"},
            {"id": "billing", "name": "Billing", "kind": "service"},
            {"id": "topic", "name": "orders", "kind": "topic", "technology": "Kafka"},
            {"id": "dlq", "name": "DLQ", "kind": "dead_letter_queue"},
            {"id": "registry", "name": "Registry", "kind": "schema_registry"},
        ],
        "events": [base_event | event],
        "flows": [
            {"source": "orders", "target": "topic", "kind": "publish", "events": ["OrderPlaced"]},
            {"source": "topic", "target": "dlq", "kind": "publish"},
        ],
        "patterns": [
            {"kind": "retry_backoff", "name": "Retries", "components": ["billing"]},
            {"kind": "idempotent_consumer", "name": "Dedup", "components": ["billing"]},
        ],
    }


def test_it_finds_nothing_in_a_hardened_producer_consumer_pair():
    assert lint(parse_graph(kafka_pair())) == []


def test_it_flags_an_event_named_like_a_command_and_suggests_the_past_tense():
    data = kafka_pair(name="CreateOrder")
    data["flows"][0]["events"] = ["CreateOrder"]
    [finding] = [f for f in lint(parse_graph(data)) if f.check_id == "command-named-event"]
    assert finding.fix == "Rename event CreateOrder to OrderCreated"
    assert finding.events == ("CreateOrder",)
    assert finding.severity == Severity.WARNING


def test_it_does_not_flag_a_command_named_like_a_command():
    data = kafka_pair(name="CreateOrder", kind="command")
    data["flows"][0]["events"] = ["CreateOrder"]
    assert "command-named-event" not in ids(lint(parse_graph(data)))


def test_it_suggests_removing_a_command_named_event_whose_event_form_exists():
    data = kafka_pair(name="ShipOrder")
    data["flows"][0]["events"] = ["ShipOrder"]
    data["events"].append(
        {"name": "OrderShipped", "producer": "orders", "consumers": ["billing"], "channel": "topic"}
    )
    fixes = [f.fix for f in lint(parse_graph(data)) if f.check_id == "command-named-event"]
    assert fixes == ["Remove event ShipOrder"]


def test_it_flags_an_event_nobody_consumes():
    found = lint(parse_graph(kafka_pair(consumers=[])))
    [finding] = [f for f in found if f.check_id == "unconsumed-event"]
    assert finding.fix == "Remove event OrderPlaced"


def test_it_counts_subscribe_flows_as_consumers():
    data = kafka_pair(consumers=[])
    data["flows"].append(
        {"source": "topic", "target": "billing", "kind": "subscribe", "events": ["OrderPlaced"]}
    )
    assert "unconsumed-event" not in ids(lint(parse_graph(data)))


def test_it_flags_a_consumer_without_dead_letter_queue_retry_or_idempotency():
    data = kafka_pair()
    data["components"] = [c for c in data["components"] if c["id"] != "dlq"]
    data["flows"] = data["flows"][:1]
    data["patterns"] = []
    found = {f.check_id: f for f in lint(parse_graph(data))}
    assert (
        found["consumer-without-dead-letter-queue"].fix
        == "Add a dead letter queue for failed events"
    )
    assert (
        found["consumer-without-retry-policy"].fix
        == "Add retries with exponential backoff to Billing"
    )
    assert found["consumer-not-idempotent"].fix == "Make Billing an idempotent consumer"
    assert found["consumer-not-idempotent"].severity == Severity.INFO


def test_a_dead_letter_queue_pattern_on_the_broker_covers_its_consumers():
    data = kafka_pair()
    data["flows"] = data["flows"][:1]
    data["components"].append({"id": "kafka", "name": "Kafka", "kind": "broker"})
    data["patterns"].append(
        {"kind": "dead_letter_queue", "name": "DLQ", "components": ["kafka", "dlq"]}
    )
    assert "consumer-without-dead-letter-queue" not in ids(lint(parse_graph(data)))


def choreography(compensated: bool) -> Graph:
    events = [
        {"name": "OrderPlaced", "producer": "orders", "consumers": ["payments"], "channel": "bus"},
        {"name": "PaymentTaken", "producer": "payments", "consumers": ["stock"], "channel": "bus"},
        {"name": "StockReserved", "producer": "stock", "consumers": ["orders"], "channel": "bus"},
    ]
    if compensated:
        events += [
            {
                "name": "OrderRejected",
                "producer": "orders",
                "compensates": "OrderPlaced",
                "consumers": ["payments"],
            },
            {
                "name": "PaymentRefunded",
                "producer": "payments",
                "compensates": "PaymentTaken",
                "consumers": ["orders"],
            },
        ]
    comps = [
        {"id": i, "name": i.title(), "kind": "service"} for i in ("orders", "payments", "stock")
    ]
    comps.append({"id": "bus", "name": "Bus", "kind": "broker", "technology": "RabbitMQ"})
    saga = {
        "kind": "saga",
        "name": "Checkout",
        "style": "choreography",
        "components": ["orders", "payments", "stock"],
    }
    return parse_graph({"components": comps, "events": events, "patterns": [saga]})


def test_it_flags_each_saga_step_before_the_pivot_that_has_no_compensation():
    found = [f for f in lint(choreography(False)) if f.check_id == "saga-step-without-compensation"]
    assert sorted(f.fix for f in found) == [
        "Add a compensating event for OrderPlaced",
        "Add a compensating event for PaymentTaken",
    ]
    assert {f.severity for f in found} == {Severity.ERROR}


def test_a_fully_compensated_saga_has_no_compensation_finding():
    assert "saga-step-without-compensation" not in ids(lint(choreography(True)))


def test_an_orchestrated_saga_accepts_compensation_of_the_reply_event():
    comps = [{"id": i, "name": i.title(), "kind": "service"} for i in ("payments", "stock")]
    comps.append({"id": "saga", "name": "Saga Orchestrator", "kind": "orchestrator"})
    events = [
        {"name": "TakePayment", "kind": "command", "producer": "saga", "consumers": ["payments"]},
        {"name": "PaymentTaken", "producer": "payments", "consumers": ["saga"]},
        {"name": "ReserveStock", "kind": "command", "producer": "saga", "consumers": ["stock"]},
        {
            "name": "RefundPayment",
            "kind": "command",
            "producer": "saga",
            "consumers": ["payments"],
            "compensates": "PaymentTaken",
        },
    ]
    saga = {
        "kind": "saga",
        "name": "Checkout",
        "style": "orchestration",
        "components": ["saga", "payments", "stock"],
    }
    graph = parse_graph({"components": comps, "events": events, "patterns": [saga]})
    assert "saga-step-without-compensation" not in ids(lint(graph))


def test_it_flags_events_without_a_schema_registry():
    data = kafka_pair()
    data["components"] = [c for c in data["components"] if c["id"] != "registry"]
    [finding] = [
        f for f in lint(parse_graph(data)) if f.check_id == "events-without-schema-registry"
    ]
    assert finding.fix == "Add a schema registry for event versioning"
    assert "correlation id" in finding.message


def test_it_flags_a_dual_write_and_accepts_an_outbox():
    data = kafka_pair()
    data["components"].append({"id": "orders-db", "name": "Orders DB", "kind": "database"})
    data["flows"].append({"source": "orders", "target": "orders-db", "kind": "write"})
    [finding] = [f for f in lint(parse_graph(data)) if f.check_id == "dual-write-without-outbox"]
    assert finding.fix == "Add a transactional outbox to Orders"
    assert finding.components == ("orders", "orders-db")
    data["patterns"].append({"kind": "outbox", "name": "Outbox", "components": ["orders"]})
    assert "dual-write-without-outbox" not in ids(lint(parse_graph(data)))


def test_change_data_capture_on_the_store_counts_as_an_outbox():
    data = kafka_pair()
    data["components"] += [
        {"id": "orders-db", "name": "Orders DB", "kind": "database"},
        {"id": "cdc", "name": "CDC", "kind": "stream_processor", "technology": "Debezium"},
    ]
    data["flows"] += [
        {"source": "orders", "target": "orders-db", "kind": "write"},
        {"source": "cdc", "target": "orders-db", "kind": "read"},
    ]
    assert "dual-write-without-outbox" not in ids(lint(parse_graph(data)))


def call_chain(length: int, event_driven: bool = True) -> Graph:
    data = kafka_pair() if event_driven else {"components": []}
    chain = [f"svc-{i}" for i in range(length)]
    data["components"] = data["components"] + [
        {"id": c, "name": f"Svc {c[-1]}", "kind": "service"} for c in chain
    ]
    data.setdefault("flows", [])
    data["flows"] = data["flows"] + [
        {"source": a, "target": b, "kind": "call"} for a, b in pairwise(chain)
    ]
    return parse_graph(data)


def test_it_flags_a_synchronous_chain_three_services_deep_in_an_event_driven_system():
    [finding] = [f for f in lint(call_chain(3)) if f.check_id == "synchronous-call-chain"]
    assert finding.components == ("svc-0", "svc-1", "svc-2")
    assert finding.fix == "Replace the synchronous call from Svc 1 to Svc 2 with an event"


def test_it_accepts_two_service_calls_and_purely_synchronous_systems():
    assert "synchronous-call-chain" not in ids(lint(call_chain(2)))
    assert "synchronous-call-chain" not in ids(lint(call_chain(4, event_driven=False)))


def test_it_survives_a_cycle_of_synchronous_calls():
    data = kafka_pair()
    data["components"] += [{"id": c, "name": c, "kind": "service"} for c in ("a", "b", "c")]
    data["flows"] += [
        {"source": s, "target": t, "kind": "call"} for s, t in (("a", "b"), ("b", "c"), ("c", "a"))
    ]
    found = [f for f in lint(parse_graph(data)) if f.check_id == "synchronous-call-chain"]
    assert found and all(len(f.components) == 3 for f in found)


def test_it_flags_event_explosion_and_suggests_removing_a_fine_grained_event():
    data = kafka_pair()
    fields = ["Name", "Email", "Phone", "Address", "Avatar", "Locale"]
    data["events"] = [
        {
            "name": f"Customer{f}Changed",
            "producer": "orders",
            "consumers": ["billing"],
            "channel": "topic",
            "partition_key": "customerId",
        }
        for f in fields
    ]
    data["flows"][0]["events"] = []
    [finding] = [f for f in lint(parse_graph(data)) if f.check_id == "event-explosion"]
    assert len(finding.events) == 6
    assert finding.fix == "Remove event CustomerLocaleChanged"


def test_it_flags_ordering_sensitive_events_without_a_partition_key():
    data = kafka_pair(
        partition_key=None, schema={"type": "object", "properties": {"orderId": {"type": "string"}}}
    )
    data["events"].append(
        {
            "name": "OrderCancelled",
            "producer": "orders",
            "consumers": ["billing"],
            "channel": "topic",
            "partition_key": "orderId",
        }
    )
    [finding] = [
        f for f in lint(parse_graph(data)) if f.check_id == "ordering-without-partition-key"
    ]
    assert finding.fix == "Add partition key orderId to OrderPlaced"


def test_a_lone_event_is_not_ordering_sensitive():
    assert "ordering-without-partition-key" not in ids(
        lint(parse_graph(kafka_pair(partition_key=None)))
    )


def test_every_fix_of_the_fixture_is_in_the_shared_vocabulary():
    findings = lint(order_saga())
    assert findings
    assert all(in_vocabulary(f.fix) for f in findings), [f.fix for f in findings]


def test_the_fixture_findings_are_the_expected_ones_most_severe_first():
    found = [(f.severity.value, f.check_id, f.fix) for f in lint(order_saga())]
    assert found[0][0] == "error"
    assert (
        "error",
        "saga-step-without-compensation",
        "Add a compensating event for OrderCreated",
    ) in found
    assert ("warning", "unconsumed-event", "Remove event NotifyCustomer") in found
    assert (
        "warning",
        "ordering-without-partition-key",
        "Add partition key orderId to OrderShipped",
    ) in found
    assert [f[0] for f in found] == sorted(
        (f[0] for f in found), key=["error", "warning", "info"].index
    )


def test_findings_serialise_to_json_and_are_deterministic():
    first = [f.to_json() for f in lint(order_saga())]
    second = [f.to_json() for f in lint(parse_graph(order_saga_data()))]
    assert first == second
    assert json.loads(json.dumps(first)) == first
    assert set(first[0]) == {
        "check_id",
        "severity",
        "title",
        "message",
        "fix",
        "components",
        "events",
    }


def test_findings_are_frozen():
    finding = lint(order_saga())[0]
    with pytest.raises(AttributeError):
        finding.fix = "something else"  # type: ignore[misc]


def test_an_empty_graph_has_no_findings():
    assert lint(parse_graph({})) == []


def test_consumers_without_a_dead_letter_queue_share_one_finding_and_one_fix():
    data = kafka_pair()
    data["components"] = [c for c in data["components"] if c["id"] != "dlq"]
    data["components"].append({"id": "audit", "name": "Audit", "kind": "service"})
    data["flows"] = data["flows"][:1]
    data["events"][0]["consumers"] = ["billing", "audit"]
    found = [
        f for f in lint(parse_graph(data)) if f.check_id == "consumer-without-dead-letter-queue"
    ]
    assert len(found) == 1
    assert found[0].components == ("billing", "audit")


def test_fixes_are_one_line_and_partition_keys_one_word():
    data = kafka_pair(
        partition_key=None, schema={"type": "object", "properties": {"order id": {}, "x Id": {}}}
    )
    data["events"].append(
        {
            "name": "OrderCancelled",
            "producer": "orders",
            "consumers": ["billing"],
            "channel": "topic",
            "partition_key": "orderId",
        }
    )
    data["components"][1]["name"] = "Billing\nService"
    data["patterns"] = []
    fixes = {f.fix for f in lint(parse_graph(data))}
    assert "Add partition key orderId to OrderPlaced" in fixes
    assert "Make Billing Service an idempotent consumer" in fixes


def test_the_suggested_partition_key_is_the_id_most_events_share():
    data = kafka_pair(partition_key=None)
    order_id = {"orderId": {"type": "string"}}
    data["events"] = [
        {"name": "OrderPlaced", "producer": "orders", "consumers": ["billing"], "channel": "topic",
         "schema": {"type": "object", "properties": order_id}},
        {"name": "PaymentTaken", "producer": "orders", "consumers": ["billing"], "channel": "topic",
         "schema": {"type": "object", "properties": {"paymentId": {}, **order_id}}},
        {"name": "PaymentRefunded", "producer": "orders", "consumers": ["billing"], "channel": "topic",
         "schema": {"type": "object", "properties": {"paymentId": {}, **order_id}}},
    ]  # fmt: skip
    data["flows"][0]["events"] = []
    fixes = {
        f.fix for f in lint(parse_graph(data)) if f.check_id == "ordering-without-partition-key"
    }
    assert fixes == {
        "Add partition key orderId to PaymentTaken",
        "Add partition key orderId to PaymentRefunded",
    }


def test_a_projection_reading_the_event_store_consumes_the_appended_events():
    graph = parse_graph(
        {
            "components": [
                {"id": "accounts", "name": "Accounts", "kind": "service"},
                {"id": "store", "name": "EventStoreDB", "kind": "event_store"},
                {"id": "projection", "name": "Projection", "kind": "stream_processor"},
            ],
            "events": [{"name": "MoneyDeposited", "producer": "accounts"}],
            "flows": [
                {
                    "source": "accounts",
                    "target": "store",
                    "kind": "write",
                    "events": ["MoneyDeposited"],
                },
                {"source": "accounts", "target": "store", "kind": "read"},
                {"source": "projection", "target": "store", "kind": "read"},
            ],
        }
    )
    found = {f.check_id: f for f in lint(graph)}
    assert "unconsumed-event" not in found
    assert "dual-write-without-outbox" not in found
    assert found["consumer-not-idempotent"].components == ("projection",)
    assert "ordering-without-partition-key" not in found
