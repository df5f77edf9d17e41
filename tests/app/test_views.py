"""Pages: forms reject bad input without enqueueing, owners only, downloads are safe."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from diagrams import services
from diagrams.models import Job

pytestmark = pytest.mark.django_db(transaction=True)

PROMPT = "A checkout service publishes OrderPlaced to RabbitMQ; the email service consumes it."


def test_home_shows_the_prompt_box(owner_client: Client) -> None:
    page = owner_client.get("/")
    assert page.status_code == 200
    assert b'name="prompt"' in page.content


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    page = Client().get("/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("prompt", ["", "   ", "x" * 10_001])
def test_an_empty_or_oversized_prompt_is_a_form_error_and_enqueues_nothing(
    owner_client: Client, prompt: str
) -> None:
    page = owner_client.post("/", {"prompt": prompt})
    assert page.status_code == 400
    assert b'class="error"' in page.content
    assert Job.objects.count() == 0


def test_submitting_a_prompt_leads_to_the_diagram_with_inline_svg(owner_client: Client) -> None:
    response = owner_client.post("/", {"prompt": PROMPT})
    assert response.status_code == 302
    page = owner_client.get(response["Location"])
    assert page.status_code == 200
    assert b"<svg" in page.content and b"<?xml" not in page.content
    assert b"RabbitMQ" in page.content


def test_the_job_poll_says_its_state_as_json(owner_client: Client) -> None:
    accepted = owner_client.post("/", {"prompt": PROMPT}, HTTP_ACCEPT="application/json")
    assert accepted.status_code == 202
    job = owner_client.get(accepted.json()["url"]).json()
    assert job["status"] == "succeeded" and job["revision"] == 1


def test_another_user_gets_404_for_every_diagram_url(owner: Any, make_user: Any) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    stranger = Client()
    stranger.force_login(make_user("stranger"))
    code = job.diagram.code
    for url in (f"/d/{code}/", f"/d/{code}/r/1/export/svg/", f"/jobs/{job.code}/"):
        assert stranger.get(url).status_code == 404, url
    assert stranger.post(f"/d/{code}/refine/", {"instruction": "add a cache"}).status_code == 404
    assert stranger.post(f"/d/{code}/r/1/restore/").status_code == 404


def test_svg_download_is_an_attachment_with_a_no_script_policy(
    owner: Any, owner_client: Client
) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    response = owner_client.get(f"/d/{job.diagram.code}/r/1/export/svg/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('-r1.svg"')


def test_an_unknown_export_format_is_404(owner: Any, owner_client: Client) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    assert owner_client.get(f"/d/{job.diagram.code}/r/1/export/exe/").status_code == 404


def test_a_missing_dot_is_reported_on_the_page(
    owner: Any, owner_client: Client, monkeypatch: Any
) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    monkeypatch.setenv("PATH", "/nonexistent")
    page = owner_client.get(f"/d/{job.diagram.code}/")
    assert page.status_code == 200
    assert b"Graphviz&#x27;s dot is not installed" in page.content


def test_a_double_submitted_refinement_makes_one_job(
    owner: Any, owner_client: Client, monkeypatch: Any
) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    monkeypatch.setattr(services, "job_enqueue", lambda job: None)  # keep it pending
    url = f"/d/{job.diagram.code}/refine/"
    first = owner_client.post(
        url, {"instruction": "Add a dead letter queue"}, HTTP_ACCEPT="application/json"
    )
    second = owner_client.post(
        url, {"instruction": "Add a dead letter queue"}, HTTP_ACCEPT="application/json"
    )
    assert first.status_code == second.status_code == 202
    assert first.json()["code"] == second.json()["code"]
    assert Job.objects.filter(diagram=job.diagram, kind="refine").count() == 1
