"""apply_edits: typed edit operations applied purely, checked one by one."""

from __future__ import annotations

from typing import Any

import pytest

from diagrams.core.edits import (
    AddBoundary,
    AddComponent,
    AddEvent,
    AddFlow,
    AddPattern,
    EditError,
    RemoveBoundary,
    RemoveComponent,
    RemoveEvent,
    RemoveFlow,
    RemovePattern,
    ReplaceComponent,
    SetBoundary,
    SetTitle,
    UpdateComponent,
    UpdateEvent,
    apply_edits,
    parse_edits,
)
from diagrams.core.graph import Boundary, Component, Event, Flow, Graph, Pattern, parse_graph


def _graph() -> Graph:
    data: dict[str, Any] = {
        "title": "Orders",
        "components": [
            {"id": "order-service", "name": "Order Service", "kind": "service"},
            {"id": "order-db", "name": "Order DB", "kind": "database"},
            {"id": "shared-db", "name": "Shared DB", "kind": "database"},
            {"id": "rabbitmq", "name": "RabbitMQ", "kind": "broker", "technology": "RabbitMQ"},
            {"id": "billing", "name": "Billing", "kind": "service"},
            {"id": "webhooks", "name": "Webhooks", "kind": "service"},
        ],
        "events": [
            {
                "name": "OrderCreated",
                "producer": "order-service",
                "consumers": ["billing", "webhooks"],
                "channel": "rabbitmq",
            },
            {
                "name": "WebhookSent",
                "producer": "webhooks",
                "consumers": ["billing"],
                "channel": "rabbitmq",
            },
            {
                "name": "OrderCancelled",
                "producer": "order-service",
                "consumers": ["billing"],
                "channel": "rabbitmq",
                "compensates": "OrderCreated",
            },
        ],
        "flows": [
            {"source": "order-service", "target": "order-db", "kind": "write"},
            {
                "source": "order-service",
                "target": "rabbitmq",
                "kind": "publish",
                "events": ["OrderCreated", "OrderCancelled"],
            },
            {
                "source": "rabbitmq",
                "target": "billing",
                "kind": "subscribe",
                "events": ["OrderCreated", "WebhookSent"],
            },
            {
                "source": "rabbitmq",
                "target": "webhooks",
                "kind": "subscribe",
                "events": ["OrderCreated"],
            },
            {
                "source": "webhooks",
                "target": "rabbitmq",
                "kind": "publish",
                "events": ["WebhookSent"],
            },
            {"source": "webhooks", "target": "shared-db", "kind": "write"},
            {"source": "billing", "target": "shared-db", "kind": "read"},
        ],
        "patterns": [
            {
                "kind": "saga",
                "name": "Order saga",
                "style": "choreography",
                "components": ["order-service", "billing", "webhooks"],
            }
        ],
    }
    return parse_graph(data)


def test_it_leaves_the_input_graph_unchanged() -> None:
    graph = _graph()
    before = graph.to_json()
    apply_edits(graph, [RemoveComponent(id="webhooks")])
    assert graph.to_json() == before


def test_it_adds_a_component() -> None:
    new = Component(id="redis", name="Redis", kind="cache")
    graph = apply_edits(_graph(), [AddComponent(component=new)])
    assert graph.component("redis") == new


def test_it_rejects_a_duplicate_component_id() -> None:
    clash = Component(id="billing", name="Billing 2", kind="service")
    with pytest.raises(EditError, match="already exists"):
        apply_edits(_graph(), [AddComponent(component=clash)])


def test_it_rejects_edit_to_unknown_component() -> None:
    with pytest.raises(EditError, match="no component with id 'nope'"):
        apply_edits(_graph(), [UpdateComponent(id="nope", name="Nope")])


def test_update_changes_only_the_given_fields_and_keeps_the_id() -> None:
    graph = apply_edits(_graph(), [UpdateComponent(id="billing", name="Billing Service")])
    billing = graph.component("billing")
    assert billing is not None
    assert (billing.name, billing.kind) == ("Billing Service", "service")


def test_replace_rewires_flows_events_and_patterns_to_the_new_id() -> None:
    kafka = Component(id="kafka", name="Kafka", kind="broker", technology="Kafka")
    graph = apply_edits(_graph(), [ReplaceComponent(id="rabbitmq", component=kafka)])
    assert graph.component("rabbitmq") is None
    assert {e.channel for e in graph.events} == {"kafka"}
    assert ("order-service", "kafka") in {(f.source, f.target) for f in graph.flows}
    assert {e.name for e in graph.events} == {"OrderCreated", "WebhookSent", "OrderCancelled"}


def test_replace_rejects_an_id_that_another_component_has() -> None:
    clash = Component(id="billing", name="Billing", kind="service")
    with pytest.raises(EditError, match="already exists"):
        apply_edits(_graph(), [ReplaceComponent(id="webhooks", component=clash)])


def test_remove_drops_flows_produced_events_and_consumer_entries() -> None:
    graph = apply_edits(_graph(), [RemoveComponent(id="webhooks")])
    assert graph.event("WebhookSent") is None
    created = graph.event("OrderCreated")
    assert created is not None and created.consumers == ["billing"]
    assert all("webhooks" not in (f.source, f.target) for f in graph.flows)
    assert graph.patterns[0].components == ["order-service", "billing"]


def test_remove_takes_a_store_only_that_component_used() -> None:
    graph = apply_edits(_graph(), [RemoveComponent(id="order-service")])
    assert graph.component("order-db") is None
    assert graph.component("shared-db") is not None


def test_remove_can_keep_private_stores() -> None:
    edit = RemoveComponent(id="order-service", remove_private_stores=False)
    assert apply_edits(_graph(), [edit]).component("order-db") is not None


def test_removing_a_producer_clears_compensations_of_its_events() -> None:
    graph = apply_edits(_graph(), [RemoveEvent(name="OrderCreated")])
    cancelled = graph.event("OrderCancelled")
    assert cancelled is not None and cancelled.compensates is None
    assert all("OrderCreated" not in f.events for f in graph.flows)


def test_add_flow_merges_events_into_an_existing_flow() -> None:
    extra = Flow(source="rabbitmq", target="webhooks", kind="subscribe", events=["WebhookSent"])
    graph = apply_edits(_graph(), [AddFlow(flow=extra)])
    flow = next(f for f in graph.flows if (f.source, f.target) == ("rabbitmq", "webhooks"))
    assert flow.events == ["OrderCreated", "WebhookSent"]


def test_add_flow_rejects_unknown_endpoints() -> None:
    with pytest.raises(EditError, match="nope"):
        apply_edits(_graph(), [AddFlow(flow=Flow(source="billing", target="nope", kind="call"))])


def test_remove_flow_by_kind_keeps_other_kinds() -> None:
    graph = apply_edits(
        _graph(),
        [
            AddFlow(flow=Flow(source="order-service", target="billing", kind="call")),
            RemoveFlow(source="order-service", target="billing", kind="call"),
        ],
    )
    assert ("order-service", "billing") not in {(f.source, f.target) for f in graph.flows}


def test_remove_flow_rejects_a_missing_flow() -> None:
    with pytest.raises(EditError, match="no flow"):
        apply_edits(_graph(), [RemoveFlow(source="billing", target="webhooks")])


def test_add_event_rejects_a_duplicate_name() -> None:
    event = Event(name="OrderCreated", producer="billing")
    with pytest.raises(EditError, match="already exists"):
        apply_edits(_graph(), [AddEvent(event=event)])


def test_update_event_renames_it_everywhere() -> None:
    renamed = Event(
        name="OrderPlaced", producer="order-service", consumers=["billing"], channel="rabbitmq"
    )
    graph = apply_edits(_graph(), [UpdateEvent(name="OrderCreated", event=renamed)])
    assert graph.event("OrderCreated") is None
    assert any("OrderPlaced" in f.events for f in graph.flows)
    cancelled = graph.event("OrderCancelled")
    assert cancelled is not None and cancelled.compensates == "OrderPlaced"


def test_update_event_rejects_a_name_that_is_taken() -> None:
    taken = Event(name="WebhookSent", producer="order-service")
    with pytest.raises(EditError, match="already exists"):
        apply_edits(_graph(), [UpdateEvent(name="OrderCreated", event=taken)])


def test_boundaries_are_added_moved_and_removed() -> None:
    graph = apply_edits(
        _graph(),
        [
            AddBoundary(
                boundary=Boundary(id="ordering", name="Ordering"),
                members=["order-service", "order-db"],
            ),
            SetBoundary(components=["order-db"], boundary=None),
        ],
    )
    assert graph.component("order-service").boundary == "ordering"  # type: ignore[union-attr]
    assert graph.component("order-db").boundary is None  # type: ignore[union-attr]
    graph = apply_edits(graph, [RemoveBoundary(id="ordering")])
    assert graph.boundaries == []
    assert graph.component("order-service").boundary is None  # type: ignore[union-attr]


def test_set_boundary_rejects_an_unknown_boundary() -> None:
    with pytest.raises(EditError, match="no boundary"):
        apply_edits(_graph(), [SetBoundary(components=["billing"], boundary="nowhere")])


def test_add_pattern_replaces_one_of_the_same_kind_and_name() -> None:
    pattern = Pattern(
        kind="saga", name="Order saga", style="orchestration", components=["order-service"]
    )
    graph = apply_edits(_graph(), [AddPattern(pattern=pattern)])
    assert [(p.name, p.style) for p in graph.patterns] == [("Order saga", "orchestration")]


def test_remove_pattern_rejects_a_kind_that_is_not_there() -> None:
    with pytest.raises(EditError, match="no cqrs pattern"):
        apply_edits(_graph(), [RemovePattern(kind="cqrs")])


def test_set_title() -> None:
    assert apply_edits(_graph(), [SetTitle(title="Shop")]).title == "Shop"


def test_an_edit_that_breaks_the_contract_is_rejected() -> None:
    stray = Event(name="Stray", producer="billing", channel="nowhere")
    with pytest.raises(EditError, match="unknown channel"):
        apply_edits(_graph(), [AddEvent(event=stray)])


def test_parse_edits_reads_json_and_rejects_unknown_operations() -> None:
    edits = parse_edits([{"op": "set_title", "title": "X"}])
    assert isinstance(edits[0], SetTitle)
    with pytest.raises(EditError):
        parse_edits([{"op": "explode"}])
