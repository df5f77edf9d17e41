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


def _ring_graph() -> Graph:
    names = ["order", "payment", "inventory", "shipping"]
    comps = [
        {"id": f"{n}-service", "name": f"{n.title()} Service", "kind": "service"} for n in names
    ]
    comps.append({"id": "kafka", "name": "Kafka", "kind": "broker"})
    events, flows = [], []
    for i, n in enumerate(names):
        event, consumer = f"{n.title()}Done", f"{names[(i + 1) % 4]}-service"
        events.append(
            {"name": event, "producer": f"{n}-service", "consumers": [consumer], "channel": "kafka"}
        )
        flows.append(
            {"source": f"{n}-service", "target": "kafka", "kind": "publish", "events": [event]}
        )
        flows.append(
            {"source": "kafka", "target": consumer, "kind": "subscribe", "events": [event]}
        )
    return parse_graph({"title": "Ring", "components": comps, "events": events, "flows": flows})


def _node_x(svg: str, node_id: str) -> float:
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    group = next(g for g in root.iter(f"{ns}g") if g.get("id") == f"c-{node_id}")
    return float(next(group.iter(f"{ns}text")).get("x", "0"))


def test_services_that_publish_and_subscribe_are_drawn_on_both_sides_of_the_bus() -> None:
    svg = render_dot(graph_to_dot(_ring_graph()), "svg").decode()
    bus = _node_x(svg, "kafka")
    sides = {
        _node_x(svg, f"{n}-service") < bus for n in ("order", "payment", "inventory", "shipping")
    }
    assert sides == {True, False}


def test_an_edge_drawn_against_its_direction_keeps_its_meaning() -> None:
    dot = graph_to_dot(_ring_graph())
    reversed_edges = [line for line in dot.splitlines() if "dir=back" in line]
    assert reversed_edges
    for line in reversed_edges:
        tail, head = line.split('"')[1], line.split('"')[3]
        assert f"from-{head} to-{tail}" in line  # the class (and tooltip) keep the real direction
