"""What one AsyncAPI document says, independent of the graph: servers, channels, messages,
and the operations of the applications it describes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from diagrams.core.graph import ComponentKind

Action = Literal["send", "receive"]


@dataclass(frozen=True)
class Server:
    key: str
    name: str
    protocol: str
    version: str
    host: str
    description: str

    @property
    def identity(self) -> tuple[str, str]:
        """Servers of several documents are one broker when protocol and host match."""
        return (self.protocol, self.host or self.key)


@dataclass(frozen=True)
class Channel:
    identity: str
    key: str
    address: str | None
    name: str
    description: str
    kind: ComponentKind
    technology: str
    servers: tuple[Server, ...]
    protocol: str = ""
    titled: bool = False


@dataclass(frozen=True)
class Message:
    name: str
    schema: dict[str, Any]
    description: str
    kind: str | None = None
    version: int = 1
    compensates: str | None = None
    partition_key: str | None = None


@dataclass(frozen=True)
class Operation:
    key: str
    action: Action
    application: str
    channel: Channel
    messages: tuple[Message, ...]
    reply_channel: Channel | None = None
    reply_messages: tuple[Message, ...] = ()


@dataclass
class Document:
    name: str
    title: str
    description: str
    servers: list[Server] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    channel_messages: list[tuple[Channel, Message]] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)
