"""Hostile names and instructions through the whole core: only typed errors, inert output.

Generated graphs carry attack text (see tests/support/hostile.py) in every free-text field.
Properties: the DOT always parses (Graphviz renders it) and draws exactly the graph's nodes and
edges; SVG has no script, handler or link; every exporter succeeds; the design document's HTML
has nothing that runs, even before sanitizing; apply_edits and the rule-based planner raise
only EditError / GraphError / PlannerError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from diagrams.core.designdoc import design_document, designdoc_html
from diagrams.core.edits import EditError, apply_edits, parse_edits
from diagrams.core.exporters import EXPORTERS
from diagrams.core.graph import Graph, GraphError, parse_graph
from diagrams.core.planners import PlannerError
from diagrams.core.planners.base import MAX_INSTRUCTION_CHARS, MAX_PROMPT_CHARS
from diagrams.core.rendering import graph_to_dot, render_dot
from tests.support.hostile import (
    MARKDOWN_TAGS,
    TRIED,
    assert_inert_html,
    assert_safe_svg,
    hostile_graphs,
    hostile_names,
    hostile_text,
)


def _examples(n: int) -> settings:
    # Sized so the whole file runs in well under a minute on two shared cores.
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def _report_count() -> Iterator[None]:
    yield
    print(f"\nhostile strings tried in {__name__}: {TRIED['strings']}")


def _graph(data: dict[str, Any]) -> Graph:
    try:
        return parse_graph(data)
    except GraphError:
        # Only when cleaning left a required name empty: not what these properties are about.
        assume(False)
        raise


def _assert_draws_exactly(graph: Graph, svg: bytes) -> None:
    root = assert_safe_svg(svg)
    classes = [e.get("class", "").split() for e in root.iter() if e.get("class")]
    assert sum("node" in c for c in classes) == len(graph.components)
    assert sum("edge" in c for c in classes) == len(graph.flows)
    clustered = {c.boundary for c in graph.components if c.boundary}
    assert sum("cluster" in c for c in classes) == len(clustered)


@_examples(80)
@given(data=hostile_graphs())
def test_dot_always_parses_and_draws_only_the_graph(data: dict[str, Any]) -> None:
    graph = _graph(data)
    svg = render_dot(graph_to_dot(graph), "svg")
    _assert_draws_exactly(graph, svg)


_QUOTED = re.compile(r'"([^"]*)"')
_MERMAID_ENTITY = re.compile(r"#\d+;")
_NODE_LINE = re.compile(r'^\s*"[a-z0-9-]+" \[id="c-', re.MULTILINE)
_EDGE_LINE = re.compile(r'^\s*"[a-z0-9-]+" -> "[a-z0-9-]+" \[id="f-', re.MULTILINE)


def _check_mermaid(graph: Graph, text: str) -> None:
    labelled = [line for line in text.splitlines() if '"' in line]
    assert len(labelled) == len(graph.components) + len(graph.boundaries) + len(graph.flows)
    for line in labelled:
        assert line.count('"') == 2, line
        inner = _QUOTED.search(line)
        assert inner is not None
        plain = _MERMAID_ENTITY.sub("", inner.group(1).replace("<br/>", ""))
        assert not set(plain) & set('"<>[]{}()|;`#'), line


def _check_export(graph: Graph, fmt: str, data: bytes) -> None:
    if fmt == "svg":
        _assert_draws_exactly(graph, data)
    elif fmt == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif fmt == "dot":
        _assert_draws_exactly(graph, render_dot(data.decode("utf-8"), "svg"))
    elif fmt == "json":
        assert parse_graph(json.loads(data)) == graph
    elif fmt == "mermaid":
        _check_mermaid(graph, data.decode("utf-8"))
    elif fmt == "asyncapi":
        document = yaml.safe_load(data)
        assert len(document["components"]["messages"]) == len(graph.events)
    elif fmt == "markdown":
        html = markdown.markdown(data.decode("utf-8"), extensions=["tables", "fenced_code"])
        assert_inert_html(html, allowed_tags=MARKDOWN_TAGS)
    else:
        pytest.fail(f"no hostile-input check for exporter {fmt!r}: add one")


@_examples(25)
@given(data=hostile_graphs(max_components=4))
def test_every_exporter_turns_hostile_graphs_into_valid_inert_files(data: dict[str, Any]) -> None:
    graph = _graph(data)
    for name, exporter in EXPORTERS.items():
        _check_export(graph, name, exporter.export(graph))


@_examples(60)
@given(data=hostile_graphs())
def test_the_design_document_is_inert_even_before_sanitizing(data: dict[str, Any]) -> None:
    text = design_document(_graph(data), image_url="/s/token/export/svg/?inline=1")
    raw = markdown.markdown(text, extensions=["tables", "fenced_code"])
    assert_inert_html(raw, allowed_tags=MARKDOWN_TAGS)
    assert_inert_html(designdoc_html(text), allowed_tags=MARKDOWN_TAGS)


# "@n" stands for the n-th component id of the graph under edit (resolved in the test), so
# the strategy is built once and edits still hit real components.
_SOME_ID = st.one_of(st.sampled_from([f"@{i}" for i in range(6)]), hostile_names())
_COMPONENT = st.fixed_dictionaries(
    {"id": _SOME_ID, "name": hostile_names(), "kind": st.just("service")},
    optional={"technology": hostile_text(60), "description": hostile_text(200)},
)
_EDIT = st.one_of(
    st.fixed_dictionaries({"op": st.just("add_component"), "component": _COMPONENT}),
    st.fixed_dictionaries(
        {"op": st.just("update_component"), "id": _SOME_ID, "name": hostile_names()}
    ),
    st.fixed_dictionaries(
        {"op": st.just("replace_component"), "id": _SOME_ID, "component": _COMPONENT}
    ),
    st.fixed_dictionaries({"op": st.just("remove_component"), "id": _SOME_ID}),
    st.fixed_dictionaries({"op": st.just("set_title"), "title": hostile_text(120)}),
    st.fixed_dictionaries(
        {
            "op": st.just("add_boundary"),
            "boundary": st.fixed_dictionaries({"id": st.just("zone"), "name": hostile_names()}),
            "members": st.lists(_SOME_ID, max_size=2),
        }
    ),
    st.fixed_dictionaries(
        {
            "op": st.just("add_flow"),
            "flow": st.fixed_dictionaries(
                {
                    "source": _SOME_ID,
                    "target": _SOME_ID,
                    "kind": st.just("call"),
                    "label": hostile_text(200),
                }
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "op": st.just("add_event"),
            "event": st.fixed_dictionaries({"name": hostile_names(), "producer": _SOME_ID}),
        }
    ),
)


def _resolve(value: Any, ids: list[str]) -> Any:
    if isinstance(value, str) and value.startswith("@") and value[1:].isdigit():
        return ids[int(value[1:]) % len(ids)]
    if isinstance(value, dict):
        return {k: _resolve(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, ids) for v in value]
    return value


@_examples(120)
@given(data=hostile_graphs(), edits=st.lists(_EDIT, min_size=1, max_size=4))
def test_apply_edits_raises_only_typed_errors(
    data: dict[str, Any], edits: list[dict[str, Any]]
) -> None:
    graph = _graph(data)
    try:
        result = apply_edits(graph, parse_edits(_resolve(edits, [c.id for c in graph.components])))
    except (EditError, GraphError):
        return
    dot = graph_to_dot(result)
    assert len(_NODE_LINE.findall(dot)) == len(result.components)
    assert len(_EDGE_LINE.findall(dot)) == len(result.flows)


ARCHITECTURE_WORDS = st.sampled_from(
    [
        "service",
        "publishes",
        "to Kafka",
        "consumes",
        "RabbitMQ",
        "with a saga",
        "Postgres database",
        "event",
        "OrderCreated",
        "the",
        "and",
        ".",
        ",",
    ]
)
PROMPTS = st.lists(st.one_of(hostile_text(60), ARCHITECTURE_WORDS), min_size=1, max_size=20).map(
    " ".join
)


def _planner() -> Any:
    from diagrams.core.planners.rule_based import RuleBasedPlanner

    return RuleBasedPlanner()


@_examples(120)
@given(prompt=PROMPTS)
def test_the_planner_plans_hostile_prompts_or_says_why(prompt: str) -> None:
    try:
        result = _planner().plan(prompt)
    except PlannerError as exc:
        assert str(exc)
        return
    assert isinstance(result.graph, Graph)
    _assert_draws_exactly(result.graph, render_dot(graph_to_dot(result.graph), "svg"))


INSTRUCTIONS = st.one_of(
    PROMPTS,
    st.builds(
        lambda template, name: template.format(name),
        st.sampled_from(
            [
                "Add a transactional outbox to {}",
                "Add retries with exponential backoff to {}",
                "Make {} an idempotent consumer",
                "Add a compensating event for {}",
                "Rename event OrderCreated to {}",
                "Remove event {}",
                "Add partition key {} to OrderCreated",
                "Replace the synchronous call from {0} to {0} with an event",
                "Add a {} service that consumes OrderCreated",
                "Rename {} to Payments",
                "Swap Kafka for {}",
            ]
        ),
        hostile_names(),
    ),
)


@_examples(80)
@given(data=hostile_graphs(), instruction=INSTRUCTIONS)
def test_the_planner_refines_with_hostile_instructions_or_says_why(
    data: dict[str, Any], instruction: str
) -> None:
    graph = _graph(data)
    try:
        refinement = _planner().refine(graph, instruction)
        result = apply_edits(graph, refinement.edits)
    except (PlannerError, EditError, GraphError) as exc:
        assert str(exc)
        return
    assert isinstance(result, Graph)


def test_an_oversized_prompt_or_instruction_is_refused_with_a_message() -> None:
    planner = _planner()
    with pytest.raises(PlannerError, match=r"\d"):
        planner.plan("an order service publishes to Kafka " * (MAX_PROMPT_CHARS // 20))
    graph = parse_graph({"components": [{"id": "a", "name": "A", "kind": "service"}]})
    with pytest.raises(PlannerError, match=r"\d"):
        planner.refine(graph, "add a cache " * (MAX_INSTRUCTION_CHARS // 5))
