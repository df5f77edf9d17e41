"""Use-cases: the only module that joins the pure core with the ORM and Celery.

Jobs: a request writes a PENDING Job row in its transaction and enqueues it on commit. A
worker claims it with a conditional UPDATE (PENDING -> RUNNING), plans outside any
transaction, then writes exactly one Revision (a unique constraint on ``Revision.job``) and
marks the job SUCCEEDED. Getting jobs to a worker, and again after a lost worker or a
transient fault, is diagrams/jobqueue.py's part.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from diagrams import ratelimit
from diagrams.core.edits import EditError, apply_edits
from diagrams.core.graph import Graph, GraphError, clean_text, parse_graph
from diagrams.core.importers import SourceDocument
from diagrams.core.planners import ChatTurn, PlannerError, TransientPlannerError, Usage
from diagrams.jobqueue import job_enqueue
from diagrams.jobqueue import jobs_sweep as jobs_sweep  # re-exported: callers predate jobqueue
from diagrams.models import (
    ACTIVE_JOB_STATUSES,
    Diagram,
    Job,
    JobKind,
    JobStatus,
    Revision,
    RevisionKind,
)
from diagrams.planning import planner_get, planner_name
from infrasketch.logcontext import job_context_set

log = logging.getLogger(__name__)

HISTORY_TURNS = 4


class ServiceError(ValueError):
    """A request that cannot be carried out; ``str()`` is shown to the user."""


class RateLimitedError(ServiceError):
    """The user started too many jobs lately; ``retry_after`` is the wait in seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _rate_limit_check(owner: Any) -> None:
    # Before any row is written: a limited request enqueues nothing.
    wait = ratelimit.job_wait_seconds(user=owner)
    if wait:
        raise RateLimitedError(ratelimit.wait_message(wait), retry_after=wait)


def _title_from_prompt(prompt: str) -> str:
    words = " ".join(prompt.split())
    return words if len(words) <= 60 else words[:57].rsplit(" ", 1)[0] + "…"


def diagram_create(*, owner: Any, prompt: str) -> Job:
    """A new Diagram and its PENDING plan Job, enqueued when the transaction commits."""
    # Control characters are invisible, and PostgreSQL refuses NUL in text.
    prompt = clean_text(prompt).strip()
    _rate_limit_check(owner)
    with transaction.atomic():
        diagram = Diagram.objects.create(
            owner=owner, title=_title_from_prompt(prompt), prompt=prompt
        )
        job = Job.objects.create(diagram=diagram, kind=JobKind.PLAN, instruction=prompt)
        job_enqueue(job=job)
    log.info("job %s created for new diagram %s", job.code, diagram.code)
    return job


def diagram_refine(*, diagram: Diagram, instruction: str) -> Job:
    """A PENDING refine Job for ``instruction`` on the latest revision.

    A repeated submit of the same instruction while it is in progress returns the same job
    (a double click makes one job); a different one must wait for it.
    """
    instruction = clean_text(instruction).strip()
    with transaction.atomic():
        locked = Diagram.objects.select_for_update().get(pk=diagram.pk)
        active = locked.jobs.filter(status__in=ACTIVE_JOB_STATUSES).order_by("-created").first()
        if active is not None:
            if active.instruction == instruction:
                return active
            raise ServiceError("Another change is still being made; wait for it to finish.")
        _rate_limit_check(locked.owner)
        base = locked.revisions.order_by("-number").first()
        if base is None:
            raise ServiceError("This diagram has no revision to refine yet.")
        job = Job.objects.create(
            diagram=locked, kind=JobKind.REFINE, instruction=instruction, base_revision=base
        )
        job_enqueue(job=job)
    log.info("job %s created to refine diagram %s", job.code, diagram.code)
    return job


def job_retry(*, job: Job) -> Job:
    """A fresh PENDING job repeating a FAILED one (the failed row stays as history)."""
    if job.status != JobStatus.FAILED:
        raise ServiceError("Only a failed job can be retried.")
    if job.kind == JobKind.PLAN:
        _rate_limit_check(job.diagram.owner)
        with transaction.atomic():
            retry = Job.objects.create(
                diagram=job.diagram, kind=JobKind.PLAN, instruction=job.instruction
            )
            job_enqueue(job=retry)
        return retry
    return diagram_refine(diagram=job.diagram, instruction=job.instruction)


def _revision_add(
    *, diagram: Diagram, graph: Graph, kind: str, parent: Revision | None, **fields: Any
) -> Revision:
    # Caller holds a transaction; the diagram row lock serialises revision numbers.
    Diagram.objects.select_for_update().filter(pk=diagram.pk).first()
    last = diagram.revisions.aggregate(n=Max("number"))["n"] or 0
    revision = Revision.objects.create(
        diagram=diagram, number=last + 1, parent=parent, kind=kind, graph=graph.to_json(), **fields
    )
    Diagram.objects.filter(pk=diagram.pk).update(title=graph.title[:80], updated=timezone.now())
    return revision


def revision_restore(*, diagram: Diagram, number: int) -> Revision:
    """A new revision equal to revision ``number``: history is never rewritten."""
    with transaction.atomic():
        source = diagram.revisions.get(number=number)
        latest = diagram.revisions.order_by("-number").first()
        return _revision_add(
            diagram=diagram,
            graph=parse_graph(source.graph),
            kind=RevisionKind.RESTORE,
            parent=latest,
            instruction=f"Restore revision {number}",
            summary=f"Restored revision {number}",
        )


# --- Running jobs (worker side) ------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    graph: Graph
    kind: str
    summary: str
    usage: Usage
    parent: Revision | None


# Faults worth another attempt besides the planner's own: the database connection dropped,
# or the task ran past its soft time limit. The task decides when to try again.
TRANSIENT_JOB_ERRORS: tuple[type[BaseException], ...] = (
    TransientPlannerError,
    OperationalError,
    InterfaceError,
    SoftTimeLimitExceeded,
)


def job_claim(*, job_id: int) -> Job | None:
    """PENDING -> RUNNING exactly once; None when another delivery got there first.

    A RUNNING job whose lease (JOB_RUNNING_DEADLINE_SECONDS) ran out lost its worker: a
    redelivered message takes it over, as the sweeper would.
    """
    now = timezone.now()
    lease_expired = Q(
        status=JobStatus.RUNNING,
        started_at__lt=now - timedelta(seconds=settings.JOB_RUNNING_DEADLINE_SECONDS),
        attempts__lt=settings.JOB_MAX_ATTEMPTS,
    )
    claimed = Job.objects.filter(Q(status=JobStatus.PENDING) | lease_expired, pk=job_id).update(
        status=JobStatus.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Job.objects.select_related("diagram", "base_revision").get(pk=job_id)


def job_execute(*, job_id: int) -> None:
    """Claim and run one job. Raises one of TRANSIENT_JOB_ERRORS when the caller should retry
    (see ``job_release``); any other fault fails the job with a readable reason."""
    job = job_claim(job_id=job_id)
    if job is None:
        log.info("job id %s already claimed or finished; delivery ignored", job_id)
        return
    job_context_set(job.code)
    log.info("job %s running (attempt %s)", job.code, job.attempts)
    try:
        _job_run(job)
    except TRANSIENT_JOB_ERRORS:
        raise
    except Exception:
        log.exception("job %s crashed", job.code)
        _job_fail(job, "Something went wrong on our side while making this change; retry it.")


def _job_run(job: Job) -> None:
    if settings.INFRASKETCH_TEST_JOB_DELAY:
        time.sleep(settings.INFRASKETCH_TEST_JOB_DELAY)
    try:
        outcome = _job_outcome(job)
    except (PlannerError, EditError, GraphError) as exc:
        if isinstance(exc, TransientPlannerError):
            raise
        _job_fail(job, str(exc))
        return
    _job_succeed(job, outcome)


def _job_outcome(job: Job) -> _Outcome:
    planner = planner_get()
    if job.kind == JobKind.PLAN:
        result = planner.plan(job.instruction)
        return _Outcome(result.graph, RevisionKind.PLAN, "", result.usage, None)
    base = job.base_revision
    if base is None:
        raise PlannerError("The revision this change was based on no longer exists.")
    refinement = planner.refine(parse_graph(base.graph), job.instruction, _history(job))
    if refinement.undo:
        if base.parent is None:
            raise PlannerError("There is nothing to undo: this is the first revision.")
        graph = parse_graph(base.parent.graph)
        return _Outcome(
            graph, RevisionKind.UNDO, f"Undid revision {base.number}", refinement.usage, base
        )
    graph = apply_edits(parse_graph(base.graph), refinement.edits)
    return _Outcome(graph, RevisionKind.REFINE, refinement.summary, refinement.usage, base)


def _history(job: Job) -> list[ChatTurn]:
    earlier = (
        Revision.objects.filter(diagram=job.diagram, kind=RevisionKind.REFINE)
        .order_by("-number")
        .values_list("instruction", "summary")[:HISTORY_TURNS]
    )
    return [ChatTurn(instruction=i, summary=s) for i, s in reversed(earlier)]


def _job_succeed(job: Job, outcome: _Outcome) -> None:
    try:
        with transaction.atomic():
            _revision_add(
                diagram=job.diagram,
                graph=outcome.graph,
                kind=outcome.kind,
                parent=outcome.parent,
                instruction=job.instruction if job.kind == JobKind.REFINE else "",
                summary=outcome.summary[:500],
                planner=planner_name(),
                job=job,
                input_tokens=outcome.usage.input_tokens,
                output_tokens=outcome.usage.output_tokens,
            )
            Job.objects.filter(pk=job.pk).update(
                status=JobStatus.SUCCEEDED,
                finished_at=timezone.now(),
                error="",
                planner=planner_name(),
                input_tokens=F("input_tokens") + outcome.usage.input_tokens,
                output_tokens=F("output_tokens") + outcome.usage.output_tokens,
            )
    except IntegrityError:
        # Another delivery of this job already wrote its revision: nothing more to do.
        log.info("job %s already has its revision; duplicate result dropped", job.code)
        return
    log.info("job %s succeeded", job.code)


def _job_fail(job: Job, reason: str) -> None:
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, error=clean_text(reason)[:2000], finished_at=timezone.now()
    )
    log.info("job %s failed: %s", job.code, reason)


# --- Exports -------------------------------------------------------------------------------

EXPORT_CACHE_SECONDS = 24 * 3600


def revision_export(*, revision: Revision, fmt: str) -> bytes:
    """The revision in format ``fmt`` (a key of the exporters registry). Cached: revisions
    never change, so the cache key is the revision's id and the format."""
    from django.core.cache import cache

    from diagrams.core.exporters import export

    key = f"export:v1:{revision.pk}:{fmt}"
    cached = cache.get(key)
    if cached is not None:
        return bytes(cached)
    data = export(parse_graph(revision.graph), fmt)
    cache.set(key, data, EXPORT_CACHE_SECONDS)
    return data


# --- Imports -------------------------------------------------------------------------------


def diagram_import(*, owner: Any, documents: Sequence[SourceDocument]) -> Diagram:
    """A new Diagram whose first revision (kind "import") is the graph of AsyncAPI
    ``documents``. Raises AsyncApiImportError, and stores nothing, for a bad document."""
    from diagrams.core.importers import import_asyncapi

    graph = import_asyncapi(documents)
    names = ", ".join(d.name for d in documents if d.name)[:400]
    with transaction.atomic():
        diagram = Diagram.objects.create(
            owner=owner, title=graph.title[:80], prompt=f"Imported from AsyncAPI: {names}"
        )
        _revision_add(
            diagram=diagram,
            graph=graph,
            kind=RevisionKind.IMPORT,
            parent=None,
            summary=f"Imported {len(documents)} AsyncAPI document(s): {names}"[:500],
            planner="asyncapi-import",
        )
    log.info("diagram %s imported from %s AsyncAPI documents", diagram.code, len(documents))
    return diagram
