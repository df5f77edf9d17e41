"""PNG: the diagram drawn by Graphviz as a bitmap."""

from __future__ import annotations

from diagrams.core.exporters.base import Exporter
from diagrams.core.graph import Graph
from diagrams.core.rendering import graph_to_dot, render_dot


def export_png(graph: Graph) -> bytes:
    """The diagram as PNG; raises ``RenderError`` when Graphviz cannot draw it."""
    return render_dot(graph_to_dot(graph), "png")


EXPORTER = Exporter("png", "PNG image", "image/png", "png", export_png)
