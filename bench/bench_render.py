"""Rendering a 50-component graph to SVG through render_dot vs `dot -Tsvg` alone.

Prints median times over 30 runs and the ratio (target: within 1.3x).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from diagrams.core.graph import Graph, parse_graph
from diagrams.core.rendering import graph_to_dot, render_dot

RUNS = 30


def synthetic_graph(services: int = 44) -> Graph:
    comps = [{"id": "kafka", "name": "Kafka", "kind": "broker"}]
    comps += [{"id": f"s{i}", "name": f"Service {i}", "kind": "service"} for i in range(services)]
    comps += [
        {"id": f"db{i}", "name": f"Store {i}", "kind": "database"} for i in range(50 - 1 - services)
    ]
    events, flows = [], []
    for i in range(services):
        name = f"Thing{i}Happened"
        consumer = f"s{(i + 1) % services}"
        events.append(
            {"name": name, "producer": f"s{i}", "consumers": [consumer], "channel": "kafka"}
        )
        flows.append({"source": f"s{i}", "target": "kafka", "kind": "publish", "events": [name]})
        flows.append({"source": "kafka", "target": consumer, "kind": "subscribe", "events": [name]})
    for j in range(50 - 1 - services):
        flows.append({"source": f"s{j}", "target": f"db{j}", "kind": "write"})
    return parse_graph({"title": "Bench", "components": comps, "events": events, "flows": flows})


def median_ms(fn: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    graph = synthetic_graph()
    dot_text = graph_to_dot(graph)
    alone = median_ms(
        lambda: subprocess.run(
            ["dot", "-Tsvg"], input=dot_text.encode(), capture_output=True, check=True
        )
    )
    ours = median_ms(lambda: render_dot(graph_to_dot(graph), "svg"))
    print(f"components: {len(graph.components)}  flows: {len(graph.flows)}")
    print(f"dot -Tsvg alone:            median {alone:7.1f} ms")
    print(f"graph_to_dot + render_dot:  median {ours:7.1f} ms")
    print(f"ratio: {ours / alone:.2f}x (target <= 1.30x)")


if __name__ == "__main__":
    main()
