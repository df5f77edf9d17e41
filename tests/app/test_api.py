"""The JSON API: tokens or session, owner scoping, 202 jobs, revisions, exports, one error shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from diagrams import services
from diagrams.core.graph import parse_graph
from diagrams.core.importers import SourceDocument
from diagrams.models import Diagram
from diagrams.tokens import token_create, token_revoke

pytestmark = pytest.mark.django_db(transaction=True)

PROMPT = "A checkout service publishes OrderPlaced to RabbitMQ; the email service consumes it."
MISSING = "00000000-0000-4000-8000-000000000000"
FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "asyncapi"


def bearer(user: Any) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='test').raw}")


def post(client: Client, url: str, body: Any = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code and error["message"] and "details" in error
    return error


@pytest.fixture
def api(owner: Any) -> Client:
    return bearer(owner)


@pytest.fixture
def imported(owner: Any) -> Diagram:
    """A diagram with one revision that needs no planner: an AsyncAPI import."""
    docs = [SourceDocument(p.name, p.read_text()) for p in sorted(FIXTURES.glob("*.yaml"))]
    return services.diagram_import(owner=owner, documents=docs)


def test_anonymous_requests_get_a_json_401() -> None:
    assert_error(Client().get("/api/v1/diagrams"), 401, "unauthenticated")


def test_a_wrong_or_revoked_token_gets_a_json_401(owner: Any) -> None:
    new = token_create(user=owner, name="ci")
    token_revoke(user=owner, token_id=new.token.pk)
    for raw in (new.raw, "isk_not-a-token", "garbage"):
        response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/diagrams")
        assert_error(response, 401, "unauthenticated")


def test_only_the_hash_and_prefix_of_a_token_are_stored(owner: Any) -> None:
    new = token_create(user=owner, name="ci")
    new.token.refresh_from_db()
    assert new.raw not in (new.token.token_hash, new.token.prefix)
    assert new.raw.startswith(new.token.prefix) and len(new.token.token_hash) == 64


def test_creating_a_diagram_answers_202_with_a_job_that_reports_its_revision(api: Client) -> None:
    accepted = post(api, "/api/v1/diagrams", {"prompt": PROMPT})
    assert accepted.status_code == 202
    assert accepted["Location"] == accepted.json()["url"]
    job = api.get(accepted.json()["url"]).json()
    assert job["status"] == "succeeded" and job["error"] == "" and job["revision"] == 1
    revision = api.get(job["revision_url"]).json()
    graph = parse_graph(revision["graph"])
    assert any(c.name == "RabbitMQ" for c in graph.components)
    listed = api.get("/api/v1/diagrams").json()
    assert [d["code"] for d in listed] == [job["diagram"]]


def test_refine_appends_a_revision_made_by_a_job(api: Client) -> None:
    job = post(api, "/api/v1/diagrams", {"prompt": PROMPT}).json()
    refined = post(api, job["diagram_url"] + "/refine", {"instruction": "Add a dead letter queue"})
    assert refined.status_code == 202
    assert api.get(refined.json()["url"]).json()["revision"] == 2


def test_restore_appends_a_revision_equal_to_the_old_one(api: Client, imported: Diagram) -> None:
    base = f"/api/v1/diagrams/{imported.code}"
    restored = post(api, base + "/revisions/1/restore")
    assert restored.status_code == 201
    assert restored.json()["number"] == 2 and restored.json()["kind"] == "restore"
    assert [r["number"] for r in api.get(base + "/revisions").json()] == [2, 1]
    first = api.get(base + "/revisions/1").json()["graph"]
    assert api.get(base + "/revisions/2").json()["graph"] == first
    assert_error(post(api, base + "/revisions/9/restore"), 404, "not_found")


def test_another_users_diagram_and_job_are_404(
    owner: Any, make_user: Any, imported: Diagram
) -> None:
    job = imported.jobs.create(kind="plan", instruction="x", status="succeeded")
    stranger = bearer(make_user("stranger"))
    base = f"/api/v1/diagrams/{imported.code}"
    for url in (
        base,
        base + "/revisions",
        base + "/revisions/1",
        base + "/revisions/1/exports/svg",
        base + "/revisions/1/design-document",
    ):
        assert_error(stranger.get(url), 404, "not_found")
    assert_error(stranger.get(f"/api/v1/jobs/{job.code}"), 404, "not_found")
    assert_error(post(stranger, base + "/refine", {"instruction": "Add a cache"}), 404, "not_found")
    assert_error(post(stranger, base + "/revisions/1/restore"), 404, "not_found")
    assert stranger.get("/api/v1/diagrams").json() == []
    assert [d["code"] for d in bearer(owner).get("/api/v1/diagrams").json()] == [str(imported.code)]


def test_every_export_format_downloads_with_its_media_type(api: Client, imported: Diagram) -> None:
    revision_url = f"/api/v1/diagrams/{imported.code}/revisions/1"
    formats = api.get("/api/v1/formats").json()
    assert {"svg", "png", "json", "asyncapi", "markdown"} <= {f["name"] for f in formats}
    for fmt in formats:
        response = api.get(f"{revision_url}/exports/{fmt['name']}")
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == fmt["media_type"]
        assert response.content
    assert_error(api.get(f"{revision_url}/exports/docx"), 404, "not_found")


def test_the_design_document_is_markdown_about_the_revision(api: Client, imported: Diagram) -> None:
    doc = api.get(f"/api/v1/diagrams/{imported.code}/revisions/1/design-document").json()
    assert doc["revision"] == 1 and doc["markdown"].startswith("# ")
    assert "StockReserved" in doc["markdown"] and "Payments completed" in doc["markdown"]


@pytest.mark.parametrize("body", [{}, {"prompt": "   "}, {"prompt": "x" * 10_001}, {"p": 1}])
def test_invalid_bodies_are_a_422_naming_the_field(api: Client, body: Any) -> None:
    error = assert_error(post(api, "/api/v1/diagrams", body), 422, "invalid")
    assert "prompt" in error["message"]


def test_malformed_json_and_bad_path_values_are_json_errors(api: Client) -> None:
    broken = api.post("/api/v1/diagrams", "{not json", content_type="application/json")
    assert broken.status_code in (400, 422) and "error" in broken.json()
    assert_error(api.get("/api/v1/jobs/not-a-uuid"), 422, "invalid")
    assert_error(api.get(f"/api/v1/diagrams/{MISSING}/revisions/0"), 422, "invalid")


def test_unknown_paths_and_methods_are_json_errors(api: Client) -> None:
    assert_error(api.get("/api/v1/nothing/here"), 404, "not_found")
    assert_error(api.get("/api/v1/"), 404, "not_found")
    response = api.delete("/api/v1/diagrams")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_refining_while_another_change_runs_is_a_409(api: Client, imported: Diagram) -> None:
    imported.jobs.create(kind="refine", instruction="Add a gateway")
    url = f"/api/v1/diagrams/{imported.code}/refine"
    assert_error(post(api, url, {"instruction": "Add a CDN"}), 409, "conflict")


def test_the_browser_session_works_but_needs_csrf_for_writes(owner: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    assert browser.get("/api/v1/diagrams").status_code == 200
    refused = post(browser, "/api/v1/diagrams", {"prompt": PROMPT})
    assert_error(refused, 403, "forbidden")
    assert Diagram.objects.count() == 0
    browser.get("/settings/tokens/")
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        "/api/v1/diagrams",
        json.dumps({"prompt": PROMPT}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 202


def test_a_bearer_token_needs_no_csrf_token(owner: Any) -> None:
    client = Client(
        enforce_csrf_checks=True,
        HTTP_AUTHORIZATION=f"Bearer {token_create(user=owner, name='x').raw}",
    )
    assert post(client, "/api/v1/diagrams", {"prompt": PROMPT}).status_code == 202


def test_openapi_and_the_offline_docs_page_are_served() -> None:
    spec = Client().get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/imports/asyncapi" in spec["paths"]
    assert "Graph" in json.dumps(spec["components"]["schemas"])
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn." not in docs.content and b"/static/ninja/swagger-ui-bundle.js" in docs.content
    assert Client().get("/api/openapi.json")["Location"] == "/api/v1/openapi.json"


def test_the_per_user_job_limit_is_a_429_with_retry_after(api: Client, settings: Any) -> None:
    settings.RATE_LIMIT_JOBS = 1
    assert post(api, "/api/v1/diagrams", {"prompt": PROMPT}).status_code == 202
    refused = post(api, "/api/v1/diagrams", {"prompt": PROMPT})
    error = assert_error(refused, 429, "rate_limited")
    assert int(refused["Retry-After"]) == error["details"]["retry_after"] > 0


def test_imports_and_restores_are_throttled_per_user(
    api: Client, imported: Diagram, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.cache import cache

    from diagrams.api.throttles import WRITES

    cache.clear()
    monkeypatch.setattr(WRITES[0], "num_requests", 1)
    url = f"/api/v1/diagrams/{imported.code}/revisions/1/restore"
    assert post(api, url).status_code == 201
    refused = post(api, url)
    assert_error(refused, 429, "rate_limited")
    assert int(refused["Retry-After"]) >= 1
    cache.clear()
