"""The graph contract: integrity, limits, JSON form and schema."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from diagrams.core.graph import (
    MAX_COMPONENTS,
    GraphError,
    graph_json_schema,
    parse_graph,
    slugify,
    unique_slug,
)


def _graph(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Orders",
        "components": [
            {"id": "order-service", "name": "Order Service", "kind": "service"},
            {"id": "kafka", "name": "Kafka", "kind": "broker"},
        ],
        "events": [
            {
                "name": "OrderCreated",
                "producer": "order-service",
                "consumers": [],
                "channel": "kafka",
            }
        ],
        "flows": [
            {
                "source": "order-service",
                "target": "kafka",
                "kind": "publish",
                "events": ["OrderCreated"],
            }
        ],
    }
    data.update(overrides)
    return data


def test_a_valid_graph_round_trips_through_its_json_form() -> None:
    graph = parse_graph(_graph())
    assert parse_graph(graph.to_json()) == graph
    assert graph.to_json()["events"][0]["schema"] == {}


def test_it_rejects_a_flow_to_an_unknown_component() -> None:
    flows = [{"source": "order-service", "target": "ghost", "kind": "call"}]
    with pytest.raises(GraphError, match="unknown component 'ghost'"):
        parse_graph(_graph(flows=flows))


def test_it_rejects_an_event_with_an_unknown_producer() -> None:
    events = [{"name": "OrderCreated", "producer": "nobody"}]
    with pytest.raises(GraphError, match="unknown producer 'nobody'"):
        parse_graph(_graph(events=events, flows=[]))


def test_it_rejects_duplicate_component_ids() -> None:
    comps = [
        {"id": "a", "name": "A", "kind": "service"},
        {"id": "a", "name": "A2", "kind": "service"},
    ]
    with pytest.raises(GraphError, match="duplicate component id 'a'"):
        parse_graph(_graph(components=comps, events=[], flows=[]))


@pytest.mark.parametrize("bad_id", ["Order Service", "order_service", "-x", ""])
def test_it_rejects_ids_that_are_not_slugs(bad_id: str) -> None:
    comps = [{"id": bad_id, "name": "X", "kind": "service"}]
    with pytest.raises(GraphError):
        parse_graph(_graph(components=comps, events=[], flows=[]))


def test_it_rejects_more_components_than_the_limit() -> None:
    comps = [{"id": f"s{i}", "name": f"S{i}", "kind": "service"} for i in range(MAX_COMPONENTS + 1)]
    with pytest.raises(GraphError, match="at most 300"):
        parse_graph(_graph(components=comps, events=[], flows=[]))


def test_it_rejects_names_over_80_characters() -> None:
    comps = [{"id": "a", "name": "x" * 81, "kind": "service"}]
    with pytest.raises(GraphError, match="at most 80"):
        parse_graph(_graph(components=comps, events=[], flows=[]))


def test_it_rejects_an_unknown_kind_and_extra_fields() -> None:
    with pytest.raises(GraphError):
        parse_graph(
            _graph(components=[{"id": "a", "name": "A", "kind": "mainframe"}], events=[], flows=[])
        )
    with pytest.raises(GraphError):
        parse_graph(_graph(colour="red"))


def test_the_json_schema_accepts_a_valid_graph_and_rejects_a_bad_kind() -> None:
    schema = graph_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(parse_graph(_graph()).to_json(), schema)
    bad = _graph(components=[{"id": "a", "name": "A", "kind": "mainframe"}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_slugs_are_valid_and_unique() -> None:
    assert slugify("Order Service (v2)!") == "order-service-v2"
    assert slugify("!!!") == "component"
    assert unique_slug("Order Service", {"order-service", "order-service-2"}) == "order-service-3"
    assert len(unique_slug("x" * 200, set())) <= 80
