"""POST /api/v1/imports/asyncapi: documents in, a diagram with an "import" revision out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from diagrams.core.graph import parse_graph
from diagrams.models import Diagram
from diagrams.tokens import token_create

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "asyncapi"
URL = "/api/v1/imports/asyncapi"


@pytest.fixture
def api(owner: Any) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=owner, name='t').raw}")


def send(api: Client, documents: list[dict[str, str]]) -> Any:
    body = json.dumps({"documents": documents})
    return api.post(URL, body, content_type="application/json")


def fixture_documents() -> list[dict[str, str]]:
    return [{"name": p.name, "content": p.read_text()} for p in sorted(FIXTURES.glob("*.yaml"))]


def test_importing_a_system_returns_the_diagram_and_its_first_revision(api: Client) -> None:
    response = send(api, fixture_documents())
    assert response.status_code == 201
    body = response.json()
    assert body["revision"]["kind"] == "import" and body["revision"]["number"] == 1
    assert body["diagram"]["latest_revision"] == 1
    graph = parse_graph(api.get(body["revision"]["url"]).json()["graph"])
    assert {"order-service", "payment-service", "inventory-service", "shipping-service"} <= {
        c.id for c in graph.components
    }
    exported = api.get(body["revision"]["url"] + "/exports/asyncapi")
    assert exported.status_code == 200 and b"OrderCreated" in exported.content


def test_a_bad_document_is_a_400_naming_it_and_nothing_is_stored(api: Client) -> None:
    documents = [*fixture_documents(), {"name": "legacy.yaml", "content": "asyncapi: 2.6.0\n"}]
    response = send(api, documents)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_document"
    assert error["details"] == {"document": "legacy.yaml", "location": "asyncapi"}
    assert "2.6.0" in error["message"]
    assert Diagram.objects.count() == 0


def test_a_dangling_ref_is_a_400_with_its_location(api: Client) -> None:
    content = (
        (FIXTURES / "order-service.yaml")
        .read_text()
        .replace("#/components/schemas/OrderLine", "#/components/schemas/Line", 1)
    )
    error = send(api, [{"name": "o.yaml", "content": content}]).json()["error"]
    assert "dangling $ref '#/components/schemas/Line'" in error["message"]
    assert error["details"]["location"].startswith("components.")


@pytest.mark.parametrize("body", [{}, {"documents": []}, {"documents": [{"name": "x"}]}])
def test_a_body_without_documents_is_a_422(api: Client, body: Any) -> None:
    response = api.post(URL, json.dumps(body), content_type="application/json")
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid"


def test_a_body_over_the_upload_limit_is_a_json_413(api: Client) -> None:
    huge = [{"name": "big.yaml", "content": "a" * 900_000} for _ in range(4)]
    response = send(api, huge)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert Diagram.objects.count() == 0


def test_an_imported_diagram_can_be_refined_by_chat(api: Client) -> None:
    imported = send(api, fixture_documents()).json()
    refine_url = imported["diagram"]["url"] + "/refine"
    body = json.dumps({"instruction": "Add a schema registry for event versioning"})
    accepted = api.post(refine_url, body, content_type="application/json")
    assert accepted.status_code == 202
    job = api.get(accepted.json()["url"]).json()
    assert job["status"] == "succeeded", job["error"]
    graph = parse_graph(api.get(job["revision_url"]).json()["graph"])
    assert any(c.kind == "schema_registry" for c in graph.components)
    assert graph.event("CheckStock") is not None
