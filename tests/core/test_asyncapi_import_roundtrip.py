"""Import -> AsyncAPI export -> import keeps channels, operations and message payloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagrams.core.designdoc.schemas import data_schema
from diagrams.core.exporters.asyncapi import export_asyncapi
from diagrams.core.graph import ComponentKind, Graph
from diagrams.core.importers import SourceDocument, import_asyncapi

FIXTURES = Path(__file__).parent / "fixtures" / "asyncapi"
CHANNEL_KINDS = (ComponentKind.TOPIC, ComponentKind.QUEUE)


@pytest.fixture(scope="module")
def graphs() -> tuple[Graph, Graph]:
    docs = [SourceDocument(p.name, p.read_text()) for p in sorted(FIXTURES.glob("*.yaml"))]
    imported = import_asyncapi(docs)
    again = import_asyncapi([SourceDocument("export.yaml", export_asyncapi(imported))])
    return imported, again


def operations(graph: Graph) -> set[tuple[str, str, str, str]]:
    """(application, send|receive, channel, message) for every publish/subscribe flow."""
    found = set()
    for f in graph.flows:
        for name in f.events:
            if f.kind == "publish":
                found.add((f.source, "send", f.target, name))
            else:
                found.add((f.target, "receive", f.source, name))
    return found


def test_channels_that_carry_messages_keep_their_id_name_and_kind(
    graphs: tuple[Graph, Graph],
) -> None:
    imported, again = graphs
    carried = {e.channel for e in imported.events}

    def channels(graph: Graph) -> dict[str, tuple[str, str]]:
        return {
            c.id: (c.name, c.kind.value)
            for c in graph.components
            if c.kind in CHANNEL_KINDS and c.id in carried
        }

    assert channels(imported) and channels(again) == channels(imported)


def test_every_operation_survives_those_on_a_second_channel_too(
    graphs: tuple[Graph, Graph],
) -> None:
    imported, again = graphs
    own = {e.name: e.channel for e in imported.events}
    assert len({op for op in operations(imported) if own[op[3]] == op[2]}) >= 15
    assert any(own[op[3]] != op[2] for op in operations(imported))  # the dead letter queue
    assert operations(again) == operations(imported)


def test_events_keep_producer_consumers_kind_and_payload(graphs: tuple[Graph, Graph]) -> None:
    imported, again = graphs
    for event in imported.events:
        back = again.event(event.name)
        assert back is not None, event.name
        assert (back.producer, sorted(back.consumers), back.kind, back.channel) == (
            event.producer,
            sorted(event.consumers),
            event.kind,
            event.channel,
        )
        assert back.schema_ == data_schema(event)
        assert back.schema_.get("required") == event.schema_.get("required")
        assert set(back.schema_.get("properties", {})) == set(event.schema_.get("properties", {}))


def test_the_brokers_come_back_with_their_protocols(graphs: tuple[Graph, Graph]) -> None:
    imported, again = graphs
    brokers = {c.id: c.technology.split()[0] for c in imported.components if c.kind == "broker"}
    assert {c.id: c.technology.split()[0] for c in again.components if c.kind == "broker"} == (
        brokers
    )
