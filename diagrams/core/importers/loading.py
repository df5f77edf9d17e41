"""Text -> a checked AsyncAPI 3.0 mapping: size, nesting, YAML/JSON syntax, version, $refs.

Limits are checked before anything expensive runs: the byte size first, then nesting depth
and node count on libyaml's event stream (no objects are built), then the document is loaded.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from diagrams.core.importers.errors import AsyncApiImportError, located
from diagrams.core.importers.refs import check_refs

MAX_DOCUMENT_BYTES = 1_000_000
MAX_DOCUMENTS = 20
MAX_DEPTH = 64
MAX_NODES = 100_000

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SECTIONS = ("info", "servers", "channels", "operations", "components")


def _size_check(data: bytes) -> None:
    if len(data) > MAX_DOCUMENT_BYTES:
        mb = len(data) / 1_000_000
        limit = MAX_DOCUMENT_BYTES / 1_000_000
        raise AsyncApiImportError(
            f"the document is {mb:.1f} MB; documents over {limit:g} MB are not imported"
        )


def _decode(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    _size_check(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AsyncApiImportError(f"the document is not UTF-8 text (byte {exc.start})") from None


def _shape_check(text: str) -> None:
    """Nesting depth, node count and aliases, from the event stream alone."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    raise AsyncApiImportError(f"the document nests deeper than {MAX_DEPTH} levels")
            elif isinstance(event, _CLOSE):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                raise AsyncApiImportError(
                    "YAML aliases (*name) are not supported; use $ref to reuse a definition"
                )
            nodes += 1
            if nodes > MAX_NODES:
                raise AsyncApiImportError(f"the document has more than {MAX_NODES} YAML nodes")
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None


def _yaml_error(exc: yaml.YAMLError) -> AsyncApiImportError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "nesting depth" in str(problem):
        return AsyncApiImportError(f"the document nests deeper than {MAX_DEPTH} levels")
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return AsyncApiImportError(f"invalid YAML: {problem}{where}")


def _parse(text: str) -> Any:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            return json.loads(text)
        except RecursionError:
            raise AsyncApiImportError(
                f"the document nests deeper than {MAX_DEPTH} levels"
            ) from None
        except ValueError:
            pass  # Not JSON after all; YAML (a superset) says what is wrong with it.
    _shape_check(text)
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None


def _depth_check(root: Any) -> None:
    """JSON skips the event scan, so its depth is measured on the loaded value."""
    stack: list[tuple[Any, int]] = [(root, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise AsyncApiImportError(f"the document nests deeper than {MAX_DEPTH} levels")
        if count > MAX_NODES:
            raise AsyncApiImportError(f"the document has more than {MAX_NODES} nodes")
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        stack.extend((child, depth + 1) for child in children)


def _version_check(root: Any) -> None:
    if not isinstance(root, dict):
        raise AsyncApiImportError("the document is not a mapping of AsyncAPI fields")
    version = root.get("asyncapi")
    if version is None:
        raise located("asyncapi", "missing: this does not look like an AsyncAPI document")
    if not isinstance(version, str) or not version.startswith("3."):
        raise located(
            "asyncapi",
            f"version {version!r} is not supported: import AsyncAPI 3.x "
            "(convert 2.x documents with `asyncapi convert`)",
        )
    for key, value in root.items():
        if not isinstance(key, str):
            raise AsyncApiImportError(f"top-level key {key!r} is not a string")
        if key in _SECTIONS and value is not None and not isinstance(value, dict):
            raise located(key, "must be a mapping")


def load_document(content: str | bytes) -> dict[str, Any]:
    """The checked AsyncAPI 3.x mapping in ``content`` (YAML or JSON).

    Raises AsyncApiImportError for oversized, over-nested or malformed text, a version other
    than 3.x, and any ``$ref`` that is external or points to nothing.
    """
    text = _decode(content)
    if not text.strip():
        raise AsyncApiImportError("the document is empty")
    root = _parse(text)
    _depth_check(root)
    _version_check(root)
    check_refs(root)
    return dict(root)
