"""Local ``$ref``s: every one must point inside the document at something that exists.

Pointers are JSON Pointers (RFC 6901) after ``#``: ``#/components/messages/OrderCreated``.
"""

from __future__ import annotations

import datetime
import math
from typing import Any
from urllib.parse import unquote

from diagrams.core.importers.errors import located

MAX_REF_HOPS = 32
MAX_INLINED_NODES = 20_000


def dotted(parts: tuple[str, ...] | list[str]) -> str:
    """A location as people read it: ``channels.orders.messages``."""
    return ".".join(parts) or "(document root)"


def _pointer_parts(ref: str) -> tuple[str, ...]:
    body = unquote(ref[1:])
    if body in ("", "/"):
        return ()
    if not body.startswith("/"):
        raise ValueError(ref)
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in body[1:].split("/"))


def lookup(root: Any, ref: str) -> tuple[Any, tuple[str, ...]] | None:
    """The node ``ref`` points to and its path, or None when it points to nothing."""
    try:
        parts = _pointer_parts(ref)
    except ValueError:
        return None
    node = root
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node, parts


def _ref_of(node: Any) -> str | None:
    if isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        return ref if isinstance(ref, str) else ""
    return None


def check_refs(root: Any) -> None:
    """Raise for the first ``$ref`` that is not a string, is external, or dangles."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        ref = _ref_of(node)
        if ref is not None:
            _check_one(root, ref, path)
        if isinstance(node, dict):
            stack.extend((v, (*path, str(k))) for k, v in node.items() if k != "$ref")
        elif isinstance(node, list):
            stack.extend((v, (*path, str(i))) for i, v in enumerate(node))


def _check_one(root: Any, ref: str, path: tuple[str, ...]) -> None:
    where = dotted(path)
    if not ref:
        raise located(where, "$ref must be a non-empty string")
    if not ref.startswith("#"):
        raise located(
            where,
            f"external $ref '{ref}' is not supported: import the referenced document's "
            "definitions into this one (references must start with '#/')",
        )
    if lookup(root, ref) is None:
        raise located(where, f"dangling $ref '{ref}': nothing in this document is at that path")


def deref(root: Any, node: Any, path: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    """Follow ``node``'s chain of ``$ref``s to the real node; returns it and its path."""
    hops = 0
    while (ref := _ref_of(node)) is not None:
        hops += 1
        found = lookup(root, ref or "#/-missing-")
        if found is None or hops > MAX_REF_HOPS:
            problem = "a cycle of $refs" if found is not None else f"dangling $ref '{ref}'"
            raise located(dotted(path), problem)
        node, path = found
    return node, path


class Inliner:
    """Copies a schema with every ``$ref`` replaced by its target, as JSON-ready data.

    A recursive schema (a tree of categories) is cut where it refers to itself: the
    repeated node becomes an object described as recursive, so the copy stays finite.
    """

    def __init__(self, root: Any) -> None:
        self.root = root
        self.nodes = 0

    def copy(self, node: Any, path: tuple[str, ...], active: frozenset[str] = frozenset()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_INLINED_NODES:
            raise located(dotted(path), f"the schema expands to over {MAX_INLINED_NODES} nodes")
        ref = _ref_of(node)
        if ref is not None:
            if ref in active:
                name = ref.rsplit("/", 1)[-1]
                return {"type": "object", "description": f"Recursive: another {name}."}
            target, target_path = deref(self.root, node, path)
            return self.copy(target, target_path, active | {ref})
        if isinstance(node, dict):
            return {str(k): self.copy(v, (*path, str(k)), active) for k, v in node.items()}
        if isinstance(node, list):
            return [self.copy(v, (*path, str(i)), active) for i, v in enumerate(node)]
        return _scalar(node)


def _scalar(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):  # no JSON form
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value
