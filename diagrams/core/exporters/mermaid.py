"""Mermaid: the diagram as a flowchart that renders in Markdown viewers and wikis."""

from __future__ import annotations

from diagrams.core.designdoc.mermaid import to_mermaid
from diagrams.core.exporters.base import Exporter
from diagrams.core.graph import Graph


def export_mermaid(graph: Graph) -> bytes:
    """The graph as Mermaid ``flowchart`` text."""
    return to_mermaid(graph).encode("utf-8")


EXPORTER = Exporter(
    "mermaid", "Mermaid flowchart", "text/plain; charset=utf-8", "mmd", export_mermaid
)
