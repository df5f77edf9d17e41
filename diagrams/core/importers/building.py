"""Documents -> one Graph. Several documents of one system merge: servers with the same
protocol and host are one broker, channels with the same address one topic or queue, and
messages with the same name one event."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diagrams.core.graph import (
    MAX_NAME,
    ComponentKind,
    FlowKind,
    Graph,
    GraphError,
    PatternKind,
    parse_graph,
    slugify,
    unique_slug,
)
from diagrams.core.importers.errors import AsyncApiImportError
from diagrams.core.importers.model import Channel, Document, Message, Operation, Server
from diagrams.core.importers.reading import TECHNOLOGY

EXTERNAL_PRODUCER = "external-producers"
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass
class _Event:
    message: Message
    from_producer: bool = False
    producers: list[str] = field(default_factory=list)
    consumers: list[str] = field(default_factory=list)
    channel: str | None = None
    request: bool = False
    replies: list[str] = field(default_factory=list)


class GraphBuilder:
    """Accumulates documents; ``graph(title)`` returns the merged, validated Graph."""

    def __init__(self) -> None:
        self.components: dict[str, dict[str, Any]] = {}
        self.identities: dict[tuple[str, ...], str] = {}
        self.events: dict[str, _Event] = {}
        self.flows: dict[tuple[str, str, FlowKind], list[str]] = {}
        self.titled: set[str] = set()

    def _component(self, identity: tuple[str, ...], label: str, **fields: Any) -> str:
        if identity in self.identities:
            return self.identities[identity]
        words = _CAMEL.sub("-", label)
        component_id = unique_slug(words, set(self.components), fallback=identity[0])
        self.identities[identity] = component_id
        self.components[component_id] = {"id": component_id, **fields}
        return component_id

    def broker(self, server: Server) -> str:
        technology = TECHNOLOGY.get(server.protocol, server.protocol.upper())
        if server.version:
            technology = f"{technology} {server.version}"
        description = " ".join(filter(None, [server.description, f"Host: {server.host}."]))
        return self._component(
            ("server", *server.identity),
            server.key,
            name=server.name,
            kind=ComponentKind.BROKER,
            technology=technology[:200],
            description=description[:2000],
        )

    def channel(self, channel: Channel) -> str:
        brokers = list(dict.fromkeys(self.broker(server) for server in channel.servers))
        label = channel.address if channel.address and "{" not in channel.address else channel.key
        address = channel.address if channel.address and len(channel.address) <= 200 else None
        channel_id = self._component(
            ("channel", channel.identity),
            label,
            name=channel.name,
            kind=channel.kind,
            technology=channel.technology[:200],
            description=_sentence(channel.description, "Broker", "Brokers", brokers),
            address=address,
        )
        if channel.titled and channel_id not in self.titled:
            # A later document may title a channel an earlier one left untitled.
            self.titled.add(channel_id)
            self.components[channel_id]["name"] = channel.name
        return channel_id

    def application(self, name: str, description: str = "") -> str:
        if slugify(name) == EXTERNAL_PRODUCER:
            return self._external()
        return self._component(
            ("app", slugify(name)),
            name,
            name=name[:MAX_NAME],
            kind=ComponentKind.SERVICE,
            description=description,
        )

    def _event(self, message: Message, channel_id: str) -> _Event:
        event = self.events.setdefault(message.name, _Event(message))
        if not event.message.schema and message.schema:
            event.message = message
        if event.channel is None or (self._parks(event.channel) and not self._parks(channel_id)):
            event.channel = channel_id
        return event

    def _parks(self, channel_id: str) -> bool:
        return bool(self.components[channel_id]["kind"] == ComponentKind.DEAD_LETTER_QUEUE)

    def _flow(self, source: str, target: str, kind: FlowKind, messages: Iterable[Message]) -> None:
        carried = self.flows.setdefault((source, target, kind), [])
        carried += [m.name for m in messages if m.name not in carried]

    def send(self, app: str, channel: Channel, messages: tuple[Message, ...]) -> None:
        channel_id = self.channel(channel)
        for message in messages:
            event = self._event(message, channel_id)
            if self._parks(channel_id):
                continue  # Re-sending a failed message to a dead letter queue is not producing it.
            if not event.from_producer and message.schema:
                # The sender's document is the authority on what a message carries.
                event.message, event.from_producer = message, True
            _add(event.producers, app)
        self._flow(app, channel_id, FlowKind.PUBLISH, messages)

    def receive(self, app: str, channel: Channel, messages: tuple[Message, ...]) -> None:
        channel_id = self.channel(channel)
        for message in messages:
            _add(self._event(message, channel_id).consumers, app)
        self._flow(channel_id, app, FlowKind.SUBSCRIBE, messages)

    def add_document(self, doc: Document) -> None:
        for server in doc.servers:
            self.broker(server)
        for channel in doc.channels:
            self.channel(channel)
        owners = {op.application for op in doc.operations}
        if doc.title in owners:
            self.application(doc.title, doc.description)
        for op in doc.operations:
            self.operation(op)
        for channel, message in doc.channel_messages:
            self._event(message, self.channel(channel))

    def operation(self, op: Operation) -> None:
        app = self.application(op.application)
        (self.send if op.action == "send" else self.receive)(app, op.channel, op.messages)
        if op.reply_channel is None:
            return
        for message in op.messages:
            request = self.events[message.name]
            request.request = True
            for reply in op.reply_messages:
                _add(request.replies, reply.name)
        if op.action == "send":
            self.receive(app, op.reply_channel, op.reply_messages)
        else:
            self.send(app, op.reply_channel, op.reply_messages)

    def _external(self) -> str:
        self.components.setdefault(
            EXTERNAL_PRODUCER,
            {
                "id": EXTERNAL_PRODUCER,
                "name": "Producers outside these documents",
                "kind": ComponentKind.EXTERNAL,
                "description": "Sends messages that no imported document says it sends.",
            },
        )
        return EXTERNAL_PRODUCER

    def _producer(self, event: _Event) -> str:
        if event.producers:
            return event.producers[0]
        # Nobody in these documents sends it: someone outside does.
        producer = self._external()
        if event.channel is not None:
            self._flow(producer, event.channel, FlowKind.PUBLISH, [event.message])
        return producer

    def _event_json(self, event: _Event) -> dict[str, Any]:
        message = event.message
        producer = self._producer(event)
        kind = message.kind or ("command" if event.request else "event")
        compensates = message.compensates if message.compensates in self.events else None
        description = _sentence(message.description, "Reply", "Replies", event.replies)
        if len(event.producers) > 1:
            others = ", ".join(event.producers[1:])
            description = f"{description} Also sent by: {others}.".strip()
        return {
            "name": message.name,
            "version": message.version,
            "kind": kind,
            "producer": producer,
            "consumers": [c for c in event.consumers if c != producer],
            "channel": event.channel,
            "compensates": compensates,
            "schema": message.schema,
            "description": description[:2000],
            "partition_key": message.partition_key,
        }

    def _patterns(self) -> list[dict[str, Any]]:
        dlqs = [
            c["id"]
            for c in self.components.values()
            if c["kind"] == ComponentKind.DEAD_LETTER_QUEUE
        ]
        if not dlqs:
            return []
        return [
            {
                "kind": PatternKind.DEAD_LETTER_QUEUE,
                "name": "Dead letter queues",
                "components": dlqs,
            }
        ]

    def graph(self, title: str) -> Graph:
        events = [self._event_json(e) for e in self.events.values()]
        flows = [
            {"source": s, "target": t, "kind": k, "events": names, "label": ", ".join(names)[:200]}
            for (s, t, k), names in self.flows.items()
        ]
        data = {
            "title": title[:MAX_NAME].strip() or "Imported system",
            "components": list(self.components.values()),
            "events": events,
            "flows": flows,
            "patterns": self._patterns(),
        }
        try:
            return parse_graph(data)
        except GraphError as exc:
            raise AsyncApiImportError(f"the documents do not make a valid diagram: {exc}") from None


def _sentence(text: str, one: str, several: str, names: list[str]) -> str:
    """``text`` ending with "One: a." or "Several: a, b." (once: an InfraSketch export
    repeats it), which the AsyncAPI exporter reads back. Truncated to a description's size."""
    if not names:
        return text[:2000]
    sentence = f"{one if len(names) == 1 else several}: {', '.join(names)}."
    if sentence in text:
        return text[:2000]
    room = max(0, 2000 - len(sentence) - 1)
    return f"{text[:room]} {sentence}".strip()[:2000]


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def merged_title(documents: list[Document]) -> str:
    """One document's title, or the titles of several joined (shortened to fit)."""
    titles = list(dict.fromkeys(d.title for d in documents))
    joined = ", ".join(titles)
    return joined if len(joined) <= MAX_NAME else f"{titles[0]} and {len(titles) - 1} more"
