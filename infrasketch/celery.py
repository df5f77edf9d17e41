"""The Celery app. Configuration comes from Django settings (CELERY_* names).

Delivery is at-least-once: a message is acknowledged after its task ran (``acks_late``) and
given back when the worker dies (``reject_on_worker_lost``; on Redis, after the visibility
timeout). The job row makes that safe: a job is claimed once and writes one revision.
Celery's Django fixup closes the task's database connections before and after every task, so
a connection the database dropped while the worker was idle is never reused.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infrasketch.settings")
# The embedded broker: kombu's filesystem transport with an atomic put (see kombu_fs).
TRANSPORT_ALIASES["filesystem"] = "infrasketch.kombu_fs:Transport"

app = Celery("infrasketch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    accept_content=["json"],
    result_serializer="json",
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _schedule_sweeper(sender: Celery, **_: Any) -> None:
    from django.conf import settings

    sender.conf.beat_schedule = {
        "sweep-stuck-jobs": {
            "task": "diagrams.tasks.jobs_sweep",
            "schedule": settings.JOB_SWEEP_INTERVAL_SECONDS,
            # A sweep that waited longer than one interval is superseded by the next one.
            "options": {"expires": settings.JOB_SWEEP_INTERVAL_SECONDS},
        },
    }


@task_prerun.connect
@task_postrun.connect
def _untag_logs(task: Any = None, **_: Any) -> None:
    # A worker reuses its thread: each task starts untagged, and the lines the worker logs
    # between tasks ("received") are not tagged with the last task's job. Celery logs a
    # task's outcome before task_postrun, so that line still carries the tag. A task run
    # in-process (eager) shares its caller's context and leaves it alone.
    if task is not None and task.request.is_eager:
        return
    from infrasketch.logcontext import job_context_clear

    job_context_clear()
