"""Event data schemas made safe to publish, and example payloads generated from them.

A graph's event schema comes from a planner or a user and may be anything JSON. ``data_schema``
keeps the subset of JSON Schema that reads the same in draft 2020-12 (the design document) and
draft 07 (AsyncAPI 3.0), drops constraints that contradict each other, and falls back to a
minimal schema naming the aggregate's id. ``example`` then builds a payload that validates
against the result, so the catalog never shows an example its own schema rejects.
"""

from __future__ import annotations

import json
import math
from typing import Any

from diagrams.core.graph import Event
from diagrams.core.lint.naming import aggregate, camel

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAX_DEPTH = 8
TYPES = ("object", "array", "string", "number", "integer", "boolean", "null")
_TEXT_KEYS = ("title", "description", "format")
_NUMBER_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_LENGTH_KEYS = ("minLength", "maxLength", "minItems", "maxItems")
FORMAT_SAMPLES = {
    "date-time": "2026-01-15T10:30:00Z",
    "date": "2026-01-15",
    "time": "10:30:00Z",
    "duration": "PT30S",
    "email": "someone@example.com",
    "idn-email": "someone@example.com",
    "uuid": "3f2b8c1e-7a4d-4e5f-9b6a-2c1d0e9f8a7b",
    "uri": "https://example.com/resource/1",
    "iri": "https://example.com/resource/1",
    "uri-reference": "/resource/1",
    "iri-reference": "/resource/1",
    "hostname": "service.example.com",
    "idn-hostname": "service.example.com",
    "ipv4": "192.0.2.10",
    "ipv6": "2001:db8::10",
    "json-pointer": "/data/id",
    "regex": "^[a-z]+$",
}


def data_schema(event: Event) -> dict[str, Any]:
    """The published JSON Schema of ``event``'s data (without ``$schema``)."""
    clean = sanitize(event.schema_)
    return clean if clean else default_schema(event)


def default_schema(event: Event) -> dict[str, Any]:
    """The schema assumed when the graph gives none: the id of the event's aggregate."""
    key = camel(aggregate(event.name)) + "Id"
    return {
        "type": "object",
        "properties": {
            key: {"type": "string", "description": f"Id of the {aggregate(event.name)}."}
        },
        "required": [key],
    }


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000


def _clean_type(value: Any) -> str | list[str] | None:
    if isinstance(value, str):
        return value if value in TYPES else None
    if isinstance(value, list):
        kept = list(dict.fromkeys(v for v in value if isinstance(v, str) and v in TYPES))
        return kept or None
    return None


def sanitize(node: Any, depth: int = 0) -> dict[str, Any]:
    """The supported, self-consistent subset of the JSON Schema ``node`` ({} when none)."""
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return {}
    out: dict[str, Any] = {}
    kind = _clean_type(node.get("type"))
    if kind is not None:
        out["type"] = kind
    out |= {k: node[k] for k in _TEXT_KEYS if isinstance(node.get(k), str)}
    out |= {k: node[k] for k in _NUMBER_KEYS if _is_number(node.get(k))}
    out |= {k: node[k] for k in _LENGTH_KEYS if _is_count(node.get(k))}
    if isinstance(node.get("additionalProperties"), bool):
        out["additionalProperties"] = node["additionalProperties"]
    props = node.get("properties")
    if isinstance(props, dict):
        out["properties"] = {str(k): sanitize(v, depth + 1) for k, v in props.items()}
        required = node.get("required")
        if isinstance(required, list):
            strings = (r for r in required if isinstance(r, str))
            names = [r for r in dict.fromkeys(strings) if r in props]
            if names:
                out["required"] = names
    if isinstance(node.get("items"), dict):
        out["items"] = sanitize(node["items"], depth + 1)
    _settle_constraints(out)
    _settle_values(out, node)
    return out


def _settle_constraints(out: dict[str, Any]) -> None:
    """Drop constraints no value can meet, so an example always exists."""
    for low, high in (("minLength", "maxLength"), ("minItems", "maxItems")):
        if low in out and high in out and out[low] > out[high]:
            del out[low], out[high]
    if "format" in out and out["format"] in FORMAT_SAMPLES:
        out.pop("minLength", None)
        out.pop("maxLength", None)
    if any(k in out for k in _NUMBER_KEYS) and _number_example(out) is None:
        for k in _NUMBER_KEYS:
            out.pop(k, None)


def _settle_values(out: dict[str, Any], node: dict[str, Any]) -> None:
    """Keep ``const`` and ``enum`` values only when they satisfy the rest of the schema."""
    if "const" in node and _json_value(node["const"]) and fits(node["const"], out):
        out["const"] = node["const"]
    enum = node.get("enum")
    if isinstance(enum, list):
        seen: dict[str, Any] = {}
        for value in enum:
            if _json_value(value) and fits(value, out):
                seen.setdefault(_key(value), value)
        if seen:
            out["enum"] = list(seen.values())
    if "const" in out and "enum" in out and _key(out["const"]) not in map(_key, out["enum"]):
        del out["const"], out["enum"]


def _key(value: Any) -> str:
    # JSON text tells true from 1, as JSON Schema does and Python's == does not.
    return json.dumps(value, sort_keys=True)


def _json_value(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def _first_type(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        return str(kind[0])
    if isinstance(kind, str):
        return kind
    if "properties" in schema:
        return "object"
    return "array" if "items" in schema else "string"


def _type_matches(value: Any, kind: str) -> bool:
    checks: dict[str, Any] = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "number": _is_number,
        "integer": lambda v: _is_number(v) and float(v).is_integer(),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    return bool(checks[kind](value))


def fits(value: Any, schema: dict[str, Any]) -> bool:
    """A shallow check of ``value`` against type and bounds (enough for const and enum)."""
    kind = schema.get("type")
    kinds = [kind] if isinstance(kind, str) else (kind or [])
    if kinds and not any(_type_matches(value, k) for k in kinds):
        return False
    if _is_number(value) and not _in_bounds(value, schema):
        return False
    if isinstance(value, str):
        return "format" not in schema and _length_ok(len(value), schema, "Length")
    if isinstance(value, list):
        return "items" not in schema and _length_ok(len(value), schema, "Items")
    return not isinstance(value, dict) or not (_OBJECT_KEYWORDS & schema.keys())


# Any of these may reject an object value, which the shallow check does not follow.
_OBJECT_KEYWORDS = frozenset(
    {
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
    }
)


def _length_ok(size: int, schema: dict[str, Any], suffix: str) -> bool:
    low: int = schema.get("min" + suffix, 0)
    high: int = schema.get("max" + suffix, size)
    return low <= size <= high


def _in_bounds(value: float, s: dict[str, Any]) -> bool:
    return (
        ("minimum" not in s or value >= s["minimum"])
        and ("maximum" not in s or value <= s["maximum"])
        and ("exclusiveMinimum" not in s or value > s["exclusiveMinimum"])
        and ("exclusiveMaximum" not in s or value < s["exclusiveMaximum"])
    )


def _number_example(schema: dict[str, Any]) -> float | int | None:
    """A number within the schema's bounds (an integer when its first type is integer)."""
    lows = [schema[k] for k in ("minimum", "exclusiveMinimum") if k in schema]
    highs = [schema[k] for k in ("maximum", "exclusiveMaximum") if k in schema]
    low, high = (max(lows) if lows else None), (min(highs) if highs else None)
    candidates: list[float] = [1]
    if low is not None:
        candidates += [low, math.floor(low) + 1, low + 1]
    if high is not None:
        candidates += [high, math.ceil(high) - 1, high - 1]
    if low is not None and high is not None:
        candidates.append(low + (high - low) / 2)
    integer = _first_type(schema) == "integer"
    for c in candidates:
        value = int(c) if integer and math.isfinite(c) and float(c).is_integer() else c
        if (
            (not integer or isinstance(value, int))
            and _is_number(value)
            and _in_bounds(value, schema)
        ):
            return value
    return None


def example(schema: dict[str, Any], name: str = "value") -> Any:
    """A value that validates against the sanitized ``schema``."""
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = _first_type(schema)
    if kind == "object":
        props = schema.get("properties", {})
        return {key: example(sub, key) for key, sub in props.items()}
    if kind == "array":
        count = max(schema.get("minItems", 1), 1 if schema.get("maxItems", 1) else 0)
        return [example(schema.get("items", {}), name) for _ in range(count)]
    if kind in ("number", "integer"):
        return _number_example(schema)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return _string_example(schema, name)


def _string_example(schema: dict[str, Any], name: str) -> str:
    text = FORMAT_SAMPLES.get(str(schema.get("format", "")))
    if text is None:
        stem = name[:-2] if name.endswith("Id") and len(name) > 2 else name
        text = f"{stem.lower()}-1001" if stem != name else f"example {name}"
    low: int = schema.get("minLength", 0)
    padded = text + "x" * max(low - len(text), 0)
    high: int = schema.get("maxLength", len(padded))
    return padded[:high]
