"""Services and the task: one job, one claim, one revision; readable failures."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from diagrams import services
from diagrams.core.planners import PlannerError, TransientPlannerError
from diagrams.models import Diagram, Job, JobStatus, Revision
from diagrams.tasks import backoff_seconds, job_run

pytestmark = pytest.mark.django_db(transaction=True)

PROMPT = "An order service publishes OrderPlaced to Kafka; the payment service consumes it."


def test_creating_a_diagram_runs_its_job_after_commit_and_writes_revision_one(owner: Any) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    revision = Revision.objects.get(job=job)
    assert revision.number == 1
    assert revision.planner == "rule_based"
    assert any(c["kind"] == "broker" for c in revision.graph["components"])


def test_a_job_delivered_twice_makes_one_revision(owner: Any) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job_run.apply(args=(job.pk,))
    job_run.apply(args=(job.pk,))
    assert Revision.objects.filter(diagram=job.diagram).count() == 1


def test_nothing_is_enqueued_when_the_transaction_rolls_back(owner: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        services.diagram_create(owner=owner, prompt=PROMPT)
        raise RuntimeError("request failed")
    assert Job.objects.count() == 0 and Revision.objects.count() == 0


def test_a_planner_error_fails_the_job_with_its_message(owner: Any, monkeypatch: Any) -> None:
    class Refusing:
        name = "rule_based"

        def plan(self, prompt: str) -> Any:
            raise PlannerError("I could not find any components in that description.")

    monkeypatch.setattr(services, "planner_get", lambda: Refusing())
    job = services.diagram_create(owner=owner, prompt="zzz")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "I could not find any components in that description."
    assert not Revision.objects.filter(diagram=job.diagram).exists()


def test_transient_faults_retry_then_fail_after_the_attempt_limit(
    owner: Any, monkeypatch: Any, settings: Any
) -> None:
    settings.JOB_MAX_ATTEMPTS = 3
    calls = []

    class Flaky:
        name = "llm"

        def plan(self, prompt: str) -> Any:
            calls.append(prompt)
            raise TransientPlannerError("the model server timed out")

    monkeypatch.setattr(services, "planner_get", lambda: Flaky())
    monkeypatch.setattr("diagrams.tasks.backoff_seconds", lambda *a, **k: 0)
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert len(calls) == 3
    assert job.status == JobStatus.FAILED
    assert "timed out" in job.error and "3 attempts" in job.error


def test_refining_makes_the_next_revision_from_the_latest(owner: Any) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    refine = services.diagram_refine(
        diagram=job.diagram, instruction="Add a dead letter queue for failed events"
    )
    refine.refresh_from_db()
    assert refine.status == JobStatus.SUCCEEDED, refine.error
    second = Revision.objects.get(job=refine)
    assert second.number == 2 and second.parent is not None and second.parent.number == 1
    kinds = {c["kind"] for c in second.graph["components"]}
    assert "dead_letter_queue" in kinds


def test_restoring_appends_a_revision_equal_to_the_old_one(owner: Any) -> None:
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    services.diagram_refine(
        diagram=job.diagram, instruction="Add a dead letter queue for failed events"
    )
    restored = services.revision_restore(diagram=job.diagram, number=1)
    first = Revision.objects.get(diagram=job.diagram, number=1)
    assert restored.number == 3
    assert restored.graph == first.graph
    assert Revision.objects.filter(diagram=job.diagram).count() == 3


def test_sweeper_reenqueues_a_pending_job_the_broker_lost(owner: Any, settings: Any) -> None:
    settings.JOB_PENDING_REQUEUE_SECONDS = 1
    with transaction.atomic():
        # Written without enqueueing: as if the broker was down at submit time.
        diagram = Diagram.objects.create(owner=owner, title="t", prompt=PROMPT)
        job = Job.objects.create(diagram=diagram, kind="plan", instruction=PROMPT)
    assert services.jobs_sweep() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED


def test_backoff_grows_exponentially_and_honours_retry_after() -> None:
    assert 0.5 <= backoff_seconds(1) <= 1.0
    assert 4.0 <= backoff_seconds(4) <= 8.0
    assert backoff_seconds(30) <= 20.0
    assert backoff_seconds(1, retry_after=7.0) == 7.0
