"""Exports: one module per format, one registry.

``EXPORTERS`` maps a format name to its ``Exporter``; ``export(graph, fmt)`` runs one. Adding a
format is one module with an ``EXPORTER`` and one line below.
"""

from __future__ import annotations

from diagrams.core.exporters import asyncapi, dot, graph_json, markdown_doc, mermaid, png, svg
from diagrams.core.exporters.base import Exporter, UnknownFormatError
from diagrams.core.graph import Graph

EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        svg.EXPORTER,
        png.EXPORTER,
        dot.EXPORTER,
        graph_json.EXPORTER,
        mermaid.EXPORTER,
        asyncapi.EXPORTER,
        markdown_doc.EXPORTER,
    )
}


def export(graph: Graph, fmt: str) -> bytes:
    """``graph`` in format ``fmt``; raises UnknownFormatError for a format not in EXPORTERS.

    SVG and PNG raise ``diagrams.core.rendering.RenderError`` when Graphviz cannot draw.
    """
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        known = ", ".join(EXPORTERS)
        raise UnknownFormatError(f"unknown export format '{fmt}' (use one of: {known})")
    return exporter.export(graph)


__all__ = ["EXPORTERS", "Exporter", "UnknownFormatError", "export"]
