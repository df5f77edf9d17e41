"""How each kind of component and flow looks: data, not code."""

from __future__ import annotations

from dataclasses import dataclass

from diagrams.core.graph import ComponentKind, FlowKind

FONT = "DejaVu Sans"


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    fill: str
    border: str
    extra: str = ""  # additional DOT style flags, e.g. "rounded"


NODE_STYLES: dict[ComponentKind, NodeStyle] = {
    ComponentKind.SERVICE: NodeStyle("box", "#e8f1fb", "#2f6db5", "rounded"),
    ComponentKind.BROKER: NodeStyle("box", "#fff1d6", "#b26b00", "rounded,bold"),
    ComponentKind.TOPIC: NodeStyle("cds", "#fff7e6", "#b26b00"),
    ComponentKind.QUEUE: NodeStyle("cds", "#fff7e6", "#b26b00"),
    ComponentKind.DEAD_LETTER_QUEUE: NodeStyle("cds", "#fde2e1", "#b3261e"),
    ComponentKind.DATABASE: NodeStyle("cylinder", "#e6f4ea", "#1e7b3a"),
    ComponentKind.CACHE: NodeStyle("cylinder", "#fdecef", "#a4264b"),
    ComponentKind.GATEWAY: NodeStyle("hexagon", "#ede7f6", "#5e35b1"),
    ComponentKind.LOAD_BALANCER: NodeStyle("hexagon", "#ede7f6", "#5e35b1"),
    ComponentKind.CDN: NodeStyle("hexagon", "#ede7f6", "#5e35b1"),
    ComponentKind.CLIENT: NodeStyle("box", "#f1f3f4", "#3c4043", "rounded,dashed"),
    ComponentKind.EXTERNAL: NodeStyle("box", "#f1f3f4", "#5f6368", "dashed"),
    ComponentKind.FUNCTION: NodeStyle("component", "#e0f7fa", "#00838f"),
    ComponentKind.STORAGE: NodeStyle("folder", "#e6f4ea", "#1e7b3a"),
    ComponentKind.STREAM_PROCESSOR: NodeStyle("box3d", "#e0f7fa", "#00838f"),
    ComponentKind.ORCHESTRATOR: NodeStyle("doubleoctagon", "#fff8e1", "#8d6e00"),
    ComponentKind.EVENT_STORE: NodeStyle("cylinder", "#fff1d6", "#b26b00"),
    ComponentKind.READ_MODEL: NodeStyle("cylinder", "#e8eaf6", "#3949ab"),
    ComponentKind.SCHEMA_REGISTRY: NodeStyle("note", "#f3e5f5", "#7b1fa2"),
    ComponentKind.SCHEDULER: NodeStyle("box", "#f1f8e9", "#558b2f", "rounded"),
    ComponentKind.OTHER: NodeStyle("box", "#ffffff", "#5f6368"),
}


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    arrowhead: str


EDGE_STYLES: dict[FlowKind, EdgeStyle] = {
    FlowKind.PUBLISH: EdgeStyle("#8a5300", "solid", "normal"),
    FlowKind.SUBSCRIBE: EdgeStyle("#8a5300", "solid", "normal"),
    FlowKind.CALL: EdgeStyle("#2f6db5", "bold", "vee"),
    FlowKind.READ: EdgeStyle("#1a6b33", "dashed", "normal"),
    FlowKind.WRITE: EdgeStyle("#1a6b33", "dashed", "normal"),
}

KIND_LABELS: dict[ComponentKind, str] = {
    kind: kind.value.replace("_", " ") for kind in ComponentKind
}
