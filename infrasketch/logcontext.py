"""The job's code as a correlation id on every log line, in the web server and in the worker.

A context variable holds the code of the job being created (web) or run (worker); a logging
filter copies it onto each record as ``job`` so the format can print ``job=<code>``. One
request can then be followed with ``grep job=<code>`` across the web and worker logs.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

NO_JOB = "-"

_job_code: ContextVar[str] = ContextVar("job_code", default=NO_JOB)


def job_context_set(code: object) -> None:
    """Tag this request's or task's log lines with ``code`` (empty clears the tag)."""
    _job_code.set(str(code) if code else NO_JOB)


def job_context_get() -> str:
    return _job_code.get()


def job_context_clear(**_: Any) -> None:
    """Signal receiver: a new request or task starts untagged (threads and workers are reused)."""
    _job_code.set(NO_JOB)


class JobContextFilter(logging.Filter):
    """Adds ``record.job``: the job code in context, or "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "job"):
            record.job = _job_code.get()
        return True


def _connect_request_reset() -> None:
    from django.core.signals import request_started

    request_started.connect(job_context_clear, dispatch_uid="infrasketch.logcontext.reset")


_connect_request_reset()
