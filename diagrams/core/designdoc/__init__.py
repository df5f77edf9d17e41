"""The design document: ``design_document(graph) -> Markdown`` and ``designdoc_html(md)``.

Prose lives in ``templates/`` (``string.Template`` files, not Django templates: the core
imports no Django); Python fills them with tables, schemas and procedures read from the graph.
"""

from diagrams.core.designdoc.document import design_document
from diagrams.core.designdoc.render_html import designdoc_html

__all__ = ["design_document", "designdoc_html"]
