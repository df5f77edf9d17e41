"""One checked AsyncAPI 3.0 mapping -> a ``Document``: what its servers, channels, messages
and operations say. Every problem is raised with the dotted path where it is."""

from __future__ import annotations

import re
from typing import Any

from diagrams.core.graph import MAX_NAME, SLUG_RE, ComponentKind
from diagrams.core.importers.errors import located
from diagrams.core.importers.model import Channel, Document, Message, Operation, Server
from diagrams.core.importers.payloads import pascal_name, payload_schema
from diagrams.core.importers.refs import Inliner, deref, dotted

Path = tuple[str, ...]

_DLQ = re.compile(r"dead[-_. ]?letter|\bdlq\b|[-_.]dlq|dlq[-_.]|\bdlx\b|parking[-_. ]?lot", re.I)
_PARAMETER = re.compile(r"\{([^{}]+)\}")
_QUEUE_PROTOCOLS = {"sqs", "ibmmq", "jms", "stomp", "solace"}
TECHNOLOGY = {
    "kafka": "Apache Kafka",
    "kafka-secure": "Apache Kafka",
    "amqp": "AMQP broker (RabbitMQ)",
    "amqps": "AMQP broker (RabbitMQ)",
    "mqtt": "MQTT broker",
    "sqs": "Amazon SQS",
    "sns": "Amazon SNS",
    "nats": "NATS",
    "pulsar": "Apache Pulsar",
    "redis": "Redis Streams",
}


def text(node: dict[str, Any], key: str, path: Path, limit: int = 2000) -> str:
    """An optional string field (numbers are accepted and written as text)."""
    value = node.get(key)
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise located(dotted((*path, key)), "must be a string")
    return str(value).strip()[:limit]


def mapping(node: Any, path: Path) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise located(dotted(path), "must be a mapping")
    return node


def _short(value: str) -> str:
    return value[:MAX_NAME].strip() or "unnamed"


class Reader:
    """Reads one document. ``read()`` returns its ``Document``."""

    def __init__(self, root: dict[str, Any], name: str) -> None:
        self.root = root
        self.name = name
        self.inliner = Inliner(root)
        self.servers: dict[Path, Server] = {}
        self.channels: dict[Path, Channel] = {}
        self.channel_messages: dict[Path, dict[Path, Message]] = {}
        self.messages: dict[Path, Message] = {}

    def resolve(self, node: Any, path: Path) -> tuple[dict[str, Any], Path]:
        target, target_path = deref(self.root, node, path)
        return mapping(target, target_path), target_path

    def read(self) -> Document:
        info = mapping(self.root.get("info", {}), ("info",))
        title = text(info, "title", ("info",), MAX_NAME) or self.name or "Application"
        doc = Document(self.name, title, text(info, "description", ("info",)))
        for key, node in (self.root.get("servers") or {}).items():
            doc.servers.append(self._server(str(key), node))
        for key, node in (self.root.get("channels") or {}).items():
            doc.channels.append(self._channel(str(key), node, ("channels", str(key))))
        for channel_path, messages in self.channel_messages.items():
            channel = self.channels[channel_path]
            doc.channel_messages += [(channel, m) for m in messages.values()]
        for key, node in (self.root.get("operations") or {}).items():
            doc.operations.append(self._operation(str(key), node, doc.title))
        return doc

    def _server(self, key: str, node: Any) -> Server:
        server, path = self.resolve(node, ("servers", key))
        protocol = text(server, "protocol", path, 40).lower()
        if not protocol:
            raise located(
                dotted((*path, "protocol")), "missing: say which protocol the server speaks"
            )
        host = text(server, "host", path, 200)
        found = Server(
            key=key,
            name=_short(text(server, "title", path) or f"{key} ({protocol})"),
            protocol=protocol,
            version=text(server, "protocolVersion", path, 40),
            host=host,
            description=text(server, "description", path),
        )
        self.servers[path] = found
        return found

    def _channel(self, key: str, node: Any, at: Path) -> Channel:
        channel, path = self.resolve(node, at)
        if path in self.channels:
            return self.channels[path]
        address = _address(channel, path)
        servers = self._channel_servers(channel, path)
        bindings = mapping(channel.get("bindings") or {}, (*path, "bindings"))
        protocols = [str(b) for b in bindings] + [s.protocol for s in servers]
        protocol = protocols[0] if protocols else ""
        kind = _channel_kind(bindings, protocol, f"{key} {address or ''}")
        description = text(channel, "description", path) or text(channel, "summary", path)
        if address and f"Address: {address}." not in description:
            # An InfraSketch export repeats the sentence: it is written once.
            description = (description + f" Address: {address}.").strip()
        found = Channel(
            identity=address or key,
            key=key,
            address=address,
            name=_short(text(channel, "title", path) or address or key),
            description=description[:2000],
            kind=kind,
            technology=_channel_technology(protocol, kind),
            servers=tuple(servers),
            protocol=protocol,
            titled=bool(channel.get("title")),
        )
        self.channels[path] = found
        self.channel_messages[path] = self._messages_of(channel, path)
        return found

    def _channel_servers(self, channel: dict[str, Any], path: Path) -> list[Server]:
        refs = channel.get("servers")
        if refs is None:
            return list(self.servers.values())
        if not isinstance(refs, list):
            raise located(dotted((*path, "servers")), "must be a list of $refs to servers")
        found = []
        for i, ref in enumerate(refs):
            _, server_path = self.resolve(ref, (*path, "servers", str(i)))
            if server_path not in self.servers:
                raise located(dotted((*path, "servers", str(i))), "must point to one of #/servers")
            found.append(self.servers[server_path])
        return found

    def _messages_of(self, channel: dict[str, Any], path: Path) -> dict[Path, Message]:
        messages = mapping(channel.get("messages") or {}, (*path, "messages"))
        found: dict[Path, Message] = {}
        for key, node in messages.items():
            message_path, message = self._message(str(key), node, (*path, "messages", str(key)))
            found[message_path] = message
        return found

    def _message(self, key: str, node: Any, at: Path) -> tuple[Path, Message]:
        message, path = self.resolve(node, at)
        if path in self.messages:
            return path, self.messages[path]
        where = dotted(path)
        payload = self.inliner.copy(message.get("payload"), (*path, "payload"))
        found = Message(
            name=pascal_name(text(message, "name", path, 200) or path[-1] or key),
            schema=payload_schema(payload, where + ".payload"),
            description=text(message, "description", path) or text(message, "summary", path),
            kind=_choice(message.get("x-kind"), ("event", "command")),
            version=_version(message.get("x-version")),
            compensates=_optional_name(message.get("x-compensates")),
            partition_key=_optional_text(message.get("x-partition-key")),
        )
        self.messages[path] = found
        return path, found

    def _operation(self, key: str, node: Any, application: str) -> Operation:
        op, path = self.resolve(node, ("operations", key))
        action = op.get("action")
        if action not in ("send", "receive"):
            raise located(dotted((*path, "action")), f"must be 'send' or 'receive', not {action!r}")
        if "channel" not in op:
            raise located(dotted(path), "missing 'channel': say which channel the operation uses")
        channel_path = self._known_channel(op["channel"], (*path, "channel"))
        channel = self.channels[channel_path]
        messages = self._operation_messages(op.get("messages"), channel_path, (*path, "messages"))
        owner = op.get("x-producer" if action == "send" else "x-consumer")
        reply_channel, reply_messages = self._reply(op, path, channel)
        return Operation(
            key=key,
            action=action,
            application=_owner_name(owner) or application,
            channel=channel,
            messages=messages,
            reply_channel=reply_channel,
            reply_messages=reply_messages,
        )

    def _known_channel(self, node: Any, at: Path) -> Path:
        _, path = self.resolve(node, at)
        if path not in self.channels:
            raise located(dotted(at), "must be a $ref to one of the channels under #/channels")
        return path

    def _operation_messages(self, refs: Any, channel_path: Path, at: Path) -> tuple[Message, ...]:
        on_channel = self.channel_messages[channel_path]
        if refs is None:
            return tuple(on_channel.values())
        if not isinstance(refs, list):
            raise located(dotted(at), "must be a list of $refs to the channel's messages")
        found = []
        for i, ref in enumerate(refs):
            _, path = self.resolve(ref, (*at, str(i)))
            if path not in on_channel:
                channel = self.channels[channel_path]
                raise located(
                    dotted((*at, str(i))),
                    f"message '{dotted(path)}' is not one of channel '{channel.key}''s messages",
                )
            found.append(on_channel[path])
        return tuple(found)

    def _reply(
        self, op: dict[str, Any], path: Path, channel: Channel
    ) -> tuple[Channel | None, tuple[Message, ...]]:
        if op.get("reply") is None:
            return None, ()
        reply, reply_path = self.resolve(op["reply"], (*path, "reply"))
        if reply.get("channel") is not None:
            reply_channel_path = self._known_channel(reply["channel"], (*reply_path, "channel"))
            reply_channel = self.channels[reply_channel_path]
            on_channel = self._operation_messages(
                reply.get("messages"), reply_channel_path, (*reply_path, "messages")
            )
            return reply_channel, on_channel
        # A dynamic reply address (e.g. a replyTo header): one reply queue per request channel.
        dynamic = _reply_queue(channel)
        refs = reply.get("messages") or []
        if not isinstance(refs, list):
            raise located(dotted((*reply_path, "messages")), "must be a list of $refs to messages")
        messages = [
            self._message(str(i), ref, (*reply_path, "messages", str(i)))[1]
            for i, ref in enumerate(refs)
        ]
        return dynamic, tuple(messages)


def _address(channel: dict[str, Any], path: Path) -> str | None:
    """The channel's address; every ``{parameter}`` in it must be declared."""
    address = channel.get("address")
    if not isinstance(address, str | int) or isinstance(address, bool):
        return None
    declared = channel.get("parameters") or {}
    for name in _PARAMETER.findall(str(address)):
        if not isinstance(declared, dict) or name not in declared:
            raise located(
                dotted((*path, "address")),
                f"'{{{name}}}' in the address is not declared under parameters",
            )
    return str(address)


def _owner_name(owner: Any) -> str:
    """The application an operation names with ``x-producer``/``x-consumer`` (InfraSketch's
    own exports do, one document holding every application): an id reads as a name."""
    if not isinstance(owner, str) or not owner.strip():
        return ""
    if SLUG_RE.match(owner):
        return _short(" ".join(w.capitalize() for w in owner.split("-")))
    return _short(owner)


def _reply_queue(channel: Channel) -> Channel:
    return Channel(
        identity=f"{channel.identity} (replies)",
        key=f"{channel.identity}-replies",
        address=None,
        name=_short(f"{channel.name} replies"),
        description=f"Replies to requests on {channel.name}, at the address each request names.",
        kind=ComponentKind.QUEUE,
        technology=_channel_technology(channel.protocol, ComponentKind.QUEUE),
        servers=channel.servers,
        protocol=channel.protocol,
    )


def _channel_kind(bindings: dict[str, Any], protocol: str, label: str) -> ComponentKind:
    if _DLQ.search(label):
        return ComponentKind.DEAD_LETTER_QUEUE
    amqp = bindings.get("amqp")
    if isinstance(amqp, dict) and amqp.get("is") == "queue":
        return ComponentKind.QUEUE
    if protocol in _QUEUE_PROTOCOLS:
        return ComponentKind.QUEUE
    return ComponentKind.TOPIC


def _channel_technology(protocol: str, kind: ComponentKind) -> str:
    family = {"amqps": "amqp", "kafka-secure": "kafka"}.get(protocol, protocol)
    if family == "amqp":
        return "AMQP queue" if kind != ComponentKind.TOPIC else "AMQP exchange"
    if family == "kafka":
        return "Kafka topic"
    label = {ComponentKind.TOPIC: "topic"}.get(kind, "queue")
    return f"{protocol.upper()} {label}".strip() if protocol else ""


def _choice(value: Any, allowed: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in allowed else None


def _version(value: Any) -> int:
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000
        else 1
    )


def _optional_name(value: Any) -> str | None:
    return pascal_name(value) if isinstance(value, str) and value.strip() else None


def _optional_text(value: Any) -> str | None:
    return value.strip()[:200] or None if isinstance(value, str) else None
