"""Jobs under faults, in-process: leases, lost workers, dropped connections, a missing broker,
unexpected errors, and the job code on every log line. The real-process versions of these live
in tests/e2e/test_pipeline_faults.py."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from diagrams import jobqueue, services
from diagrams.core.planners import PlanResult
from diagrams.models import Diagram, Job, JobStatus, Revision
from infrasketch.logcontext import JobContextFilter
from tests.support.llm_samples import synthetic_graph

pytestmark = pytest.mark.django_db(transaction=True)

PROMPT = "An order service publishes OrderPlaced to Kafka; the payment service consumes it."


class _Planner:
    """Answers with a fixed graph after raising ``faults`` one by one."""

    name = "rule_based"

    def __init__(self, *faults: BaseException) -> None:
        self.faults = list(faults)
        self.calls = 0

    def plan(self, prompt: str) -> PlanResult:
        self.calls += 1
        if self.faults:
            raise self.faults.pop(0)
        return PlanResult(graph=synthetic_graph(5))


@pytest.fixture
def planner(monkeypatch: Any) -> Iterator[_Planner]:
    fake = _Planner()
    monkeypatch.setattr(services, "planner_get", lambda: fake)
    monkeypatch.setattr("diagrams.tasks.backoff_seconds", lambda *a, **k: 0)
    yield fake


def _queued_job(owner: Any, **fields: Any) -> Job:
    """A job row written without reaching the broker (as if it was down)."""
    diagram = Diagram.objects.create(owner=owner, title="t", prompt=PROMPT)
    return Job.objects.create(diagram=diagram, kind="plan", instruction=PROMPT, **fields)


def _ago(seconds: float) -> Any:
    return timezone.now() - timedelta(seconds=seconds)


def test_a_redelivery_takes_over_a_job_whose_lease_ran_out(owner: Any) -> None:
    expired = _ago(django_settings.JOB_RUNNING_DEADLINE_SECONDS + 5)
    job = _queued_job(owner, status=JobStatus.RUNNING, started_at=expired, attempts=1)
    claimed = services.job_claim(job_id=job.pk)
    assert claimed is not None and claimed.attempts == 2


def test_a_job_running_within_its_lease_is_not_claimed_again(owner: Any) -> None:
    job = _queued_job(owner, status=JobStatus.RUNNING, started_at=_ago(1), attempts=1)
    assert services.job_claim(job_id=job.pk) is None


def test_a_lost_job_out_of_attempts_fails_with_a_reason_instead_of_running_again(
    owner: Any,
) -> None:
    expired = _ago(django_settings.JOB_RUNNING_DEADLINE_SECONDS + 5)
    attempts = django_settings.JOB_MAX_ATTEMPTS
    job = _queued_job(owner, status=JobStatus.RUNNING, started_at=expired, attempts=attempts)
    assert services.job_claim(job_id=job.pk) is None
    jobqueue.jobs_sweep()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "worker stopped" in job.error


def test_a_dropped_database_connection_is_retried_and_the_job_succeeds(
    owner: Any, planner: _Planner
) -> None:
    planner.faults.append(OperationalError("terminating connection due to administrator command"))
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2
    assert Revision.objects.filter(job=job).count() == 1


def test_an_unexpected_error_fails_the_job_with_a_readable_reason(
    owner: Any, planner: _Planner
) -> None:
    planner.faults.append(KeyError("components"))
    job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Something went wrong on our side")
    assert "KeyError" not in job.error


def test_a_prompt_submitted_while_the_broker_is_down_stays_queued_until_the_sweeper_sends_it(
    owner: Any, planner: _Planner, monkeypatch: Any
) -> None:
    from diagrams.tasks import job_run

    def down(*args: Any, **kwargs: Any) -> None:
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(job_run, "apply_async", down)
        job = services.diagram_create(owner=owner, prompt=PROMPT)
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING and job.enqueued_at is None
    assert jobqueue.jobs_sweep() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED


def test_the_sweeper_leaves_a_job_alone_until_its_retry_is_due(owner: Any) -> None:
    due = timezone.now() + timedelta(seconds=60)
    _queued_job(owner, enqueued_at=due, attempts=1)
    assert jobqueue.jobs_sweep() == 0


def test_a_transient_fault_after_the_last_attempt_fails_the_job_with_the_reason(
    owner: Any,
) -> None:
    attempts = django_settings.JOB_MAX_ATTEMPTS
    job = _queued_job(owner, status=JobStatus.RUNNING, started_at=_ago(1), attempts=attempts)
    again = jobqueue.job_release(job_id=job.pk, reason="the model server timed out", retry_in=1)
    job.refresh_from_db()
    assert again is False and job.status == JobStatus.FAILED
    assert job.error == f"the model server timed out (gave up after {attempts} attempts)"


def test_log_lines_about_a_job_carry_its_code(owner: Any, planner: _Planner) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(JobContextFilter())
    handler.setFormatter(logging.Formatter("job=%(job)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        job = services.diagram_create(owner=owner, prompt=PROMPT)
    finally:
        root.removeHandler(handler)
    lines = [line for line in stream.getvalue().splitlines() if "diagrams.services" in line]
    assert any(f"job {job.code} succeeded" in line for line in lines)
    assert all(line.startswith(f"job={job.code} ") for line in lines)
