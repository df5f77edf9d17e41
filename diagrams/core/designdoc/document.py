"""``design_document(graph)``: the whole design document as Markdown, from the templates."""

from __future__ import annotations

from diagrams.core.designdoc.catalog import catalog_section
from diagrams.core.designdoc.dataflow import dataflow_section
from diagrams.core.designdoc.escape import md
from diagrams.core.designdoc.failure import failure_section
from diagrams.core.designdoc.overview import overview_section, services_section
from diagrams.core.designdoc.questions import findings_section, questions_section
from diagrams.core.designdoc.saga_doc import sagas_section
from diagrams.core.designdoc.templates import render
from diagrams.core.graph import Graph
from diagrams.core.lint import Facts, lint_facts


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary(graph: Graph) -> str:
    parts = [
        _count(len(graph.components), "component"),
        _count(len(graph.events), "event"),
        _count(len(graph.flows), "flow"),
        _count(len(graph.patterns), "pattern"),
    ]
    return ", ".join(parts)


def design_document(graph: Graph, *, image_url: str | None = None) -> str:
    """The design document of ``graph`` as Markdown (deterministic; ends with a newline).

    ``image_url`` embeds the rendered diagram as an image; without it the document carries
    the diagram as a Mermaid block. Every user-provided string is escaped for Markdown.
    """
    facts = Facts(graph)
    text = render(
        "document.md",
        title=md(graph.title),
        summary=_summary(graph),
        overview=overview_section(facts, image_url),
        services=services_section(facts),
        catalog=catalog_section(facts),
        dataflow=dataflow_section(facts),
        sagas=sagas_section(facts),
        failure=failure_section(facts),
        findings=findings_section(facts, lint_facts(facts)),
        questions=questions_section(facts),
    )
    return text + "\n"
