"""Message names and payloads: PascalCase event names, and payload schemas as JSON Schema."""

from __future__ import annotations

import re
from typing import Any

from diagrams.core.graph import MAX_NAME, MAX_SCHEMA_CHARS
from diagrams.core.importers.errors import located

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_JSON_SCHEMA_FORMATS = ("application/schema+json", "application/vnd.aai.asyncapi")
_AVRO_TYPES = {
    "string": {"type": "string"},
    "bytes": {"type": "string"},
    "int": {"type": "integer"},
    "long": {"type": "integer"},
    "float": {"type": "number"},
    "double": {"type": "number"},
    "boolean": {"type": "boolean"},
    "null": {"type": "null"},
}


def pascal_name(text: str) -> str:
    """``order.created`` / ``orderCreated`` / ``Order created`` -> ``OrderCreated``."""
    words = _WORDS.findall(text)
    name = "".join(w[:1].upper() + w[1:] for w in words)
    if not name or not name[0].isalpha():
        name = "Message" + name
    return name[:MAX_NAME]


def payload_schema(payload: Any, where: str) -> dict[str, Any]:
    """The JSON Schema of a message payload (already $ref-free), converting Avro records."""
    if not isinstance(payload, dict):
        return {}
    if "schemaFormat" in payload and "schema" in payload:
        fmt = str(payload["schemaFormat"])
        inner = payload["schema"]
        if fmt.startswith(_JSON_SCHEMA_FORMATS):
            payload = inner if isinstance(inner, dict) else {}
        elif fmt.startswith("application/vnd.apache.avro"):
            payload = avro_to_json_schema(inner)
        else:
            payload = {"description": f"Payload described in {fmt[:100]}."}
    schema: dict[str, Any] = payload
    size = len(str(schema))
    if size > MAX_SCHEMA_CHARS:
        raise located(
            where, f"the payload schema is {size} characters; at most {MAX_SCHEMA_CHARS} fit"
        )
    return schema


def avro_to_json_schema(avro: Any, depth: int = 0) -> dict[str, Any]:
    """A JSON Schema for the common Avro shapes: records, enums, arrays, maps, nullable unions."""
    if depth > 20:
        return {}
    if isinstance(avro, str):
        return dict(_AVRO_TYPES.get(avro, {"description": f"Avro type {avro[:80]}."}))
    if isinstance(avro, list):
        options = [a for a in avro if a != "null"]
        return avro_to_json_schema(options[0], depth + 1) if len(options) == 1 else {}
    if not isinstance(avro, dict):
        return {}
    kind = avro.get("type")
    if kind == "record":
        fields = [f for f in avro.get("fields") or [] if isinstance(f, dict) and "name" in f]
        properties = {str(f["name"]): avro_to_json_schema(f.get("type"), depth + 1) for f in fields}
        required = [str(f["name"]) for f in fields if not _nullable(f.get("type"))]
        return {"type": "object", "properties": properties, "required": required}
    if kind == "enum":
        return {"type": "string", "enum": [str(s) for s in avro.get("symbols") or []]}
    if kind == "array":
        return {"type": "array", "items": avro_to_json_schema(avro.get("items"), depth + 1)}
    if kind == "map":
        return {"type": "object"}
    return avro_to_json_schema(kind, depth + 1)


def _nullable(avro_type: Any) -> bool:
    return isinstance(avro_type, list) and "null" in avro_type
