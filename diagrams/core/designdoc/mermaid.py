"""The graph as a Mermaid flowchart: one node per component, one edge per flow.

Node ids are derived from component ids (``c_`` + the slug with underscores), so they are
stable, never collide with Mermaid keywords, and never contain ``--``. Every label is a quoted
string in which each character Mermaid could read as syntax is written as a ``#NNN;`` entity;
line breaks become ``<br/>``. Styles are data (``KIND_SHAPES``, ``EDGE_ARROWS``).
"""

from __future__ import annotations

from diagrams.core.graph import Component, ComponentKind, Flow, FlowKind, Graph

_ESCAPED = frozenset('"#<>&`|;%\\[]{}()')
MAX_EDGE_EVENTS = 3

# (opening, closing) bracket pair of each kind's node shape.
KIND_SHAPES: dict[ComponentKind, tuple[str, str]] = {
    ComponentKind.DATABASE: ("[(", ")]"),
    ComponentKind.CACHE: ("[(", ")]"),
    ComponentKind.STORAGE: ("[(", ")]"),
    ComponentKind.EVENT_STORE: ("[(", ")]"),
    ComponentKind.READ_MODEL: ("[(", ")]"),
    ComponentKind.BROKER: ("[[", "]]"),
    ComponentKind.TOPIC: ("[[", "]]"),
    ComponentKind.QUEUE: ("[[", "]]"),
    ComponentKind.DEAD_LETTER_QUEUE: ("[[", "]]"),
    ComponentKind.CLIENT: ("([", "])"),
    ComponentKind.CDN: ("([", "])"),
    ComponentKind.GATEWAY: ("{{", "}}"),
    ComponentKind.LOAD_BALANCER: ("{{", "}}"),
}
DEFAULT_SHAPE = ("[", "]")
EDGE_ARROWS: dict[FlowKind, str] = {
    FlowKind.CALL: "-->",
    FlowKind.PUBLISH: "-.->",
    FlowKind.SUBSCRIBE: "-.->",
    FlowKind.READ: "-->",
    FlowKind.WRITE: "==>",
}
KIND_COLOURS: dict[ComponentKind, str] = {
    ComponentKind.SERVICE: "#dbeafe",
    ComponentKind.BROKER: "#fef3c7",
    ComponentKind.TOPIC: "#fef9c3",
    ComponentKind.QUEUE: "#fef9c3",
    ComponentKind.DEAD_LETTER_QUEUE: "#fee2e2",
    ComponentKind.DATABASE: "#dcfce7",
    ComponentKind.EVENT_STORE: "#dcfce7",
    ComponentKind.READ_MODEL: "#ecfccb",
}


def _char(ch: str) -> str:
    return f"#{ord(ch)};" if ch in _ESCAPED or not ch.isprintable() else ch


def label(text: str) -> str:
    """``text`` as a Mermaid quoted string with syntax characters as ``#NNN;`` entities."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = ["".join(_char(ch) for ch in line) for line in lines]
    return '"' + "<br/>".join(escaped) + '"'


def node_id(component_id: str) -> str:
    """The Mermaid id of a component."""
    return "c_" + component_id.replace("-", "_")


def _node(component: Component) -> str:
    opening, closing = KIND_SHAPES.get(component.kind, DEFAULT_SHAPE)
    subtitle = component.kind.value.replace("_", " ")
    if component.technology:
        subtitle += f" · {component.technology}"
    text = label(f"{component.name}\n{subtitle}")
    return f"{node_id(component.id)}{opening}{text}{closing}"


def _edge(flow: Flow) -> str:
    shown = flow.events[:MAX_EDGE_EVENTS]
    more = len(flow.events) - len(shown)
    text = ", ".join(shown) + (f" +{more} more" if more else "")
    text = text or flow.label or flow.kind.value
    arrow = EDGE_ARROWS[flow.kind]
    return f"  {node_id(flow.source)} {arrow}|{label(text)}| {node_id(flow.target)}"


def to_mermaid(graph: Graph) -> str:
    """The Mermaid ``flowchart LR`` text of ``graph`` (deterministic, ends with a newline)."""
    lines = ["flowchart LR"]
    members: dict[str | None, list[Component]] = {}
    for c in graph.components:
        members.setdefault(c.boundary, []).append(c)
    for b in graph.boundaries:
        lines.append(f"  subgraph b_{b.id.replace('-', '_')}[{label(b.name)}]")
        lines += [f"    {_node(c)}" for c in members.get(b.id, [])]
        lines.append("  end")
    lines += [f"  {_node(c)}" for c in members.get(None, [])]
    lines += [_edge(f) for f in graph.flows]
    for kind, colour in KIND_COLOURS.items():
        ids = [node_id(c.id) for c in graph.components if c.kind == kind]
        if ids:
            lines.append(f"  classDef k_{kind.value} fill:{colour},stroke:#334155")
            lines.append(f"  class {','.join(ids)} k_{kind.value}")
    return "\n".join(lines) + "\n"
