"""Every export format and the design document for a synthetic 300-component graph.

Builds an event-driven graph of 300 components (100 services with their databases, Kafka
topics, a DLQ, a schema registry, caches), then times each exporter once after a warm-up and
prints per-format wall and CPU times (CPU includes Graphviz, a child process) and the totals.
Target: the wall total under 2 s on an idle machine; exits 1 when it is not. Under load from
other processes, compare the CPU column instead.

    .venv/bin/python bench/bench_exports.py [COMPONENTS]
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from diagrams.core.designdoc import design_document, designdoc_html
from diagrams.core.exporters import EXPORTERS
from diagrams.core.graph import Graph, parse_graph
from diagrams.core.lint import lint

BUDGET_S = 2.0
SERVICES = 100
TOPICS = 60


def _event(i: int, verb: str, consumers: list[str]) -> dict[str, Any]:
    return {
        "name": f"Entity{i}{verb}",
        "producer": f"service-{i}",
        "consumers": consumers,
        "channel": f"topic-{i % TOPICS}",
        "partition_key": "entityId" if i % 3 else None,
        "schema": {
            "type": "object",
            "properties": {
                "entityId": {"type": "string", "format": "uuid"},
                "amount": {"type": "number", "minimum": 0},
                "tags": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["entityId"],
        },
    }


def _components(total: int) -> list[dict[str, Any]]:
    comps: list[dict[str, Any]] = [
        {"id": "web", "name": "Web App", "kind": "client"},
        {"id": "gateway", "name": "API Gateway", "kind": "gateway"},
        {"id": "kafka", "name": "Kafka", "kind": "broker", "technology": "Apache Kafka"},
        {"id": "dlq", "name": "Dead letters", "kind": "dead_letter_queue"},
        {"id": "registry", "name": "Schema Registry", "kind": "schema_registry"},
    ]
    for i in range(SERVICES):
        comps.append({"id": f"service-{i}", "name": f"Service {i}", "kind": "service"})
        comps.append({"id": f"db-{i}", "name": f"Database {i}", "kind": "database"})
    comps += [{"id": f"topic-{i}", "name": f"topic.{i}", "kind": "topic"} for i in range(TOPICS)]
    comps += [
        {"id": f"cache-{i}", "name": f"Cache {i}", "kind": "cache"}
        for i in range(total - len(comps))
    ]
    return comps[:total]


def _flows_and_events() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    flows: list[dict[str, Any]] = [{"source": "web", "target": "gateway", "kind": "call"}]
    flows.append({"source": "kafka", "target": "dlq", "kind": "publish"})
    events = []
    for i in range(SERVICES):
        service, topic = f"service-{i}", f"topic-{i % TOPICS}"
        consumers = [f"service-{(i + 1) % SERVICES}", f"service-{(i + 7) % SERVICES}"]
        created, updated = _event(i, "Created", consumers), _event(i, "Updated", consumers[:1])
        events += [created, updated]
        names = [created["name"], updated["name"]]
        flows.append({"source": service, "target": f"db-{i}", "kind": "write"})
        flows.append({"source": service, "target": topic, "kind": "publish", "events": names})
        flows += [
            {"source": topic, "target": c, "kind": "subscribe", "events": names[:1]}
            for c in consumers
        ]
        if i < 30:
            flows.append({"source": "gateway", "target": service, "kind": "call"})
        if i % 10 == 0:
            flows.append({"source": service, "target": f"service-{i + 1}", "kind": "call"})
    return flows, events


def synthetic_graph(components: int = 300) -> Graph:
    """An event-driven graph with ``components`` components, 200 events and ~560 flows."""
    flows, events = _flows_and_events()
    services = [f"service-{i}" for i in range(SERVICES)]
    patterns = [
        {"kind": "saga", "name": "Checkout", "components": services[:5]},
        {"kind": "dead_letter_queue", "name": "Dead letters", "components": ["kafka", "dlq"]},
        {"kind": "retry_backoff", "name": "Retries", "components": services[::2]},
        {"kind": "outbox", "name": "Outbox", "components": services[::3]},
    ]
    return parse_graph(
        {
            "title": "Synthetic platform",
            "components": _components(components),
            "events": events,
            "flows": flows,
            "patterns": patterns,
        }
    )


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Graphviz runs as a child)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(work: Callable[[], object]) -> tuple[float, float]:
    """(wall, cpu) seconds that ``work()`` takes."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    work()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def run_all(graph: Graph) -> dict[str, tuple[float, float]]:
    """Every export of ``graph`` and the design document (the Markdown export), timed."""
    design_document(graph)  # warm-up: template loading, imports
    return {name: measure(partial(e.export, graph)) for name, e in EXPORTERS.items()}


def main() -> int:
    components = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    graph = synthetic_graph(components)
    print(
        f"{len(graph.components)} components, {len(graph.events)} events, {len(graph.flows)} flows"
    )
    print(f"{'format':<12} {'wall ms':>9} {'cpu ms':>9}")
    times = run_all(graph)
    for name, (wall, cpu) in times.items():
        print(f"{name:<12} {wall * 1000:9.1f} {cpu * 1000:9.1f}")
    wall_total = sum(w for w, _ in times.values())
    cpu_total = sum(c for _, c in times.values())
    print(
        f"{'total':<12} {wall_total * 1000:9.1f} {cpu_total * 1000:9.1f}  (budget {BUDGET_S * 1000:.0f} ms)"
    )
    # Not part of the exports: the page's HTML view of the document and the findings.
    markdown_text = design_document(graph)
    for label, work in (
        ("lint", lambda: lint(graph)),
        ("html view", lambda: designdoc_html(markdown_text)),
    ):
        wall, cpu = measure(work)
        print(f"{label:<12} {wall * 1000:9.1f} {cpu * 1000:9.1f}  (not in the total)")
    return 0 if wall_total < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
