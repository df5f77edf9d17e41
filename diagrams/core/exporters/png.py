"""PNG: the diagram drawn by Graphviz as a bitmap, at most ``MAX_INCHES`` on a side."""

from __future__ import annotations

from diagrams.core.exporters.base import Exporter
from diagrams.core.graph import Graph
from diagrams.core.rendering import graph_to_dot, render_dot

# 100 in at Graphviz's 96 dpi is 9600 px. A 300-component diagram laid out at full size is
# over 25,000 px tall and takes seconds to rasterise, for an image no viewer can show whole;
# the SVG export keeps full detail. Smaller diagrams are not scaled (no "!" in size).
MAX_INCHES = 100


def capped(dot_text: str) -> str:
    """``dot_text`` with a maximum drawing size; a size the DOT text sets itself still wins."""
    head, brace, body = dot_text.partition("{\n")
    return f'{head}{brace}  graph [size="{MAX_INCHES},{MAX_INCHES}"];\n{body}'


def export_png(graph: Graph) -> bytes:
    """The diagram as PNG; raises ``RenderError`` when Graphviz cannot draw it."""
    return render_dot(capped(graph_to_dot(graph)), "png")


EXPORTER = Exporter("png", "PNG image", "image/png", "png", export_png)
