"""Per-user generation rate limit, counted from the user's own Job rows.

Every plan or refine Job costs planner time (and, with the LLM planner, money), so a user may
create at most ``RATE_LIMIT_JOBS`` jobs in any ``RATE_LIMIT_WINDOW_SECONDS``. The Job table is
the counter: no extra state, and it holds across every web process and host.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from diagrams.models import Job


def job_wait_seconds(*, user: Any) -> int:
    """Whole seconds ``user`` must wait before creating another job; 0 when allowed now."""
    limit = settings.RATE_LIMIT_JOBS
    window = timedelta(seconds=settings.RATE_LIMIT_WINDOW_SECONDS)
    now = timezone.now()
    recent = (
        Job.objects.filter(diagram__owner=user, created__gt=now - window)
        .order_by("-created")
        .values_list("created", flat=True)[:limit]
    )
    created = list(recent)
    if len(created) < limit:
        return 0
    # The oldest of the last ``limit`` jobs frees a slot when it leaves the window.
    return max(1, math.ceil((created[-1] + window - now).total_seconds()))


def wait_message(seconds: int) -> str:
    """A sentence telling the user how long to wait, in minutes when that reads better."""
    if seconds < 90:
        wait = f"{seconds} second{'s' if seconds != 1 else ''}"
    else:
        minutes = math.ceil(seconds / 60)
        wait = f"{minutes} minutes"
    jobs = settings.RATE_LIMIT_JOBS
    window = settings.RATE_LIMIT_WINDOW_SECONDS
    span = f"{window // 60} minutes" if window % 60 == 0 else f"{window} seconds"
    return (
        f"You have made {jobs} diagrams or changes in the last {span}, the most allowed. "
        f"Try again in {wait}."
    )
