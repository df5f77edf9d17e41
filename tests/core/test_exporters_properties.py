"""Hostile names (quotes, angle brackets, backticks, pipes, newlines, emoji) come out escaped
and intact in the JSON, Mermaid, AsyncAPI and Markdown exports."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings

from diagrams.core.designdoc import design_document
from diagrams.core.designdoc.escape import md
from diagrams.core.exporters import export
from diagrams.core.graph import parse_graph
from tests.core.golden.asyncapi_checks import assert_valid
from tests.core.golden.graphs import hostile
from tests.core.golden.mermaid_parser import parse
from tests.core.golden.strategies import names

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ESCAPES = {"<": "&lt;", ">": "&gt;", "`": "\\`", "|": "\\|"}
KNOWN = ['"quoted" <b>bold</b>', "pipe | and `tick`", "multi\nline\r\nname", "rocket 🚀 end"]


def lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_json(name: str) -> None:
    graph = hostile(name)
    data = json.loads(export(graph, "json").decode("utf-8"))
    assert data["title"] == graph.title
    assert parse_graph(data) == graph


def check_mermaid(name: str) -> None:
    graph = hostile(name)
    stored = graph.component("order-service")
    assert stored is not None
    chart = parse(export(graph, "mermaid").decode("utf-8"))
    assert len(chart.nodes) == len(graph.components)
    assert len(chart.edges) == len(graph.flows)
    assert chart.nodes["c_order_service"] == lines(f"{stored.name}\nservice · {stored.technology}")
    call = next(e for e in chart.edges if e[0] == "c_web_app")
    assert call[2] == lines(graph.flows[0].label)


def check_asyncapi(name: str) -> None:
    graph = hostile(name)
    doc = yaml.safe_load(export(graph, "asyncapi").decode("utf-8"))
    assert doc["info"]["title"] == graph.title
    assert doc["components"]["messages"]["OrderCreated"]["summary"] == graph.events[0].description
    assert doc["operations"]["order-service.send.orders-topic"]["summary"].startswith(
        graph.components[2].name
    )
    assert_valid(doc)


def check_markdown(name: str) -> None:
    graph = hostile(name)
    text = export(graph, "markdown").decode("utf-8")
    assert text == design_document(graph)
    assert f"# {md(graph.title)}: design document" in text
    prose = text.split("```mermaid")[0]
    for raw, escaped in ESCAPES.items():
        if raw in graph.title:
            assert escaped in prose


def test_known_hostile_names_survive_every_text_export():
    for name in KNOWN:
        check_json(name)
        check_mermaid(name)
        check_asyncapi(name)
        check_markdown(name)


@PROPERTY
@given(names)
def test_any_name_round_trips_through_json(name):
    check_json(name)


@PROPERTY
@given(names)
def test_any_name_survives_mermaid(name):
    check_mermaid(name)


@PROPERTY
@given(names)
def test_any_name_survives_asyncapi(name):
    check_asyncapi(name)


@PROPERTY
@given(names)
def test_any_name_is_escaped_in_markdown(name):
    check_markdown(name)
