"""Fixture graphs built from JSON, independent of any planner."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from diagrams.core.graph import Graph, parse_graph

HERE = Path(__file__).parent
ORDER_SAGA = HERE / "order_saga.graph.json"


def order_saga_data() -> dict[str, Any]:
    """The order saga on Kafka (with DLQ, retries, outbox, CQRS) as contract JSON."""
    data: dict[str, Any] = json.loads(ORDER_SAGA.read_text("utf-8"))
    return data


def order_saga() -> Graph:
    """The order saga fixture as a validated Graph."""
    return parse_graph(order_saga_data())


def build(components: list[tuple[str, str]], **rest: Any) -> Graph:
    """A small graph from ``(id, kind)`` pairs (names derived from ids) plus contract fields."""
    data: dict[str, Any] = {
        "title": rest.pop("title", "Test system"),
        "components": [
            {"id": cid, "name": cid.replace("-", " ").title(), "kind": kind}
            for cid, kind in components
        ],
    }
    data.update(rest)
    return parse_graph(data)


def hostile(name: str) -> Graph:
    """The order saga with ``name`` in every free-text field a user can fill."""
    data = order_saga_data()
    data["title"] = name
    for c in data["components"]:
        c["name"] = name if c["id"] == "order-service" else c["name"]
        c["description"] = name
        c["responsibilities"] = [name]
        c["technology"] = (name if c["kind"] != "broker" else c["technology"])[:200]
    for b in data["boundaries"]:
        b["name"] = name
    for e in data["events"]:
        e["description"] = name
    for f in data["flows"]:
        f["label"] = name[:200]
    for p in data["patterns"]:
        p["name"] = name
    return parse_graph(data)


def bench_exports() -> ModuleType:
    """bench/bench_exports.py, loaded by path (bench/ is scripts, not a package)."""
    path = HERE.parents[2] / "bench" / "bench_exports.py"
    spec = importlib.util.spec_from_file_location("bench_exports", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
