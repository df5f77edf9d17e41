"""DOT: the Graphviz source the diagram is drawn from."""

from __future__ import annotations

from diagrams.core.exporters.base import Exporter
from diagrams.core.graph import Graph
from diagrams.core.rendering import graph_to_dot


def export_dot(graph: Graph) -> bytes:
    """The graph as Graphviz DOT text."""
    return graph_to_dot(graph).encode("utf-8")


EXPORTER = Exporter("dot", "Graphviz DOT", "text/vnd.graphviz; charset=utf-8", "dot", export_dot)
