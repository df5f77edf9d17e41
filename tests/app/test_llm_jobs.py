"""Jobs planned by the OpenAI planner against a real local OpenAI-speaking HTTP server."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from diagrams import services
from diagrams.core.planners.llm.wire import graph_to_wire
from diagrams.models import JobStatus, Revision
from tests.support.fake_openai import FakeOpenAIServer
from tests.support.llm_samples import synthetic_graph

pytestmark = pytest.mark.django_db(transaction=True)

API_KEY = "sk-test-never-shown-0123456789"
PROMPT = "Ten services around Kafka."


@pytest.fixture
def llm(settings: Any, monkeypatch: Any) -> Any:
    with FakeOpenAIServer() as server:
        settings.INFRASKETCH_PLANNER = "llm"
        settings.OPENAI_API_KEY = API_KEY
        settings.OPENAI_BASE_URL = server.base_url
        settings.OPENAI_MODEL = "gpt-test"
        settings.OPENAI_TIMEOUT = 5.0
        monkeypatch.setattr("diagrams.tasks.backoff_seconds", lambda *a, **k: 0)
        yield server


def test_an_llm_job_stores_its_planner_and_tokens_on_the_revision(owner: Any, llm: Any) -> None:
    llm.reply(graph_to_wire(synthetic_graph(10)))
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    revision = Revision.objects.get(job=job)
    assert revision.planner == "llm"
    assert revision.input_tokens > 0 and revision.output_tokens > 0
    assert job.input_tokens == revision.input_tokens
    assert llm.requests[0].body["model"] == "gpt-test"


def test_a_rate_limited_call_is_retried_and_succeeds(owner: Any, llm: Any) -> None:
    llm.reply_error(429, "slow down", headers={"Retry-After": "0"})
    llm.reply(graph_to_wire(synthetic_graph(10)))
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.attempts == 2
    assert Revision.objects.filter(diagram=job.diagram).count() == 1


def test_server_errors_fail_the_job_after_three_attempts(owner: Any, llm: Any) -> None:
    for _ in range(3):
        llm.reply_error(500, "boom", error_type="server_error")
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "3 attempts" in job.error
    assert len(llm.requests) == 3


def test_a_rejected_key_fails_at_once_without_showing_the_key(
    owner: Any, owner_client: Client, llm: Any
) -> None:
    llm.reply_error(401, f"Incorrect API key provided: {API_KEY}", code="invalid_api_key")
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert "key" in job.error.lower() and API_KEY not in job.error
    page = owner_client.get(f"/d/{job.diagram.code}/")
    assert API_KEY.encode() not in page.content


def test_a_failed_refinement_leaves_the_current_revision_untouched(owner: Any, llm: Any) -> None:
    llm.reply(graph_to_wire(synthetic_graph(10)))
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    before = Revision.objects.get(job=job).graph
    llm.reply_error(404, "The model `gpt-test` does not exist", code="model_not_found")
    refine = services.diagram_refine(diagram=job.diagram, instruction="add a cache")
    refine.refresh_from_db()
    assert refine.status == JobStatus.FAILED
    assert Revision.objects.filter(diagram=job.diagram).count() == 1
    assert Revision.objects.get(job=job).graph == before


def test_the_timeline_shows_the_planner_and_tokens_of_an_llm_revision(
    owner: Any, owner_client: Client, llm: Any
) -> None:
    llm.reply(graph_to_wire(synthetic_graph(10)))
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    revision = Revision.objects.get(job=job)
    page = owner_client.get(f"/d/{job.diagram.code}/").content.decode()
    assert "llm" in page
    assert f"{revision.input_tokens} in / {revision.output_tokens} out tokens" in page
