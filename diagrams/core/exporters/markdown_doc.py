"""Markdown: the design document."""

from __future__ import annotations

from diagrams.core.designdoc import design_document
from diagrams.core.exporters.base import Exporter
from diagrams.core.graph import Graph


def export_markdown(graph: Graph) -> bytes:
    """The design document as Markdown (the diagram embedded as Mermaid)."""
    return design_document(graph).encode("utf-8")


EXPORTER = Exporter(
    "markdown", "Design document (Markdown)", "text/markdown; charset=utf-8", "md", export_markdown
)
