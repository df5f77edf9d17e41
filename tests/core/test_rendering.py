"""graph_to_dot is deterministic and escapes every label; render_dot runs Graphviz safely."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from diagrams.core.graph import Graph, parse_graph
from diagrams.core.rendering import RenderError, graph_to_dot, render_dot

GOLDEN = Path(__file__).parent / "golden" / "order-kafka.dot"


def order_graph(name: str = "Order Service") -> Graph:
    return parse_graph(
        {
            "title": "Order processing",
            "boundaries": [{"id": "ordering", "name": "Ordering"}],
            "components": [
                {"id": "order-service", "name": name, "kind": "service", "boundary": "ordering"},
                {
                    "id": "orders-db",
                    "name": "Orders DB",
                    "kind": "database",
                    "technology": "PostgreSQL",
                    "boundary": "ordering",
                },
                {"id": "kafka", "name": "Kafka", "kind": "broker"},
                {"id": "payment-service", "name": "Payment Service", "kind": "service"},
            ],
            "events": [
                {
                    "name": "OrderCreated",
                    "producer": "order-service",
                    "consumers": ["payment-service"],
                    "channel": "kafka",
                }
            ],
            "flows": [
                {
                    "source": "order-service",
                    "target": "kafka",
                    "kind": "publish",
                    "events": ["OrderCreated"],
                },
                {
                    "source": "kafka",
                    "target": "payment-service",
                    "kind": "subscribe",
                    "events": ["OrderCreated"],
                },
                {"source": "order-service", "target": "orders-db", "kind": "write"},
            ],
        }
    )


def test_dot_output_matches_the_golden_file() -> None:
    dot = graph_to_dot(order_graph())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(dot)
    assert dot == GOLDEN.read_text()


def test_dot_output_is_deterministic() -> None:
    assert graph_to_dot(order_graph()) == graph_to_dot(order_graph())


def test_boundaries_become_clusters_and_events_label_edges() -> None:
    dot = graph_to_dot(order_graph())
    assert 'subgraph "cluster_ordering"' in dot
    assert 'label="OrderCreated"' in dot


@pytest.mark.parametrize(
    "name",
    [
        'Evil"]; a -> b; x [label="',
        "<script>alert(1)</script>",
        "back\\slash\\",
        "new\nline",
        "emoji 🚀 {}",
    ],
)
def test_hostile_names_cannot_break_the_dot_file_or_the_svg(name: str) -> None:
    dot = graph_to_dot(order_graph(name))
    svg = render_dot(dot, "svg").decode()
    root = ET.fromstring(svg)  # parses: no markup injected
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    expected = " ".join(name.split())
    assert expected.replace(" ", "") in texts.replace(" ", "")
    assert "<script>" not in svg
    groups = [g.get("class", "") for g in root.iter("{http://www.w3.org/2000/svg}g")]
    assert sum(c.startswith("edge") for c in groups) == 3
    assert sum(c.startswith("node") for c in groups) == 4


def test_render_rejects_a_format_outside_the_allow_list() -> None:
    with pytest.raises(RenderError, match="unsupported render format"):
        render_dot("digraph {}", "ps")


def test_render_reports_a_missing_dot_readably(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RenderError, match="dot is not installed"):
        render_dot("digraph {}", "svg")


def test_png_output_is_a_png() -> None:
    assert render_dot(graph_to_dot(order_graph()), "png")[:8] == b"\x89PNG\r\n\x1a\n"
