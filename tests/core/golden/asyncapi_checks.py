"""Checks of an AsyncAPI 3.0 document: the official JSON Schema (npm @asyncapi/specs) and the
reference checks schema validation misses."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

SPEC = (
    Path(__file__).resolve().parents[3]
    / "node_modules/@asyncapi/specs/schemas/3.0.0-without-$id.json"
)


@cache
def validator() -> Draft7Validator:
    if not SPEC.exists():
        pytest.fail(f"{SPEC} is missing: run `npm ci` in the repository root (make test does)")
    return Draft7Validator(json.loads(SPEC.read_text("utf-8")))


def resolve(doc: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"external or malformed $ref {ref!r}"
    node: Any = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and part in node, f"dangling $ref {ref!r}"
        node = node[part]
    return node


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def reference_problems(doc: dict[str, Any]) -> list[str]:
    """Dangling refs, operation messages off their channel, address parameters undeclared."""
    problems = []
    for ref in refs(doc):
        try:
            resolve(doc, ref)
        except AssertionError as exc:
            problems.append(str(exc))
    for name, op in doc.get("operations", {}).items():
        channel_ref = op["channel"]["$ref"]
        for message in op.get("messages", []):
            if not message["$ref"].startswith(channel_ref + "/messages/"):
                problems.append(f"operation {name}: {message['$ref']} is not on {channel_ref}")
    for key, channel in doc.get("channels", {}).items():
        params = set(re.findall(r"\{([^}]*)\}", channel.get("address") or ""))
        missing = params - set(channel.get("parameters", {}))
        if missing:
            problems.append(f"channel {key}: address parameters {sorted(missing)} undeclared")
    return problems


def assert_valid(doc: dict[str, Any]) -> None:
    """The document validates against the official schema and passes the reference checks."""
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator().iter_errors(doc)]
    assert errors == []
    assert reference_problems(doc) == []
