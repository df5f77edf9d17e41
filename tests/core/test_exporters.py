"""The export registry and each format: JSON, DOT, SVG, PNG, Mermaid and Markdown."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from diagrams.core.designdoc import design_document
from diagrams.core.exporters import EXPORTERS, Exporter, UnknownFormatError, export
from diagrams.core.exporters.png import capped
from diagrams.core.graph import parse_graph
from diagrams.core.rendering import graph_to_dot
from tests.core.golden.graphs import build, order_saga
from tests.core.golden.mermaid_parser import parse

FORMATS = ["svg", "png", "dot", "json", "mermaid", "asyncapi", "markdown"]


def test_the_registry_has_every_format_keyed_by_its_name():
    assert list(EXPORTERS) == FORMATS
    for name, exporter in EXPORTERS.items():
        assert isinstance(exporter, Exporter)
        assert exporter.name == name
        assert exporter.media_type and exporter.label and exporter.extension


def test_exporters_are_frozen():
    with pytest.raises(AttributeError):
        EXPORTERS["json"].name = "other"  # type: ignore[misc]


def test_it_rejects_an_unknown_format_naming_the_known_ones():
    with pytest.raises(UnknownFormatError, match=r"unknown export format 'pdf'.*svg, png"):
        export(order_saga(), "pdf")


def test_filenames_follow_the_title_slug_and_revision():
    assert EXPORTERS["svg"].filename("Order processing", 3) == "order-processing-r3.svg"
    assert EXPORTERS["asyncapi"].filename("Ünïcode <Title>", 1) == "n-code-title-r1.yaml"
    assert EXPORTERS["markdown"].filename("???", 2) == "diagram-r2.md"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic_and_non_empty(fmt):
    first = export(order_saga(), fmt)
    assert first
    if fmt != "png":
        assert first == export(order_saga(), fmt)


def test_json_is_the_graph_contract_and_round_trips():
    graph = order_saga()
    data = json.loads(export(graph, "json"))
    assert data == graph.to_json()
    assert parse_graph(data) == graph


def test_dot_is_the_renderers_text():
    graph = order_saga()
    assert export(graph, "dot").decode() == graph_to_dot(graph)


def test_svg_is_an_svg_document_with_every_component():
    root = ET.fromstring(export(order_saga(), "svg"))
    assert root.tag.endswith("svg")
    ids = {el.get("id") for el in root.iter()}
    assert {f"c-{c.id}" for c in order_saga().components} <= ids


def test_png_has_a_png_header():
    assert export(order_saga(), "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_size_cap_is_a_graph_attribute_the_dot_text_can_override():
    text = capped('digraph x {\n  graph [size="5,5"];\n}\n')
    assert text.index('size="100,100"') < text.index('size="5,5"')


def test_mermaid_parses_back_with_a_node_per_component_and_an_edge_per_flow():
    graph = order_saga()
    chart = parse(export(graph, "mermaid").decode())
    assert len(chart.nodes) == len(graph.components)
    assert len(chart.edges) == len(graph.flows)
    assert chart.nodes["c_order_service"] == "Order Service\nservice · Python/Django"
    assert chart.subgraphs["b_ordering"][0] == "c_order_service"
    assert ("c_order_service", "-.->", "OrderCreated", "c_orders_topic") in chart.edges


def test_mermaid_of_an_empty_graph_is_just_the_header():
    chart = parse(export(parse_graph({}), "mermaid").decode())
    assert chart.nodes == {} and chart.edges == []


def test_mermaid_ids_avoid_reserved_words():
    graph = build(
        [("end", "service"), ("graph", "service")],
        flows=[{"source": "end", "target": "graph", "kind": "call"}],
    )
    chart = parse(export(graph, "mermaid").decode())
    assert set(chart.nodes) == {"c_end", "c_graph"}


def test_mermaid_shortens_long_event_lists_on_an_edge():
    graph = order_saga()
    chart = parse(export(graph, "mermaid").decode())
    assert (
        "c_payment_service",
        "-.->",
        "PaymentProcessed, PaymentFailed, PaymentRefunded",
        "c_payments_topic",
    ) in chart.edges


def test_markdown_is_the_design_document():
    graph = order_saga()
    assert export(graph, "markdown").decode() == design_document(graph)
