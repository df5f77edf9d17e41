"""A compact, line-per-item text form of a graph, for refinement requests.

A refinement sends the current graph every time, so its size sets the cost of a chat turn.
Canonical JSON repeats every key on every item; this form names each field once in a section
header and leaves out descriptions, responsibilities and full data schemas (the model keeps
them by default: ``update_component`` changes only the fields it names, and ``update_event``
keeps the schema and description it is not given). Free text is JSON-quoted, so a name can
never break the layout or pose as a section of its own.
"""

from __future__ import annotations

import json
from typing import Any

from diagrams.core.graph import Component, Event, Flow, Graph, Pattern


def compact_graph(graph: Graph) -> str:
    """The compact text form of ``graph`` (see the module docstring)."""
    lines = [f"title: {_q(graph.title)}"]
    lines += _section("boundaries (id name)", [f"{b.id} {_q(b.name)}" for b in graph.boundaries])
    lines += _section(
        "components (id kind name [technology] @boundary)",
        [_component(c) for c in graph.components],
    )
    lines += _section(
        "events (Name vVERSION kind: producer -> consumers; via channel; compensates; "
        "partition_key; data fields)",
        [_event(e) for e in graph.events],
    )
    lines += _section(
        "flows (source -kind-> target [events] label)", [_flow(f) for f in graph.flows]
    )
    lines += _section(
        "patterns (kind name (style): components)", [_pattern(p) for p in graph.patterns]
    )
    return "\n".join(lines)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _section(header: str, items: list[str]) -> list[str]:
    return [f"{header}:", *(f"- {item}" for item in items)] if items else [f"{header}: none"]


def _component(c: Component) -> str:
    text = f"{c.id} {c.kind.value} {_q(c.name)}"
    if c.technology:
        text += f" [{_q(c.technology)}]"
    if c.boundary:
        text += f" @{c.boundary}"
    return text


def _event(e: Event) -> str:
    text = f"{e.name} v{e.version} {e.kind.value}: {e.producer} -> {', '.join(e.consumers) or '-'}"
    if e.channel:
        text += f"; via {e.channel}"
    if e.compensates:
        text += f"; compensates {e.compensates}"
    if e.partition_key:
        text += f"; partition_key {_q(e.partition_key)}"
    fields = _data_fields(e.schema_)
    if fields:
        text += f"; data {', '.join(fields)}"
    return text


def _data_fields(schema: dict[str, Any]) -> list[str]:
    properties = schema.get("properties")
    return [_q(name) for name in properties] if isinstance(properties, dict) else []


def _flow(f: Flow) -> str:
    text = f"{f.source} -{f.kind.value}-> {f.target}"
    if f.events:
        text += f" [{', '.join(f.events)}]"
    if f.label and f.label != ", ".join(f.events):
        text += f" {_q(f.label)}"
    return text


def _pattern(p: Pattern) -> str:
    style = f" ({p.style.value})" if p.style else ""
    return f"{p.kind.value} {_q(p.name)}{style}: {', '.join(p.components) or '-'}"
