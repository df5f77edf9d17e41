"""Diagrams drawn straight into the database, without a planner or a worker."""

from __future__ import annotations

from typing import Any

from diagrams.core.graph import Graph, parse_graph
from diagrams.models import Diagram, Job, JobKind, JobStatus, Revision, RevisionKind

SMALL_GRAPH: dict[str, Any] = {
    "title": "Order processing",
    "components": [
        {"id": "order-service", "name": "Order Service", "kind": "service"},
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
    ],
}


def drawn_diagram(owner: Any, graph: Graph | None = None, *, prompt: str = "orders") -> Diagram:
    """A diagram of ``owner`` with one succeeded plan job and its revision 1."""
    graph = graph or parse_graph(SMALL_GRAPH)
    diagram = Diagram.objects.create(owner=owner, title=graph.title[:80], prompt=prompt)
    job = Job.objects.create(
        diagram=diagram, kind=JobKind.PLAN, instruction=prompt, status=JobStatus.SUCCEEDED
    )
    Revision.objects.create(
        diagram=diagram, number=1, kind=RevisionKind.PLAN, graph=graph.to_json(), job=job
    )
    return diagram
