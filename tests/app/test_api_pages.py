"""Settings → API tokens, and the AsyncAPI import page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from diagrams.models import ApiToken, Diagram, Revision

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "asyncapi"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    data = content if content is not None else (FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="application/yaml")


def test_a_new_token_is_shown_once_and_then_works_on_the_api(owner_client: Client) -> None:
    page = owner_client.post("/settings/tokens/", {"name": "CI pipeline"})
    assert page.status_code == 200
    raw = page.context["created"].raw
    assert raw.encode() in page.content
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    again = owner_client.get("/settings/tokens/")
    assert raw.encode() not in again.content and b"CI pipeline" in again.content
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/diagrams").status_code == 200


def test_a_revoked_token_stops_working(owner_client: Client) -> None:
    raw = owner_client.post("/settings/tokens/", {"name": "laptop script"}).context["created"].raw
    token = ApiToken.objects.get()
    assert owner_client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 302
    assert b"laptop script" not in owner_client.get("/settings/tokens/").content
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/diagrams").status_code == 401


def test_nobody_else_can_revoke_a_token(owner_client: Client, make_user: Any) -> None:
    owner_client.post("/settings/tokens/", {"name": "mine"})
    token = ApiToken.objects.get()
    stranger = Client()
    stranger.force_login(make_user("stranger"))
    assert stranger.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_needs_a_name(owner_client: Client) -> None:
    page = owner_client.post("/settings/tokens/", {"name": ""})
    assert page.status_code == 400 and b'class="error"' in page.content
    assert ApiToken.objects.count() == 0


def test_the_settings_pages_need_a_login() -> None:
    for url in ("/settings/tokens/", "/import/"):
        assert Client().get(url)["Location"].startswith("/accounts/login/")


def test_uploading_several_documents_makes_one_diagram(owner_client: Client) -> None:
    files = [upload(p.name) for p in sorted(FIXTURES.glob("*.yaml"))]
    response = owner_client.post("/import/", {"uploads": files, "text": ""})
    assert response.status_code == 302
    diagram = Diagram.objects.get()
    assert response["Location"] == f"/d/{diagram.code}/"
    revision = Revision.objects.get(diagram=diagram)
    assert revision.kind == "import" and revision.number == 1
    assert {"order-service", "payment-service"} <= {c["id"] for c in revision.graph["components"]}


def test_a_pasted_document_imports_too(owner_client: Client) -> None:
    text = (FIXTURES / "payment-service.yaml").read_text()
    assert owner_client.post("/import/", {"text": text}).status_code == 302
    assert Diagram.objects.get().title == "Payment Service"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"asyncapi: 3.0.0\ninfo: [oops\n", b"invalid YAML"),
        (b"asyncapi: 2.6.0\n", b"version &#x27;2.6.0&#x27; is not supported"),
        (b"asyncapi: 3.0.0\nx: " + b"[" * 5_000_000, b"5.0 MB"),
    ],
)
def test_a_bad_document_is_explained_and_nothing_is_stored(
    owner_client: Client, content: bytes, message: bytes
) -> None:
    page = owner_client.post("/import/", {"uploads": [upload("bad.yaml", content)]})
    assert page.status_code == 400
    assert b"bad.yaml" in page.content and message in page.content
    assert Diagram.objects.count() == 0


def test_an_empty_form_asks_for_documents(owner_client: Client) -> None:
    page = owner_client.post("/import/", {"text": "  "})
    assert page.status_code == 400 and b"Choose AsyncAPI files" in page.content
