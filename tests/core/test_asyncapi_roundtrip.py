"""Import the fixtures -> AsyncAPI export -> import again: channel addresses, brokers,
operations (dead letter queues included), request/reply pairs and payloads survive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from diagrams.core.exporters.asyncapi import export_asyncapi
from diagrams.core.graph import ComponentKind, Graph
from diagrams.core.importers import SourceDocument, import_asyncapi
from tests.core.golden.asyncapi_checks import assert_valid

FIXTURES = Path(__file__).parent / "fixtures" / "asyncapi"
CHANNEL_KINDS = (ComponentKind.TOPIC, ComponentKind.QUEUE, ComponentKind.DEAD_LETTER_QUEUE)


@pytest.fixture(scope="module")
def trip() -> tuple[Graph, dict[str, Any], Graph]:
    docs = [SourceDocument(p.name, p.read_text()) for p in sorted(FIXTURES.glob("*.yaml"))]
    imported = import_asyncapi(docs)
    exported = export_asyncapi(imported)
    again = import_asyncapi([SourceDocument("export.yaml", exported)])
    return imported, yaml.safe_load(exported), again


def addresses(graph: Graph) -> dict[str, str | None]:
    return {c.id: c.address for c in graph.components if c.kind in CHANNEL_KINDS}


def operations(graph: Graph) -> set[tuple[str, str, str, str]]:
    """(application, send|receive, channel, message) for every publish/subscribe flow."""
    found = set()
    for f in graph.flows:
        for name in f.events:
            if f.kind == "publish":
                found.add((f.source, "send", f.target, name))
            else:
                found.add((f.target, "receive", f.source, name))
    return found


def test_the_export_of_an_import_is_valid_asyncapi_3(trip) -> None:
    assert_valid(trip[1])


def test_channels_keep_their_addresses(trip) -> None:
    imported, doc, again = trip
    assert addresses(imported)["orders-created"] == "orders.created"
    assert doc["channels"]["orders-created"]["address"] == "orders.created"
    assert doc["channels"]["orders-created"]["bindings"]["kafka"]["topic"] == "orders.created"
    queue = doc["channels"]["inventory-requests"]["bindings"]["amqp"]["queue"]
    assert queue["name"] == "inventory.requests"
    recorded = {k: v for k, v in addresses(imported).items() if v is not None}
    assert len(recorded) >= 9
    assert {k: v for k, v in addresses(again).items() if k in recorded} == recorded


def test_every_operation_survives_the_dead_letter_queue_included(trip) -> None:
    imported, doc, again = trip
    assert ("payment-service", "send", "payments-dlq", "OrderCreated") in operations(imported)
    assert operations(again) == operations(imported)
    dlq = doc["channels"]["payments-dlq"]
    assert dlq["address"] == "payments.dlq" and list(dlq["messages"]) == ["OrderCreated"]
    assert "payment-service.send.payments-dlq" in doc["operations"]
    kinds = {c.id: c.kind for c in again.components}
    assert kinds["payments-dlq"] == ComponentKind.DEAD_LETTER_QUEUE
    created = again.event("OrderCreated")
    assert created is not None and created.channel == "orders-created"


def test_events_keep_channel_producer_consumers_kind_and_payload(trip) -> None:
    imported, _, again = trip
    for event in imported.events:
        back = again.event(event.name)
        assert back is not None, event.name
        assert (back.channel, back.producer, sorted(back.consumers), back.kind) == (
            event.channel,
            event.producer,
            sorted(event.consumers),
            event.kind,
        )
        assert back.schema_.get("required") == event.schema_.get("required")
        assert set(back.schema_.get("properties", {})) == set(event.schema_.get("properties", {}))


def test_a_command_and_its_reply_become_an_asyncapi_reply(trip) -> None:
    imported, doc, again = trip
    ask = doc["operations"]["order-service.send.inventory-requests"]
    answer = doc["operations"]["inventory-service.receive.inventory-requests"]
    expected = {
        "channel": {"$ref": "#/channels/inventory-replies-order-service"},
        "messages": [{"$ref": "#/channels/inventory-replies-order-service/messages/StockChecked"}],
    }
    assert ask["reply"] == expected and answer["reply"] == expected
    # Nobody in the documents is said to consume ShippingQuoted: only the responder replies.
    assert "reply" not in doc["operations"]["external-producers.send.shipping-quotes"]
    assert "reply" in doc["operations"]["shipping-service.receive.shipping-quotes"]
    for graph in (imported, again):
        check = graph.event("CheckStock")
        assert check is not None and check.description.count("Reply: StockChecked.") == 1


def test_topics_stay_on_their_broker_and_servers_keep_their_hosts(trip) -> None:
    _, doc, again = trip
    servers = {k: s["$ref"].rsplit("/", 1)[1] for k, c in doc["channels"].items()
               for s in c.get("servers", [])}  # fmt: skip
    assert servers["orders-created"] == "kafka" and servers["payments-dlq"] == "kafka"
    assert servers["inventory-requests"] == "rabbitmq"
    assert set(servers) == set(doc["channels"])
    assert doc["servers"]["kafka"]["host"] == "kafka.shop.internal:9092"
    brokers = {c.id: c.description for c in again.components if c.kind == "broker"}
    assert "Host: kafka.shop.internal:9092." in brokers["kafka"]


def test_a_second_round_trip_changes_nothing_but_the_dynamic_reply_queue(trip) -> None:
    _, doc, again = trip
    twice = yaml.safe_load(export_asyncapi(again))
    # A reply sent to "the address each request names" is exported at its id; read back, that
    # id is an address like any other (known limitation).
    dynamic = "shipping-quotes-replies"
    assert twice["channels"][dynamic]["address"] == doc["channels"][dynamic]["address"]
    others = {k: v for k, v in doc["channels"].items() if k != dynamic}
    assert {k: v for k, v in twice["channels"].items() if k != dynamic} == others
    assert twice["operations"] == doc["operations"]
