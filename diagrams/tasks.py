"""Celery tasks: thin. Take an id, call one service, own the retry policy."""

from __future__ import annotations

import random
from typing import Any

from celery import shared_task

from diagrams import services
from diagrams.core.planners import TransientPlannerError
from diagrams.models import Job, JobStatus

BACKOFF_BASE_SECONDS = 1.0
BACKOFF_CAP_SECONDS = 20.0


def backoff_seconds(attempt: int, retry_after: float | None = None) -> float:
    """Exponential backoff with full jitter; a server's Retry-After is honoured as a floor."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(attempt - 1, 0))
    delay = random.uniform(ceiling / 2, ceiling)
    return max(delay, retry_after or 0.0)


@shared_task(bind=True, acks_late=True, max_retries=None)
def job_run(self: Any, job_id: int) -> None:
    try:
        services.job_execute(job_id=job_id)
    except TransientPlannerError as exc:
        job = Job.objects.filter(pk=job_id).only("status", "attempts").first()
        if job is not None and job.status == JobStatus.PENDING:
            raise self.retry(countdown=backoff_seconds(job.attempts, exc.retry_after)) from exc


@shared_task
def jobs_sweep() -> int:
    return services.jobs_sweep()
