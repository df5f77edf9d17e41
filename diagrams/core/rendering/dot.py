"""``graph_to_dot``: the Graph as Graphviz DOT text. Pure and deterministic.

Every user-supplied string is escaped for a DOT quoted string, so no name can end a quote,
add attributes or edges. SVG ids (``c-<component id>``) and classes let the page script find
components and their flows.
"""

from __future__ import annotations

import textwrap

from diagrams.core.graph import MESSAGING_KINDS, Component, Flow, FlowKind, Graph
from diagrams.core.rendering.style import EDGE_STYLES, FONT, KIND_LABELS, NODE_STYLES

WRAP = 24
MAX_EDGE_EVENTS = 3


def quote(text: str) -> str:
    """``text`` as a DOT quoted string: backslashes and quotes escaped, newlines flattened."""
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _lines(*parts: str) -> str:
    # Join already-escaped lines with DOT's centred line break.
    return '"' + "\\n".join(p for p in parts if p) + '"'


def _escape_line(text: str) -> str:
    return quote(text)[1:-1]


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WRAP, break_long_words=True) or [""]


def _node(component: Component) -> str:
    style = NODE_STYLES[component.kind]
    subtitle = KIND_LABELS[component.kind]
    if component.technology and component.technology.lower() != component.name.lower():
        subtitle = f"{subtitle} · {component.technology}"
    label = _lines(
        *(_escape_line(line) for line in _wrapped(component.name)), _escape_line(subtitle)
    )
    styles = ",".join(s for s in ("filled", style.extra) if s)
    return (
        f'  "{component.id}" [id="c-{component.id}", class="component kind-{component.kind.value}",'
        f" label={label}, shape={style.shape}, style={quote(styles)},"
        f' fillcolor="{style.fill}", color="{style.border}", tooltip={quote(component.name)}];'
    )


def _edge_label(flow: Flow) -> str:
    if flow.events:
        shown = flow.events[:MAX_EDGE_EVENTS]
        more = len(flow.events) - len(shown)
        return "\\n".join(shown) + (f"\\n+{more} more" if more else "")
    return _escape_line(
        flow.label or ("" if flow.kind.value in ("publish", "subscribe") else flow.kind.value)
    )


def _edge(index: int, flow: Flow, against: bool) -> str:
    style = EDGE_STYLES[flow.kind]
    label = _edge_label(flow)
    # Drawn against its direction (dir=back) so its service lands on the chosen side of the bus.
    tail, head = (flow.target, flow.source) if against else (flow.source, flow.target)
    arrow = f"dir=back, arrowtail={style.arrowhead}" if against else f"arrowhead={style.arrowhead}"
    return (
        f'  "{tail}" -> "{head}" [id="f-{index}",'
        f' class="flow kind-{flow.kind.value} from-{flow.source} to-{flow.target}",'
        f' label="{label}", color="{style.color}", fontcolor="{style.color}",'
        f' tooltip="{flow.source} → {flow.target}", style={style.style}, {arrow}];'
    )


def _left_of_bus(graph: Graph, hubs: set[str]) -> set[str]:
    """Components drawn left of the message bus: pure publishers, every other component that
    both publishes and subscribes (so the bus sits in the middle of its services), and stores
    only those use."""
    pubs = {f.source for f in graph.flows if f.kind == FlowKind.PUBLISH and f.target in hubs}
    subs = {f.target for f in graph.flows if f.kind == FlowKind.SUBSCRIBE and f.source in hubs}
    both = [c.id for c in graph.components if c.id in pubs and c.id in subs and c.id not in hubs]
    left = (pubs - subs - hubs) | set(both[::2])
    return left | _private_stores(graph, left)


def _private_stores(graph: Graph, owners: set[str]) -> set[str]:
    """Stores only ``owners`` read or write: drawn on their outer side, away from the bus."""
    actors: dict[str, set[str]] = {}
    for f in graph.flows:
        if f.kind in (FlowKind.READ, FlowKind.WRITE):
            actors.setdefault(f.target, set()).add(f.source)
    return {store for store, who in actors.items() if who <= owners}


def _against(flow: Flow, hubs: set[str], left: set[str]) -> bool:
    if flow.kind == FlowKind.SUBSCRIBE and flow.source in hubs:
        return flow.target in left
    if flow.kind == FlowKind.PUBLISH and flow.target in hubs and flow.source not in hubs:
        return flow.source not in left
    return flow.kind in (FlowKind.READ, FlowKind.WRITE) and flow.target in left


def _cluster(graph: Graph, boundary_id: str, name: str) -> list[str]:
    members = [c for c in graph.components if c.boundary == boundary_id]
    if not members:
        return []
    return [
        f'  subgraph "cluster_{boundary_id}" {{',
        f'    label={quote(name)}; style="rounded,dashed"; color="#9aa0a6";',
        f'    fontcolor="#3c4043"; id="b-{boundary_id}";',
        *(f"  {_node(c)}" for c in members),
        "  }",
    ]


def graph_to_dot(graph: Graph) -> str:
    """The DOT text for ``graph``: clusters per boundary, styled nodes, event-labelled edges."""
    lines = [
        "digraph infrasketch {",
        f"  graph [rankdir=LR, fontname={quote(FONT)}, nodesep=0.45, ranksep=0.9,"
        f" pad=0.3, newrank=true, label={quote(graph.title)}, labelloc=t, fontsize=14];",
        f'  node [fontname={quote(FONT)}, fontsize=11, margin="0.18,0.08"];',
        f"  edge [fontname={quote(FONT)}, fontsize=9, arrowsize=0.7];",
    ]
    for boundary in graph.boundaries:
        lines += _cluster(graph, boundary.id, boundary.name)
    lines += [_node(c) for c in graph.components if c.boundary is None]
    hubs = [c.id for c in graph.components if c.kind in MESSAGING_KINDS and c.boundary is None]
    all_hubs = {c.id for c in graph.components if c.kind in MESSAGING_KINDS}
    left = _left_of_bus(graph, all_hubs)
    lines += [_edge(i, f, _against(f, all_hubs, left)) for i, f in enumerate(graph.flows)]
    if hubs:
        # Keep unclustered brokers on one rank so the message bus reads as the spine.
        lines.append("  {rank=same; " + " ".join(f'"{h}";' for h in hubs) + "}")
    lines.append("}")
    return "\n".join(lines) + "\n"
