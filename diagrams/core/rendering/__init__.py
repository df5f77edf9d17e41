"""Rendering: ``graph_to_dot`` (pure) and ``render_dot`` (runs Graphviz)."""

from diagrams.core.rendering.dot import graph_to_dot
from diagrams.core.rendering.graphviz_run import FORMATS, RenderError, dot_available, render_dot

__all__ = ["FORMATS", "RenderError", "dot_available", "graph_to_dot", "render_dot"]
