"""AsyncAPI 3.0 protocol bindings per messaging family, as data.

Binding versions are those the official AsyncAPI 3.0.0 schema accepts: kafka 0.5.0, amqp 0.3.0,
sqs 0.2.0, sns 0.1.0. Retry and dead-letter settings have no standard field, so the document
carries them as ``x-`` extensions (see ``asyncapi.py``).
"""

from __future__ import annotations

import re
from typing import Any

from diagrams.core.graph import Component, ComponentKind

KAFKA, AMQP, SQS, SNS = "0.5.0", "0.3.0", "0.2.0", "0.1.0"

PROTOCOLS = {"kafka": "kafka", "amqp": "amqp", "sqs": "sqs", "sns": "sns", "other": "other"}
DEFAULT_PORTS = {"kafka": ":9092", "amqp": ":5672"}
# "Host: kafka.shop.internal:9092." in a broker's description (the AsyncAPI importer writes it).
_HOST = re.compile(r"\bHost: ([A-Za-z0-9_\[\]:-]+(?:\.[A-Za-z0-9_\[\]:-]+)*)\.?(?=\s|$)")


def server_host(family: str, broker: Component) -> str:
    """The host its description gives ``broker``, else a placeholder: its id, with the
    protocol's usual port."""
    found = _HOST.search(broker.description)
    return found.group(1) if found else broker.id + DEFAULT_PORTS.get(family, "")


def channel_bindings(
    family: str, address: str, channel: Component | None, *, keyed: bool, dlq: str | None
) -> dict[str, Any]:
    """The channel bindings of ``family`` for a channel at ``address``."""
    if family == "kafka":
        return {"kafka": {"topic": address, "bindingVersion": KAFKA}}
    if family == "amqp":
        if channel is not None and channel.kind == ComponentKind.QUEUE:
            queue = {
                "name": address[:255],
                "durable": True,
                "exclusive": False,
                "autoDelete": False,
            }
            return {"amqp": {"is": "queue", "queue": queue, "bindingVersion": AMQP}}
        exchange = {"name": address[:255], "type": "topic", "durable": True, "autoDelete": False}
        return {"amqp": {"is": "routingKey", "exchange": exchange, "bindingVersion": AMQP}}
    if family == "sqs":
        binding: dict[str, Any] = {"queue": {"name": address, "fifoQueue": keyed}}
        if dlq is not None:
            binding["deadLetterQueue"] = {"name": dlq, "fifoQueue": keyed}
        return {"sqs": binding | {"bindingVersion": SQS}}
    if family == "sns":
        ordering = {"type": "FIFO" if keyed else "standard"}
        return {"sns": {"name": address, "ordering": ordering, "bindingVersion": SNS}}
    return {}


def message_bindings(family: str, event_name: str, partition_key: str | None) -> dict[str, Any]:
    """The message bindings of ``family``: Kafka's record key, AMQP's message type."""
    if family == "kafka":
        key = {
            "type": "string",
            "description": f"Partition key: {partition_key or 'none (round-robin)'}",
        }
        return {"kafka": {"key": key, "bindingVersion": KAFKA}}
    if family == "amqp":
        return {"amqp": {"messageType": event_name, "bindingVersion": AMQP}}
    return {}


def receive_bindings(family: str, consumer_id: str) -> dict[str, Any]:
    """The receive-operation bindings: Kafka's consumer group, AMQP's manual ack."""
    if family == "kafka":
        group = {"type": "string", "enum": [consumer_id]}
        return {"kafka": {"groupId": group, "bindingVersion": KAFKA}}
    if family == "amqp":
        return {"amqp": {"ack": True, "bindingVersion": AMQP}}
    return {}
