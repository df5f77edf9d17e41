"""The AsyncAPI export against the official AsyncAPI 3.0.0 JSON Schema (npm @asyncapi/specs),
plus the reference checks schema validation misses."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from diagrams.core.exporters import export
from diagrams.core.exporters.asyncapi import asyncapi_document
from diagrams.core.graph import Graph, GraphError, parse_graph
from tests.core.golden.asyncapi_checks import assert_valid, reference_problems, validator
from tests.core.golden.graphs import order_saga


def loaded(graph: Graph) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(export(graph, "asyncapi"))
    return doc


def test_the_order_saga_is_valid_asyncapi_3():
    doc = loaded(order_saga())
    assert doc["asyncapi"] == "3.0.0"
    assert_valid(doc)


def test_the_yaml_is_the_document_without_anchors():
    text = export(order_saga(), "asyncapi").decode()
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text) == json.loads(json.dumps(asyncapi_document(order_saga())))


def test_each_event_is_sent_once_and_received_once_per_consumer():
    graph = order_saga()
    doc = loaded(graph)
    assert set(doc["components"]["messages"]) == {e.name for e in graph.events}
    sent = [
        m["$ref"]
        for op in doc["operations"].values()
        if op["action"] == "send"
        for m in op["messages"]
    ]
    received = [
        m["$ref"]
        for op in doc["operations"].values()
        if op["action"] == "receive"
        for m in op["messages"]
    ]
    assert sorted(r.rsplit("/", 1)[1] for r in sent) == sorted(e.name for e in graph.events)
    assert len(received) == sum(len(e.consumers) for e in graph.events)


def test_one_operation_per_component_and_channel():
    doc = loaded(order_saga())
    send = doc["operations"]["payment-service.send.payments-topic"]
    assert [m["$ref"].rsplit("/", 1)[1] for m in send["messages"]] == [
        "PaymentProcessed", "PaymentFailed", "PaymentRefunded",
    ]  # fmt: skip
    receive = doc["operations"]["order-service.receive.payments-topic"]
    assert [m["$ref"].rsplit("/", 1)[1] for m in receive["messages"]] == [
        "PaymentFailed",
        "PaymentRefunded",
    ]


def test_kafka_bindings_retry_and_dead_letter_extensions():
    doc = loaded(order_saga())
    receive = doc["operations"]["payment-service.receive.orders-topic"]
    assert receive["bindings"]["kafka"] == {
        "groupId": {"type": "string", "enum": ["payment-service"]},
        "bindingVersion": "0.5.0",
    }
    assert receive["x-retry"]["maxAttempts"] == 5 and receive["x-retry"]["declared"] is True
    assert receive["x-dead-letter-queue"] == "Failed events DLQ"
    assert doc["channels"]["orders-topic"]["bindings"]["kafka"]["topic"] == "orders"
    assert doc["servers"]["kafka"]["protocol"] == "kafka"
    message = doc["components"]["messages"]["OrderCreated"]
    assert message["correlationId"]["location"] == "$message.header#/ce_correlationid"
    assert message["x-partition-key"] == "orderId"


def family_graph(technology: str, channel_kind: str, partition_key: str | None) -> Graph:
    return parse_graph(
        {
            "components": [
                {"id": "producer", "name": "Producer", "kind": "service"},
                {"id": "consumer", "name": "Consumer", "kind": "service"},
                {"id": "bus", "name": "Bus", "kind": "broker", "technology": technology},
                {
                    "id": "chan",
                    "name": "work items",
                    "kind": channel_kind,
                    "technology": technology,
                },
                {"id": "dlq", "name": "work-dlq", "kind": "dead_letter_queue"},
            ],
            "events": [
                {
                    "name": "ItemAdded",
                    "producer": "producer",
                    "consumers": ["consumer"],
                    "channel": "chan",
                    "partition_key": partition_key,
                },
                {
                    "name": "ItemRemoved",
                    "producer": "producer",
                    "consumers": ["consumer"],
                    "channel": "bus",
                },
                {"name": "ItemLost", "producer": "producer"},
            ],
            "flows": [
                {"source": "chan", "target": "bus", "kind": "publish"},
                {"source": "chan", "target": "dlq", "kind": "publish"},
            ],
        }
    )


@pytest.mark.parametrize(
    ("technology", "kind", "family"),
    [
        ("Apache Kafka", "topic", "kafka"),
        ("RabbitMQ", "queue", "amqp"),
        ("RabbitMQ", "topic", "amqp"),
        ("Amazon SQS", "queue", "sqs"),
        ("Amazon SNS", "topic", "sns"),
        ("NATS", "topic", None),
    ],
)
@pytest.mark.parametrize("partition_key", [None, "itemId"])
def test_each_broker_family_gives_valid_bindings(technology, kind, family, partition_key):
    doc = loaded(family_graph(technology, kind, partition_key))
    assert_valid(doc)
    bindings = doc["channels"]["chan"].get("bindings", {})
    assert list(bindings) == ([family] if family else [])


def test_events_sent_to_a_whole_broker_share_its_channel_with_an_unknown_address():
    doc = loaded(family_graph("Apache Kafka", "topic", None))
    bus = doc["channels"]["bus"]
    assert bus["servers"] == [{"$ref": "#/servers/bus"}]
    assert bus["address"] is None and "bindings" not in bus
    assert list(bus["messages"]) == ["ItemRemoved"]
    lost = doc["channels"]["item-lost"]
    assert lost["address"] is None and "servers" not in lost
    assert doc["channels"]["chan"]["address"] == "chan"  # "work items" is no topic name


def test_a_channel_name_with_braces_does_not_become_an_address_expression():
    data = order_saga().to_json()
    data["components"][11]["name"] = "orders.{region}"
    doc = loaded(parse_graph(data))
    assert doc["channels"]["orders-topic"]["address"] == "orders-topic"
    assert_valid(doc)


def test_an_empty_graph_is_a_valid_document():
    doc = loaded(parse_graph({}))
    assert_valid(doc)
    assert doc["components"]["messages"] == {}


def test_the_reference_checks_catch_what_schema_validation_misses():
    doc = json.loads(json.dumps(asyncapi_document(order_saga())))
    op = doc["operations"]["payment-service.receive.orders-topic"]
    op["messages"] = [{"$ref": "#/channels/payments-topic/messages/PaymentProcessed"}]
    doc["channels"]["orders-topic"]["address"] = "orders.{region}"
    doc["components"]["messages"]["OrderCreated"]["payload"] = {"$ref": "#/components/schemas/Nope"}
    assert validator().is_valid(doc)
    problems = reference_problems(doc)
    assert any("dangling" in p for p in problems)
    assert any("is not on #/channels/orders-topic" in p for p in problems)
    assert any("['region'] undeclared" in p for p in problems)


def two_broker_graph(**extra: Any) -> Graph:
    """Kafka and RabbitMQ, topics drawn apart from both, a DLQ fed by a flow, a command whose
    description names its reply."""
    data: dict[str, Any] = {
        "components": [
            {"id": "asker", "name": "Asker", "kind": "service"},
            {"id": "answerer", "name": "Answerer", "kind": "service"},
            {"id": "kafka", "name": "Kafka", "kind": "broker", "technology": "Apache Kafka",
             "description": "Host: kafka.example.com:9092."},
            {"id": "rabbit", "name": "Rabbit", "kind": "broker", "technology": "RabbitMQ"},
            {"id": "questions", "name": "Questions", "kind": "queue", "technology": "AMQP queue",
             "address": "questions.{region}"},
            {"id": "answers", "name": "Answers", "kind": "topic",
             "description": "Broker: kafka.", "address": "answers.v1"},
            {"id": "answers-dlq", "name": "answers dlq", "kind": "dead_letter_queue",
             "technology": "Kafka topic", "address": "answers.dlq"},
        ],
        "events": [
            {"name": "AskQuestion", "kind": "command", "producer": "asker",
             "consumers": ["answerer"], "channel": "questions",
             "description": "Asks. Reply: QuestionAnswered."},
            {"name": "QuestionAnswered", "producer": "answerer", "consumers": ["asker"],
             "channel": "answers"},
        ],
        "flows": [
            {"source": "answers", "target": "asker", "kind": "subscribe",
             "events": ["QuestionAnswered"]},
            {"source": "asker", "target": "answers-dlq", "kind": "publish",
             "events": ["QuestionAnswered"]},
        ],
    }  # fmt: skip
    data.update(extra)
    return parse_graph(data)


def test_a_recorded_address_is_the_channels_address_with_its_parameters_declared():
    doc = loaded(two_broker_graph())
    assert_valid(doc)
    questions = doc["channels"]["questions"]
    assert questions["address"] == "questions.{region}"
    assert list(questions["parameters"]) == ["region"]
    assert questions["bindings"]["amqp"]["queue"]["name"] == "questions.{region}"
    assert doc["channels"]["answers"]["bindings"]["kafka"]["topic"] == "answers.v1"


def test_a_topic_apart_from_its_broker_is_served_by_the_one_it_names_or_of_its_family():
    doc = loaded(two_broker_graph())
    servers = {k: c.get("servers") for k, c in doc["channels"].items()}
    assert servers["answers"] == [{"$ref": "#/servers/kafka"}]  # "Broker: kafka."
    assert servers["questions"] == [{"$ref": "#/servers/rabbit"}]  # the only AMQP broker
    assert servers["answers-dlq"] == [{"$ref": "#/servers/kafka"}]  # the only Kafka broker
    assert doc["servers"]["kafka"]["host"] == "kafka.example.com:9092"
    assert doc["servers"]["rabbit"]["host"] == "rabbit:5672"


def test_a_flow_to_a_dead_letter_queue_is_a_channel_and_an_operation():
    doc = loaded(two_broker_graph())
    dlq = doc["channels"]["answers-dlq"]
    assert dlq["address"] == "answers.dlq" and list(dlq["messages"]) == ["QuestionAnswered"]
    send = doc["operations"]["asker.send.answers-dlq"]
    assert send["messages"] == [{"$ref": "#/channels/answers-dlq/messages/QuestionAnswered"}]
    # A subscribe flow on the event's own channel adds nothing twice.
    receive = doc["operations"]["asker.receive.answers"]
    assert len(receive["messages"]) == 1


def test_a_command_naming_its_reply_gets_an_asyncapi_reply():
    doc = loaded(two_broker_graph())
    reply = {
        "channel": {"$ref": "#/channels/answers"},
        "messages": [{"$ref": "#/channels/answers/messages/QuestionAnswered"}],
    }
    assert doc["operations"]["asker.send.questions"]["reply"] == reply
    assert doc["operations"]["answerer.receive.questions"]["reply"] == reply
    assert "reply" not in doc["operations"]["answerer.send.answers"]


def test_a_reply_nobody_sends_back_or_an_event_that_is_no_command_gets_no_reply():
    graph = two_broker_graph()
    data = graph.to_json()
    data["events"][0]["kind"] = "event"
    assert all("reply" not in op for op in loaded(parse_graph(data))["operations"].values())
    data["events"][0]["kind"] = "command"
    data["events"][0]["description"] = "Reply: Nope."
    assert all("reply" not in op for op in loaded(parse_graph(data))["operations"].values())


def test_the_address_field_is_bounded_and_cleaned():
    data = two_broker_graph().to_json()
    data["components"][5]["address"] = "a\x00b"
    assert parse_graph(data).components[5].address == "ab"
    data["components"][5]["address"] = "x" * 201
    with pytest.raises(GraphError):
        parse_graph(data)
