"""A 300-component graph: every export and the design document within the 2 s budget."""

from __future__ import annotations

import yaml

from diagrams.core.exporters import export
from tests.core.golden.asyncapi_checks import assert_valid
from tests.core.golden.graphs import bench_exports
from tests.core.golden.mermaid_parser import parse

BENCH = bench_exports()


def test_every_export_of_a_300_component_graph_fits_the_budget():
    graph = BENCH.synthetic_graph(300)
    assert len(graph.components) == 300
    times = BENCH.run_all(graph)
    assert set(times) == {"svg", "png", "dot", "json", "mermaid", "asyncapi", "markdown"}
    # CPU time (ours plus Graphviz's) rather than wall time: other processes on a shared
    # machine stretch wall time without making the exporters any slower.
    cpu_total = sum(cpu for _, cpu in times.values())
    assert cpu_total < BENCH.BUDGET_S, {name: round(cpu, 3) for name, (_, cpu) in times.items()}


def test_the_large_exports_stay_well_formed():
    graph = BENCH.synthetic_graph(300)
    chart = parse(export(graph, "mermaid").decode())
    assert (len(chart.nodes), len(chart.edges)) == (len(graph.components), len(graph.flows))
    assert_valid(yaml.safe_load(export(graph, "asyncapi")))
