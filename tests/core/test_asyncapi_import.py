"""AsyncAPI 3.0 import: servers -> brokers, channels -> topics/queues, operations -> flows,
messages -> events with schemas; several services' documents merge on shared channels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from diagrams.core.graph import ComponentKind, FlowKind, Graph
from diagrams.core.importers import SourceDocument, import_asyncapi

FIXTURES = Path(__file__).parent / "fixtures" / "asyncapi"
SERVICES = ("order-service", "payment-service", "inventory-service", "shipping-service")


def document(name: str) -> SourceDocument:
    return SourceDocument(f"{name}.yaml", (FIXTURES / f"{name}.yaml").read_text())


@pytest.fixture(scope="module")
def system() -> Graph:
    return import_asyncapi([document(name) for name in SERVICES])


def flows(graph: Graph) -> set[tuple[str, str, str, str]]:
    return {(f.source, f.kind.value, f.target, e) for f in graph.flows for e in f.events}


def test_each_document_becomes_its_application_as_a_service(system: Graph) -> None:
    services = {c.id: c for c in system.components if c.kind == ComponentKind.SERVICE}
    assert set(services) == set(SERVICES)
    assert services["order-service"].name == "Order Service"
    assert "Accepts orders" in services["order-service"].description


def test_servers_of_every_document_merge_into_one_broker_per_host(system: Graph) -> None:
    brokers = {c.id: c for c in system.components if c.kind == ComponentKind.BROKER}
    assert set(brokers) == {"kafka", "rabbitmq"}
    assert "Kafka" in brokers["kafka"].technology
    assert "AMQP" in brokers["rabbitmq"].technology
    assert "kafka.shop.internal:9092" in brokers["kafka"].description


def test_channels_become_topics_queues_and_dead_letter_queues_by_binding(system: Graph) -> None:
    kinds = {c.id: c.kind for c in system.components}
    assert kinds["orders-created"] == ComponentKind.TOPIC  # kafka
    assert kinds["inventory-requests"] == ComponentKind.QUEUE  # amqp is: queue
    assert kinds["inventory-events"] == ComponentKind.TOPIC  # amqp is: routingKey (exchange)
    assert kinds["payments-dlq"] == ComponentKind.DEAD_LETTER_QUEUE
    assert [p.components for p in system.patterns if p.kind == "dead_letter_queue"] == [
        ["payments-dlq"]
    ]


def test_channels_with_one_address_in_several_documents_are_one_component(system: Graph) -> None:
    # payments.completed: keyed paymentsCompleted, paymentCompleted and paymentsCompleted.
    topic = [c for c in system.components if "Address: payments.completed" in c.description]
    assert len(topic) == 1 and topic[0].name == "Payments completed"
    event = system.event("PaymentCompleted")
    assert event is not None and event.channel == topic[0].id
    assert event.producer == "payment-service"
    assert set(event.consumers) == {"order-service", "inventory-service"}


def test_operations_become_publish_and_subscribe_flows(system: Graph) -> None:
    assert {
        ("order-service", "publish", "orders-created", "OrderCreated"),
        ("orders-created", "subscribe", "payment-service", "OrderCreated"),
        ("payment-service", "publish", "payments-completed", "PaymentCompleted"),
        ("payments-completed", "subscribe", "inventory-service", "PaymentCompleted"),
        ("inventory-service", "publish", "inventory-events", "StockReserved"),
        ("inventory-events", "subscribe", "shipping-service", "StockReserved"),
        ("payment-service", "publish", "payments-dlq", "OrderCreated"),
    } <= flows(system)
    assert all(f.kind in (FlowKind.PUBLISH, FlowKind.SUBSCRIBE) for f in system.flows)


def test_request_reply_is_a_command_out_and_a_reply_event_back(system: Graph) -> None:
    request, reply = system.event("CheckStock"), system.event("StockChecked")
    assert request is not None and reply is not None
    assert (request.kind.value, request.producer, request.consumers) == (
        "command",
        "order-service",
        ["inventory-service"],
    )
    assert (reply.producer, reply.consumers) == ("inventory-service", ["order-service"])
    assert {
        ("inventory-replies-order-service", "subscribe", "order-service", "StockChecked"),
        ("inventory-service", "publish", "inventory-replies-order-service", "StockChecked"),
    } <= flows(system)


def test_a_dynamic_reply_address_gets_a_reply_queue(system: Graph) -> None:
    quoted = system.event("ShippingQuoted")
    assert quoted is not None and quoted.producer == "shipping-service"
    queue = system.component(quoted.channel or "")
    assert queue is not None and queue.kind == ComponentKind.QUEUE
    assert "replies" in queue.name


def test_a_message_nobody_sends_comes_from_an_external_producer(system: Graph) -> None:
    quote = system.event("QuoteShipping")
    assert quote is not None and quote.producer == "external-producers"
    external = system.component("external-producers")
    assert external is not None and external.kind == ComponentKind.EXTERNAL


def test_payload_schemas_are_inlined_from_component_refs(system: Graph) -> None:
    created = system.event("OrderCreated")
    assert created is not None
    schema = created.schema_
    assert schema["required"] == ["orderId", "customerId", "lines", "total"]
    assert schema["properties"]["lines"]["items"]["properties"]["quantity"] == {
        "type": "integer",
        "minimum": 1,
    }
    assert "$ref" not in json.dumps(schema)


def test_the_senders_schema_wins_over_a_receivers_partial_copy(system: Graph) -> None:
    paid = system.event("PaymentCompleted")
    assert paid is not None and paid.schema_["required"] == ["orderId", "paymentId", "amount"]


def test_avro_payloads_become_json_schema(system: Graph) -> None:
    shipped = system.event("OrderShipped")
    assert shipped is not None
    assert shipped.schema_["properties"]["carrier"] == {
        "type": "string",
        "enum": ["DHL", "UPS", "POSTNL"],
    }
    assert shipped.schema_["required"] == ["orderId", "carrier", "parcels"]


def test_one_document_alone_imports_with_only_what_it_names() -> None:
    graph = import_asyncapi([document("payment-service")])
    assert graph.title == "Payment Service"
    created = graph.event("OrderCreated")
    assert created is not None and created.consumers == ["payment-service"]
    assert created.producer == "external-producers"


def test_json_documents_import_like_yaml() -> None:
    data = yaml.safe_load((FIXTURES / "order-service.yaml").read_text())
    from_json = import_asyncapi([SourceDocument("order.json", json.dumps(data))])
    assert from_json == import_asyncapi([document("order-service")])


def test_the_order_of_documents_does_not_change_what_is_connected() -> None:
    forward = import_asyncapi([document(n) for n in SERVICES])
    backward = import_asyncapi([document(n) for n in reversed(SERVICES)])
    assert flows(forward) == flows(backward)
    assert {e.name: e.producer for e in forward.events} == {
        e.name: e.producer for e in backward.events
    }


OFFICIAL_SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "node_modules/@asyncapi/specs/schemas/3.0.0-without-$id.json"
)


@pytest.mark.parametrize("name", SERVICES)
def test_the_fixtures_are_valid_asyncapi_3(name: str) -> None:
    if not OFFICIAL_SCHEMA.exists():
        pytest.skip("npm package @asyncapi/specs is not installed (make test installs it)")
    import jsonschema

    schema = json.loads(OFFICIAL_SCHEMA.read_text())
    data = yaml.safe_load((FIXTURES / f"{name}.yaml").read_text())
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(data))
    assert errors == []


def test_channels_record_their_address_and_broker(system: Graph) -> None:
    topic = system.component("orders-created")
    assert topic is not None and topic.address == "orders.created"
    assert topic.description.endswith("Address: orders.created. Broker: kafka.")
    queue = system.component("inventory-requests")
    assert queue is not None and queue.description.endswith("Broker: rabbitmq.")
    dynamic = system.component("shipping-quotes-replies")
    assert dynamic is not None and dynamic.address is None  # the request names it


def test_a_request_names_its_reply_in_its_description(system: Graph) -> None:
    check, quote = system.event("CheckStock"), system.event("ShippingQuoted")
    assert check is not None and check.description.endswith("in stock? Reply: StockChecked.")
    asked = system.event("QuoteShipping")
    assert asked is not None and asked.description == "Reply: ShippingQuoted."
    assert quote is not None and "Reply" not in quote.description
