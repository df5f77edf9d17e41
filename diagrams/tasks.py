"""Celery tasks: thin. Take an id, call one service, own the retry policy.

Delivery is at least once, so ``job_run`` may see the same job twice, or a job another
worker already finished: the service claims a job once and writes one revision. Transient
faults (the planner's timeouts, 429s and 5xx; a dropped database connection; the soft time
limit) put the job back to PENDING and retry with exponential backoff and jitter, bounded by
JOB_MAX_ATTEMPTS; anything else fails the job at once with a readable reason.
"""

from __future__ import annotations

import logging
import random
from typing import Any

from celery import shared_task
from celery.exceptions import Retry, SoftTimeLimitExceeded
from django.db import DatabaseError, connections

from diagrams import jobqueue, services
from diagrams.models import Job
from infrasketch.logcontext import job_context_set

log = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 1.0
BACKOFF_CAP_SECONDS = 20.0
# Deliveries that never reached a claim (the database was unreachable) stop retrying after
# this many; the job row stays PENDING and the sweeper sends it again later.
MAX_REDELIVERIES = 8


def backoff_seconds(attempt: int, retry_after: float | None = None) -> float:
    """Exponential backoff with full jitter; a server's Retry-After is honoured as a floor."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(attempt - 1, 0))
    delay = random.uniform(ceiling / 2, ceiling)
    return max(delay, retry_after or 0.0)


@shared_task(bind=True, acks_late=True, max_retries=None)
def job_run(self: Any, job_id: int, code: str = "") -> Retry | None:
    job_context_set(code)
    try:
        services.job_execute(job_id=job_id)
    except services.TRANSIENT_JOB_ERRORS as exc:
        return _retry_later(self, job_id, exc)
    return None


def _retry_later(task: Any, job_id: int, exc: BaseException) -> Retry | None:
    if isinstance(exc, DatabaseError):
        # The connection is dead: drop it so the next query opens a fresh one.
        connections.close_all()
    try:
        attempts = Job.objects.filter(pk=job_id).values_list("attempts", flat=True).first() or 0
        delay = backoff_seconds(max(attempts, task.request.retries + 1), _retry_after(exc))
        again = jobqueue.job_release(job_id=job_id, reason=_reason(exc), retry_in=delay)
    except DatabaseError:
        log.warning("job id %s: database still unreachable; the sweeper will retry", job_id)
        connections.close_all()
        again, delay = True, backoff_seconds(task.request.retries + 1)
    if not again or task.request.retries >= MAX_REDELIVERIES:
        return None
    if task.request.is_eager:
        # Run in-process (tests, CELERY_TASK_ALWAYS_EAGER): a raised Retry would propagate
        # out of apply(); a returned one makes apply() run the next attempt.
        retry: Retry = task.retry(countdown=delay, throw=False)
        return retry
    raise task.retry(countdown=delay) from exc


def _retry_after(exc: BaseException) -> float | None:
    value = getattr(exc, "retry_after", None)
    return float(value) if value is not None else None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DatabaseError):
        return "The database connection dropped while making this change."
    if isinstance(exc, SoftTimeLimitExceeded):
        return "Making this change took too long."
    return str(exc)


@shared_task
def jobs_sweep() -> int:
    return jobqueue.jobs_sweep()
