"""A 300-component graph: every export and the design document are produced.

How fast is measured by bench/bench_exports.py (it prints the numbers against the 2 s budget);
a timed assertion here would fail whenever the machine is busy, not when the code is slow.
"""

from __future__ import annotations

import yaml

from diagrams.core.exporters import export
from tests.core.golden.asyncapi_checks import assert_valid
from tests.core.golden.graphs import bench_exports
from tests.core.golden.mermaid_parser import parse

BENCH = bench_exports()


def test_every_export_of_a_300_component_graph_is_produced():
    graph = BENCH.synthetic_graph(300)
    assert len(graph.components) == 300
    times = BENCH.run_all(graph)
    assert set(times) == {"svg", "png", "dot", "json", "mermaid", "asyncapi", "markdown"}
    for name in times:
        body = export(graph, name)
        assert len(body) > 10_000, name  # 300 components never fit in a few bytes


def test_the_large_exports_stay_well_formed():
    graph = BENCH.synthetic_graph(300)
    chart = parse(export(graph, "mermaid").decode())
    assert (len(chart.nodes), len(chart.edges)) == (len(graph.components), len(graph.flows))
    assert_valid(yaml.safe_load(export(graph, "asyncapi")))
