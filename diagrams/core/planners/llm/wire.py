"""The LLM-facing wire models, derived from the graph contract, and their strict schemas.

The contract has two free-form fields that strict structured outputs cannot express:
``Event.schema`` (any JSON Schema) and ``Pattern.details``. The wire models are generated from
the contract's own models, so a field added to the contract reaches the model's schema without
a hand-kept copy, with two changes: an event's data schema travels as ``data_schema``, a
JSON-encoded string, and a pattern's ``details`` are left out. Serialising a wire model gives
contract JSON back, which is then validated by the real models (``parse_graph``/``parse_edits``).
"""

from __future__ import annotations

import json
import types
from copy import copy
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    create_model,
    field_validator,
    model_serializer,
)

from diagrams.core.edits import Edit
from diagrams.core.graph import Event, Graph, Pattern
from diagrams.core.planners.llm.strict_schema import strict_json_schema

MAX_SUMMARY_CHARS = 500  # longer summaries are cut, not sent back for repair

_DATA_SCHEMA_HELP = (
    "JSON Schema (draft 2020-12) of the event's data, encoded as a JSON string, e.g. "
    '"{\\"type\\": \\"object\\", \\"properties\\": {\\"orderId\\": {\\"type\\": \\"string\\"}}, '
    '\\"required\\": [\\"orderId\\"]}". null when there is none; in update_event, null keeps '
    "the event's current schema."
)


class _WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _WireEventBase(_WireModel):
    """Serialises to a contract event: ``data_schema`` becomes the ``schema`` object."""

    @field_validator("data_schema", check_fields=False)
    @classmethod
    def _must_encode_an_object(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            decoded = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"data_schema is not valid JSON ({exc.msg})") from None
        if not isinstance(decoded, dict):
            raise ValueError("data_schema must encode a JSON object (a JSON Schema)")
        return value

    @model_serializer(mode="wrap")
    def _as_contract(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        encoded = data.pop("data_schema", None)
        if encoded is not None:
            data["schema"] = json.loads(encoded)
        return data


def _swap_type(annotation: Any, swaps: dict[type, type]) -> Any:
    """``annotation`` with every contract model in ``swaps`` replaced by its wire model."""
    if isinstance(annotation, type) and annotation in swaps:
        return swaps[annotation]
    args = get_args(annotation)
    if not args:
        return annotation
    new_args = tuple(_swap_type(a, swaps) for a in args)
    if new_args == args:
        return annotation
    origin = get_origin(annotation)
    if origin is list:
        return list[new_args[0]]  # type: ignore[valid-type]
    if origin in (Union, types.UnionType):
        return Union[new_args]  # noqa: UP007 (a runtime tuple of types)
    raise TypeError(f"cannot derive a wire type from {annotation!r}")


def _derive(
    model: type[BaseModel],
    *,
    swaps: dict[type, type],
    drop: frozenset[str] = frozenset(),
    extra: dict[str, Any] | None = None,
    base: type[BaseModel] = _WireModel,
) -> type[BaseModel]:
    """A wire copy of ``model``: same fields, constraints and docs, nested models swapped."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in drop:
            fields[name] = (_swap_type(info.annotation, swaps), copy(info))
    fields.update(extra or {})
    derived: type[BaseModel] = create_model(
        model.__name__, __base__=base, __doc__=model.__doc__, **fields
    )
    return derived


WireEvent = _derive(
    Event,
    swaps={},
    drop=frozenset({"schema_"}),
    extra={"data_schema": (str | None, Field(default=None, description=_DATA_SCHEMA_HELP))},
    base=_WireEventBase,
)
WirePattern = _derive(Pattern, swaps={}, drop=frozenset({"details"}))
_SWAPS: dict[type, type] = {Event: WireEvent, Pattern: WirePattern}
WireGraph = _derive(Graph, swaps=_SWAPS, drop=frozenset({"schema_version"}))


def _wire_edit_union() -> Any:
    union, _discriminator = get_args(Edit)
    members = []
    for op in get_args(union):
        changed = any(
            _swap_type(f.annotation, _SWAPS) is not f.annotation for f in op.model_fields.values()
        )
        members.append(_derive(op, swaps=_SWAPS) if changed else op)
    return Annotated[Union[tuple(members)], Field(discriminator="op")]  # noqa: UP007


WireEdit = _wire_edit_union()
WireRefinement: type[BaseModel] = create_model(
    "Refinement",
    __base__=_WireModel,
    __doc__="What the instruction asks for: edits to the current graph, or undo.",
    undo=(
        bool,
        Field(description="true only when the user asks to undo or revert the last change"),
    ),
    summary=(
        str,
        Field(description="One sentence for the user saying what changed (or why nothing can)."),
    ),
    edits=(
        list[WireEdit],  # type: ignore[valid-type]
        Field(description="The edit operations, applied in order; empty when undo is true."),
    ),
)
WIRE_EDITS: TypeAdapter[list[Any]] = TypeAdapter(list[WireEdit])  # type: ignore[valid-type]

PLAN_SCHEMA = strict_json_schema(WireGraph.model_json_schema())
REFINE_SCHEMA = strict_json_schema(WireRefinement.model_json_schema())


def graph_to_wire(graph: Graph) -> dict[str, Any]:
    """``graph`` as the model is asked to write it (the inverse of reading a plan answer)."""
    data = graph.to_json()
    data.pop("schema_version", None)
    data["events"] = [_event_to_wire(e) for e in data["events"]]
    for pattern in data["patterns"]:
        pattern.pop("details", None)
    return data


def edits_to_wire(edits: list[Edit]) -> list[dict[str, Any]]:
    """``edits`` as the model is asked to write them."""
    wire = []
    for edit in edits:
        data = edit.model_dump(mode="json", by_alias=True)
        if "event" in data:
            data["event"] = _event_to_wire(data["event"])
        if "pattern" in data:
            data["pattern"].pop("details", None)
        wire.append(data)
    return wire


def _event_to_wire(event: dict[str, Any]) -> dict[str, Any]:
    schema = event.pop("schema", None)
    return {**event, "data_schema": json.dumps(schema) if schema else None}
