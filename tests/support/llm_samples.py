"""Graphs and planners for the LLM planner's tests and token benchmark."""

from __future__ import annotations

from typing import Any

from diagrams.core.graph import Graph, parse_graph
from diagrams.core.planners.llm import LLMPlanner
from tests.support.fake_openai import FakeOpenAIServer

API_KEY = "sk-test-InfraSketch-0123456789abcdef"
MODEL = "gpt-test-mini"


def planner_for(server: FakeOpenAIServer, *, timeout: float = 5.0) -> LLMPlanner:
    """An LLMPlanner that talks to ``server`` with the test key and model."""
    return LLMPlanner(api_key=API_KEY, model=MODEL, base_url=server.base_url, timeout=timeout)


def synthetic_graph(components: int) -> Graph:
    """A valid event-driven graph of exactly ``components`` components (at least 4).

    One Kafka broker, and services in pairs with their own database: each service publishes
    one event (with a data schema) that the next service consumes, grouped in boundaries of
    up to five services, with a choreographed saga over the first services.
    """
    if components < 4:
        raise ValueError("a synthetic graph has at least 4 components")
    services = (components - 1) // 2
    databases = components - 1 - services
    comps: list[dict[str, Any]] = [
        {"id": "kafka", "name": "Kafka", "kind": "broker", "technology": "Apache Kafka"}
    ]
    boundaries = [
        {"id": f"context-{b}", "name": f"Context {b}"} for b in range((services + 4) // 5)
    ]
    events: list[dict[str, Any]] = []
    flows: list[dict[str, Any]] = []
    for i in range(services):
        comps.append(_service(i))
        consumer = f"service-{(i + 1) % services}"
        name = f"Thing{i}Happened"
        events.append(_event(name, f"service-{i}", consumer))
        flows.append(
            {"source": f"service-{i}", "target": "kafka", "kind": "publish", "events": [name]}
        )
        flows.append({"source": "kafka", "target": consumer, "kind": "subscribe", "events": [name]})
    for j in range(databases):
        comps.append(
            {"id": f"db-{j}", "name": f"Store {j}", "kind": "database", "technology": "PostgreSQL"}
        )
        flows.append({"source": f"service-{j % services}", "target": f"db-{j}", "kind": "write"})
    saga = {
        "kind": "saga",
        "name": "Fulfilment",
        "style": "choreography",
        "components": [f"service-{i}" for i in range(min(services, 3))],
    }
    return parse_graph(
        {
            "title": f"Synthetic {components}",
            "components": comps,
            "boundaries": boundaries,
            "events": events,
            "flows": flows,
            "patterns": [saga],
        }
    )


def _service(i: int) -> dict[str, Any]:
    return {
        "id": f"service-{i}",
        "name": f"Service {i}",
        "kind": "service",
        "technology": "Python",
        "boundary": f"context-{i // 5}",
        "description": f"Owns thing {i} and reacts to its neighbour's events.",
        "responsibilities": [f"Handles thing {i}", "Publishes its changes"],
    }


def _event(name: str, producer: str, consumer: str) -> dict[str, Any]:
    return {
        "name": name,
        "producer": producer,
        "consumers": [consumer],
        "channel": "kafka",
        "description": f"{producer} changed a thing.",
        "schema": {
            "type": "object",
            "properties": {"thingId": {"type": "string"}, "amount": {"type": "number"}},
            "required": ["thingId"],
        },
    }
