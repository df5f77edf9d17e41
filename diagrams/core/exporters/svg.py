"""SVG: the diagram drawn by Graphviz."""

from __future__ import annotations

from diagrams.core.exporters.base import Exporter
from diagrams.core.graph import Graph
from diagrams.core.rendering import graph_to_dot, render_dot


def export_svg(graph: Graph) -> bytes:
    """The diagram as SVG; raises ``RenderError`` when Graphviz cannot draw it."""
    return render_dot(graph_to_dot(graph), "svg")


EXPORTER = Exporter("svg", "SVG image", "image/svg+xml", "svg", export_svg)
