"""Event schemas: whatever JSON a graph carries, the published schema is valid JSON Schema
(draft 2020-12 and draft 07) and the generated example validates against it."""

from __future__ import annotations

from typing import Any

from hypothesis import example as hypothesis_example
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

from diagrams.core.designdoc.schemas import FORMAT_SAMPLES, data_schema, example, sanitize
from diagrams.core.graph import parse_graph

KEYWORDS = [
    "type", "properties", "required", "items", "enum", "const", "format", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
    "additionalProperties", "description", "pattern", "oneOf", "$ref", "uniqueItems",
]  # fmt: skip
TYPES = ["object", "array", "string", "number", "integer", "boolean", "null", "date", 7]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=8),
    st.sampled_from(TYPES + list(FORMAT_SAMPLES)),
)


def schema_like(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    values = st.one_of(
        children,
        st.lists(children, max_size=4),
        st.lists(st.sampled_from(TYPES), max_size=3),
        st.dictionaries(st.text(max_size=6), children, max_size=4),
    )
    return st.one_of(values, st.dictionaries(st.sampled_from(KEYWORDS), values, max_size=6))


arbitrary_schemas = st.dictionaries(
    st.sampled_from(KEYWORDS), st.recursive(scalars, schema_like, max_leaves=25), max_size=8
)


def assert_publishable(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    Draft7Validator.check_schema(schema)
    value = example(schema)
    checker = FormatChecker()
    Draft202012Validator(schema, format_checker=checker).validate(value)
    Draft7Validator(schema, format_checker=checker).validate(value)


@settings(max_examples=300, deadline=None)
@given(arbitrary_schemas)
@hypothesis_example({"const": {"": None}, "additionalProperties": False})  # found by hypothesis
def test_any_schema_sanitizes_to_a_valid_schema_with_a_valid_example(raw):
    assert_publishable(sanitize(raw))


def test_a_well_formed_schema_is_kept_as_it_is():
    schema = {
        "type": "object",
        "properties": {
            "orderId": {"type": "string", "format": "uuid"},
            "total": {"type": "number", "exclusiveMinimum": 0, "maximum": 10},
            "status": {"type": "string", "enum": ["NEW", "PAID"]},
            "lines": {"type": "array", "minItems": 2, "items": {"type": "integer", "minimum": 5}},
        },
        "required": ["orderId", "total"],
        "additionalProperties": False,
    }
    assert sanitize(schema) == schema
    assert example(schema) == {
        "orderId": FORMAT_SAMPLES["uuid"],
        "total": 1,
        "status": "NEW",
        "lines": [5, 5],
    }


def test_contradictions_and_unsupported_keywords_are_dropped():
    clean = sanitize(
        {
            "type": "integer",
            "minimum": 5,
            "maximum": 2,
            "enum": [1, "x", 3.5],
            "pattern": "^a",
            "$ref": "#/elsewhere",
        }
    )
    assert clean == {"type": "integer", "enum": [1]}
    assert_publishable(clean)


def test_deep_nesting_is_cut_off_rather_than_recursing_forever():
    deep: dict[str, Any] = {"type": "object"}
    node = deep
    for _ in range(200):
        node["properties"] = {"a": {"type": "object"}}
        node = node["properties"]["a"]
    assert_publishable(sanitize(deep))


def test_an_event_without_a_schema_gets_its_aggregate_id():
    graph = parse_graph(
        {
            "components": [{"id": "stock", "name": "Stock", "kind": "service"}],
            "events": [{"name": "ReserveStock", "kind": "command", "producer": "stock"}],
        }
    )
    schema = data_schema(graph.events[0])
    assert schema["required"] == ["stockId"]
    assert_publishable(schema)
