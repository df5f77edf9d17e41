"""Generation is rate-limited per user: the user sees how long to wait, nothing is enqueued."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from diagrams import ratelimit, services
from diagrams.models import Diagram, Job
from tests.app.factories import drawn_diagram

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "An order service publishes OrderPlaced to Kafka; billing consumes it."


@pytest.fixture(autouse=True)
def _small_limit(settings: Any, monkeypatch: Any) -> list[int]:
    settings.RATE_LIMIT_JOBS = 3
    settings.RATE_LIMIT_WINDOW_SECONDS = 600
    sent: list[int] = []
    # Jobs stay PENDING: this file is about counting them, not running them.
    monkeypatch.setattr(services, "job_enqueue", lambda job: sent.append(job.pk))
    return sent


def _fill(owner: Any, n: int = 3) -> None:
    for _ in range(n):
        services.diagram_create(owner=owner, prompt=PROMPT)


def test_a_user_under_the_limit_is_not_kept_waiting(owner: Any) -> None:
    _fill(owner, 2)
    assert ratelimit.job_wait_seconds(user=owner) == 0


def test_the_job_over_the_limit_is_refused_with_the_wait_and_enqueues_nothing(
    owner: Any, _small_limit: list[int]
) -> None:
    _fill(owner)
    with pytest.raises(services.RateLimitedError) as refused:
        services.diagram_create(owner=owner, prompt=PROMPT)
    assert 590 <= refused.value.retry_after <= 600
    assert "Try again in 10 minutes" in str(refused.value)
    assert Diagram.objects.count() == Job.objects.count() == len(_small_limit) == 3


def test_the_wait_ends_when_the_oldest_job_leaves_the_window(owner: Any) -> None:
    _fill(owner)
    oldest = Job.objects.order_by("created").first()
    assert oldest is not None
    Job.objects.filter(pk=oldest.pk).update(created=timezone.now() - timedelta(seconds=555))
    assert 40 <= ratelimit.job_wait_seconds(user=owner) <= 45
    Job.objects.filter(pk=oldest.pk).update(created=timezone.now() - timedelta(seconds=601))
    assert ratelimit.job_wait_seconds(user=owner) == 0


def test_other_users_jobs_do_not_count(owner: Any, make_user: Any) -> None:
    _fill(make_user("busy"))
    assert ratelimit.job_wait_seconds(user=owner) == 0
    services.diagram_create(owner=owner, prompt=PROMPT)


def test_the_home_page_shows_the_wait_and_keeps_the_text(owner: Any, owner_client: Client) -> None:
    _fill(owner)
    page = owner_client.post("/", {"prompt": "Keep this exact description, please"})
    assert page.status_code == 429
    assert b'class="error"' in page.content and b"Try again in" in page.content
    assert b"Keep this exact description, please</textarea>" in page.content
    assert Job.objects.count() == 3


def test_a_refinement_over_the_limit_is_a_form_error(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)  # its plan job counts as the first of three
    _fill(owner, 2)
    page = owner_client.post(f"/d/{diagram.code}/refine/", {"instruction": "Add a cache"})
    assert page.status_code == 400
    assert b"Try again in" in page.content and b"Add a cache</textarea>" in page.content
    assert not Job.objects.filter(diagram=diagram, kind="refine").exists()


def test_a_retry_over_the_limit_is_refused(owner: Any, owner_client: Client) -> None:
    _fill(owner)
    failed = Job.objects.first()
    assert failed is not None
    Job.objects.filter(pk=failed.pk).update(status="failed")
    response = owner_client.post(f"/jobs/{failed.code}/retry/", HTTP_ACCEPT="application/json")
    assert response.status_code == 409
    assert "Try again in" in response.json()["error"]["message"]
    assert Job.objects.count() == 3


def test_the_limit_and_window_come_from_the_environment() -> None:
    env = {**os.environ, "DEBUG": "1", "RATE_LIMIT_JOBS": "7", "RATE_LIMIT_WINDOW_SECONDS": "90"}
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.RATE_LIMIT_JOBS, s.RATE_LIMIT_WINDOW_SECONDS)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "infrasketch.settings"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.split() == ["7", "90"], done.stderr
    env["RATE_LIMIT_JOBS"] = "0"
    refused = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "RATE_LIMIT_JOBS must be at least 1" in refused.stderr


@pytest.mark.parametrize(
    ("seconds", "phrase"), [(1, "1 second."), (45, "45 seconds."), (400, "7 minutes.")]
)
def test_the_wait_is_phrased_for_a_person(seconds: int, phrase: str) -> None:
    assert ratelimit.wait_message(seconds).endswith(f"Try again in {phrase}")
