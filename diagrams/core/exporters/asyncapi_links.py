"""What the AsyncAPI export reads from a graph beyond its flows: a channel's address, the
broker that hosts a channel drawn apart from it, and the reply a command expects.

The AsyncAPI importer records the last two as plain sentences any reader can see: a channel's
description ends with ``Broker: kafka.`` (``Brokers: a, b.`` for several) and a command's with
``Reply: StockChecked.`` (``Replies: A, B.``). Names that are not in the graph are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from diagrams.core.graph import Component, ComponentKind, Event

# A channel's name becomes its address only when it is a plain topic/queue name: anything else
# (spaces, braces that AsyncAPI reads as parameters) falls back to the component id.
_PLAIN = re.compile(r"[A-Za-z0-9._/-]+")
# What AsyncAPI (and the reference checks) read as a parameter of an address.
_PARAMETER = re.compile(r"\{([^}]*)\}")
_BROKERS = re.compile(r"\bBrokers?: ([a-z0-9]+(?:-[a-z0-9]+)*(?:, [a-z0-9]+(?:-[a-z0-9]+)*)*)\.")
_REPLIES = re.compile(r"\bRepl(?:y|ies): ([A-Z][A-Za-z0-9]*(?:, [A-Z][A-Za-z0-9]*)*)\.")
CHANNEL_KINDS = frozenset(
    {ComponentKind.TOPIC, ComponentKind.QUEUE, ComponentKind.DEAD_LETTER_QUEUE}
)


def channel_address(component: Component, key: str) -> tuple[str, dict[str, Any]]:
    """The address of ``component``'s channel and the parameters it declares: its recorded
    ``address`` (each ``{name}`` in it declared), else its name when that is a plain topic
    name, else its channel key."""
    address = component.address
    if address:
        names = list(dict.fromkeys(_PARAMETER.findall(address)))
        if all(n.strip() and "{" not in n for n in names):
            return address, {n: {"description": f"The {n} part of the address."} for n in names}
    return (component.name if _PLAIN.fullmatch(component.name) else key), {}


def channel_entry(
    component: Component | None, broker: Component | None, key: str
) -> dict[str, Any]:
    """A new channel: a topic or queue has an address (its recorded address, else its name
    when that is a plain topic name, else its id); events sent to a whole broker, or nowhere
    named, share a channel whose address is unknown (null), rather than one with an invented
    topic name."""
    entry: dict[str, Any] = {"address": None, "messages": {}}
    if component is not None and component.kind != ComponentKind.BROKER:
        entry["address"], parameters = channel_address(component, key)
        if parameters:
            entry["parameters"] = parameters
    if component is not None:
        entry["title"] = component.name
        if component.description:
            entry["description"] = component.description
    if broker is not None:
        entry["servers"] = [{"$ref": f"#/servers/{broker.id}"}]
    return entry


def hosting_broker(
    channel: Component, brokers: list[Component], family_of: Callable[[Component], str]
) -> Component | None:
    """The broker a topic or queue with no flow to one lives on: the one its description
    names (the first of its messaging family when it names several), else the only broker of
    its family."""
    if channel.kind not in CHANNEL_KINDS:
        return None
    by_id = {b.id: b for b in brokers}
    found = _BROKERS.search(channel.description)
    named = [by_id[i] for i in found.group(1).split(", ") if i in by_id] if found else []
    family = family_of(channel)
    pool = named or brokers
    same = [b for b in pool if family != "other" and family_of(b) == family]
    if named:
        return (same or named)[0]
    return same[0] if len(same) == 1 else None


def reply_names(event: Event) -> list[str]:
    """The events a command names as its replies, in order (not itself)."""
    if event.kind != "command":
        return []
    found = _REPLIES.search(event.description)
    names = found.group(1).split(", ") if found else []
    return [n for n in dict.fromkeys(names) if n != event.name]


def add_reply(op: dict[str, Any], key: str, names: list[str]) -> None:
    """Give operation ``op`` the reply on channel ``key`` carrying ``names``: an operation has
    one reply, so a reply on another channel than the one it already has is left out."""
    channel = {"$ref": f"#/channels/{key}"}
    reply = op.setdefault("reply", {"channel": channel, "messages": []})
    if reply["channel"] != channel:
        return
    for name in names:
        message = {"$ref": f"#/channels/{key}/messages/{name}"}
        if message not in reply["messages"]:
            reply["messages"].append(message)
