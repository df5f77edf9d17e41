"""Any valid graph, however odd its shape: the document is complete, every fix is in the
vocabulary, and the text exports stay well-formed."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagrams.core.designdoc import design_document
from diagrams.core.exporters import export
from diagrams.core.graph import ComponentKind, FlowKind, Graph, PatternKind, SagaStyle, parse_graph
from diagrams.core.lint import lint
from tests.core.golden.asyncapi_checks import assert_valid
from tests.core.golden.doc_blocks import SECTIONS
from tests.core.golden.mermaid_parser import parse
from tests.core.golden.vocabulary import in_vocabulary

EVENT_NAMES = [
    "OrderCreated", "CreateOrder", "PaymentFailed", "StockReserved", "ReserveStock",
    "ItemNameChanged", "ItemPriceChanged", "ItemTagSet", "ShipOrder", "OrderShipped",
]  # fmt: skip
TECHNOLOGIES = ["", "Apache Kafka", "RabbitMQ", "Amazon SQS", "Amazon SNS", "Debezium", "NATS"]


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    ids = [f"c{i}" for i in range(draw(st.integers(1, 10)))]
    pick = st.sampled_from(ids)
    components = [
        {
            "id": cid,
            "name": f"Component {cid}",
            "kind": draw(st.sampled_from(list(ComponentKind))).value,
            "technology": draw(st.sampled_from(TECHNOLOGIES)),
            "boundary": draw(st.sampled_from([None, "b0", "b1"])),
        }
        for cid in ids
    ]
    names = draw(st.lists(st.sampled_from(EVENT_NAMES), unique=True, max_size=8))
    events = [_event(draw, name, names[:i], pick) for i, name in enumerate(names)]
    flows = [
        {
            "source": draw(pick),
            "target": draw(pick),
            "kind": draw(st.sampled_from(list(FlowKind))).value,
            "events": draw(st.lists(st.sampled_from(names), unique=True, max_size=3))
            if names
            else [],
        }
        for _ in range(draw(st.integers(0, 12)))
    ]
    patterns = [
        {
            "kind": draw(st.sampled_from(list(PatternKind))).value,
            "name": f"Pattern {i}",
            "style": draw(st.sampled_from([None, *[s.value for s in SagaStyle]])),
            "components": draw(st.lists(pick, unique=True, max_size=4)),
            "details": draw(
                st.sampled_from([{}, {"max_attempts": 3, "base_delay_ms": 50}, {"attempts": "x"}])
            ),
        }
        for i in range(draw(st.integers(0, 5)))
    ]
    boundaries = [{"id": "b0", "name": "Zero"}, {"id": "b1", "name": "One"}]
    return parse_graph(
        {
            "components": components,
            "boundaries": boundaries,
            "events": events,
            "flows": flows,
            "patterns": patterns,
        }
    )


def _event(
    draw: st.DrawFn, name: str, earlier: list[str], pick: st.SearchStrategy[str]
) -> dict[str, Any]:
    return {
        "name": name,
        "kind": draw(st.sampled_from(["event", "command"])),
        "producer": draw(pick),
        "consumers": draw(st.lists(pick, unique=True, max_size=3)),
        "channel": draw(st.one_of(st.none(), pick)),
        "compensates": draw(st.sampled_from([None, *earlier])),
        "partition_key": draw(st.sampled_from([None, "orderId"])),
        "schema": draw(
            st.sampled_from([{}, {"type": "object", "properties": {"orderId": {"type": "string"}}}])
        ),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_any_graph_gives_a_complete_document_fixes_in_vocabulary_and_valid_exports(graph):
    document = design_document(graph)
    positions = [document.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    assert all(in_vocabulary(f.fix) for f in lint(graph))
    chart = parse(export(graph, "mermaid").decode())
    assert (len(chart.nodes), len(chart.edges)) == (len(graph.components), len(graph.flows))
    assert_valid(yaml.safe_load(export(graph, "asyncapi")))
    assert parse_graph(yaml.safe_load(export(graph, "json"))) == graph
