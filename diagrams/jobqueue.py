"""Delivering jobs: the broker only delivers, the Job row is the source of truth.

A job is handed to the broker when the request's transaction commits; if the broker is down,
the row stays PENDING and unmarked. The sweeper (celery beat, every JOB_SWEEP_INTERVAL_SECONDS)
sends again every PENDING job not sent lately, and gives back to the queue every RUNNING job
whose worker has held it past JOB_RUNNING_DEADLINE_SECONDS (failing it once it used up
JOB_MAX_ATTEMPTS). After a transient fault, ``job_release`` puts a job back for a later attempt.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from diagrams.models import ACTIVE_JOB_STATUSES, Job, JobStatus
from infrasketch.logcontext import job_context_set

log = logging.getLogger(__name__)


def job_enqueue(*, job: Job) -> None:
    """Hand the job to the broker after the surrounding transaction commits."""
    job_context_set(job.code)
    transaction.on_commit(lambda: _send(job.pk, job.code))


def _send(job_id: int, code: object) -> None:
    from diagrams.tasks import job_run

    try:
        job_run.apply_async(
            args=(job_id,),
            kwargs={"code": str(code)},
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2},
        )
    except Exception as exc:
        # The row is the source of truth: left unmarked, the sweeper sends it again as soon
        # as the broker is back.
        log.warning("broker unavailable, job %s stays queued: %r", code, exc)
        return
    Job.objects.filter(pk=job_id, status=JobStatus.PENDING).update(enqueued_at=timezone.now())


def job_release(*, job_id: int, reason: str, retry_in: float) -> bool:
    """After a transient fault: the job goes back to PENDING for another attempt in
    ``retry_in`` seconds (the sweeper waits that long too), or to FAILED with ``reason`` once
    it has used up JOB_MAX_ATTEMPTS. True when the caller should deliver it again."""
    active = Job.objects.filter(pk=job_id, status__in=ACTIVE_JOB_STATUSES)
    given_up = active.filter(
        status=JobStatus.RUNNING, attempts__gte=settings.JOB_MAX_ATTEMPTS
    ).update(
        status=JobStatus.FAILED,
        finished_at=timezone.now(),
        error=f"{reason} (gave up after {settings.JOB_MAX_ATTEMPTS} attempts)"[:2000],
    )
    if given_up:
        log.info("job id %s failed for good: %s", job_id, reason)
        return False
    retry_at = timezone.now() + timedelta(seconds=retry_in)
    released = active.update(status=JobStatus.PENDING, error=reason[:2000], enqueued_at=retry_at)
    if released:
        log.warning(
            "job id %s hit a transient fault, retry in %.1f s: %s", job_id, retry_in, reason
        )
    return bool(released)


def jobs_sweep() -> int:
    """Re-enqueue jobs the broker lost; fail RUNNING jobs that used up their attempts.

    Returns the number of jobs re-enqueued.
    """
    now = timezone.now()
    stale_pending = now - timedelta(seconds=settings.JOB_PENDING_REQUEUE_SECONDS)
    stale_running = now - timedelta(seconds=settings.JOB_RUNNING_DEADLINE_SECONDS)
    lost_running = Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=stale_running)
    lost_running.filter(attempts__gte=settings.JOB_MAX_ATTEMPTS).update(
        status=JobStatus.FAILED,
        finished_at=now,
        error="The worker stopped while making this change, too many times; retry it.",
    )
    if lost := lost_running.update(status=JobStatus.PENDING, enqueued_at=None):
        log.warning("sweeper: %s running jobs lost their worker; queued again", lost)
    stale = list(
        Job.objects.filter(status=JobStatus.PENDING)
        .exclude(enqueued_at__gte=stale_pending)
        .values_list("pk", "code")[:500]
    )
    for job_id, code in stale:
        job_context_set(code)
        _send(job_id, code)
    job_context_set(None)
    if stale:
        log.info("sweeper re-enqueued %s jobs", len(stale))
    return len(stale)
