"""Importers: documents in other formats -> the graph contract.

``import_asyncapi(documents)`` reads AsyncAPI 3.0 documents (YAML or JSON), one per
application of one system, into one Graph: servers become brokers, channels topics or
queues, each document's operations publish/subscribe flows of its application, messages
events with their payload schemas. Anything wrong raises ``AsyncApiImportError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diagrams.core.graph import Graph
from diagrams.core.importers.building import GraphBuilder, merged_title
from diagrams.core.importers.errors import AsyncApiImportError
from diagrams.core.importers.loading import MAX_DOCUMENT_BYTES, MAX_DOCUMENTS, load_document
from diagrams.core.importers.reading import Reader


@dataclass(frozen=True)
class SourceDocument:
    """One uploaded or posted document; ``name`` (a file name) labels error messages."""

    name: str
    content: str | bytes


def import_asyncapi(documents: Sequence[SourceDocument], *, title: str = "") -> Graph:
    """The merged Graph of ``documents``; raises AsyncApiImportError naming the problem."""
    if not documents:
        raise AsyncApiImportError("no document was given")
    if len(documents) > MAX_DOCUMENTS:
        raise AsyncApiImportError(f"at most {MAX_DOCUMENTS} documents can be imported at once")
    read = []
    for index, source in enumerate(documents, start=1):
        label = source.name or f"document {index}"
        try:
            read.append(Reader(load_document(source.content), label).read())
        except AsyncApiImportError as exc:
            raise AsyncApiImportError(exc.problem, document=label, location=exc.location) from None
    builder = GraphBuilder()
    for doc in read:
        builder.add_document(doc)
    return builder.graph(title or merged_title(read))


__all__ = [
    "MAX_DOCUMENTS",
    "MAX_DOCUMENT_BYTES",
    "AsyncApiImportError",
    "SourceDocument",
    "import_asyncapi",
]
