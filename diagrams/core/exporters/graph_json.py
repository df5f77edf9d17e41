"""JSON: the graph contract itself (``Graph.to_json()``), the form the API returns."""

from __future__ import annotations

import json

from diagrams.core.exporters.base import Exporter
from diagrams.core.graph import Graph


def export_json(graph: Graph) -> bytes:
    """The canonical JSON of the graph, pretty-printed, UTF-8, newline-terminated."""
    return (json.dumps(graph.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


EXPORTER = Exporter("json", "Graph JSON", "application/json", "json", export_json)
