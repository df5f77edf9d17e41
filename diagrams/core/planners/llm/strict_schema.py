"""Turn a pydantic JSON Schema into one that OpenAI's strict structured outputs accept.

Strict mode compiles the schema into a decoding grammar, so it takes only a subset of JSON
Schema: every object closed (``additionalProperties: false``) with every property required, no
free-form objects, ``anyOf`` rather than ``oneOf``. ``$ref`` is inlined because OpenAI-compatible
servers (Ollama, vLLM, LM Studio) resolve references unevenly, and keywords that some of them
reject (lengths, item counts, defaults, formats) are dropped: the answer is validated in full by
the pydantic models afterwards, so nothing is lost but a hint.

Properties that pydantic marks optional become required with their own type: each such field's
default is a value of that type (``""``, ``[]``, ``1``), so the model can always write one, and
fields that may really be empty are ``X | None`` already.
"""

from __future__ import annotations

from typing import Any

# Keywords passed through unchanged; everything else is dropped (see the module docstring).
_KEPT = frozenset({"type", "enum", "description", "pattern", "minimum", "maximum"})


class StrictSchemaError(ValueError):
    """The model's schema cannot be expressed in strict mode (e.g. a free-form object)."""


def strict_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A strict-mode copy of ``schema`` (as made by ``model_json_schema``), with ``$ref`` inlined.

    Raises StrictSchemaError for a free-form object or a recursive reference.
    """
    definitions = schema.get("$defs", {})
    root = {k: v for k, v in schema.items() if k != "$defs"}
    result = _strict(root, definitions, (), "#")
    if result.get("type") != "object":
        raise StrictSchemaError("the top level of a strict schema must be an object")
    return result


def _strict(
    node: dict[str, Any], defs: dict[str, Any], stack: tuple[str, ...], path: str
) -> dict[str, Any]:
    if "$ref" in node:
        return _inline(node, defs, stack, path)
    if "allOf" in node and len(node["allOf"]) == 1:
        merged = {**node["allOf"][0], **{k: v for k, v in node.items() if k != "allOf"}}
        return _strict(merged, defs, stack, path)
    out: dict[str, Any] = {k: v for k, v in node.items() if k in _KEPT}
    if "const" in node:
        out["enum"] = [node["const"]]
    for key in ("anyOf", "oneOf"):
        if key in node:
            out["anyOf"] = [
                _strict(s, defs, stack, f"{path}/{key}/{i}") for i, s in enumerate(node[key])
            ]
    if "items" in node:
        out["items"] = _strict(node["items"], defs, stack, f"{path}/items")
    if node.get("type") == "object":
        out.update(_strict_object(node, defs, stack, path))
    return out


def _inline(
    node: dict[str, Any], defs: dict[str, Any], stack: tuple[str, ...], path: str
) -> dict[str, Any]:
    name = str(node["$ref"]).rsplit("/", 1)[-1]
    if name in stack:
        raise StrictSchemaError(f"{path}: recursive reference to {name} cannot be inlined")
    if name not in defs:
        raise StrictSchemaError(f"{path}: unknown reference {node['$ref']}")
    target = _strict(defs[name], defs, (*stack, name), path)
    # A description next to the $ref is about this use of the type: it wins.
    siblings = {k: v for k, v in node.items() if k == "description"}
    return {**target, **siblings}


def _strict_object(
    node: dict[str, Any], defs: dict[str, Any], stack: tuple[str, ...], path: str
) -> dict[str, Any]:
    properties = node.get("properties")
    if not properties:
        raise StrictSchemaError(
            f"{path}: a free-form object is not allowed in strict mode; "
            "give the wire model named fields (e.g. a JSON-encoded string)"
        )
    return {
        "properties": {
            name: _strict(sub, defs, stack, f"{path}/properties/{name}")
            for name, sub in properties.items()
        },
        "required": list(properties),
        "additionalProperties": False,
    }
