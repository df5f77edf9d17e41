"""Model rows -> API bodies. URLs are paths on this site, named in the ``api-v1`` namespace."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from diagrams import selectors
from diagrams.models import Diagram, Job, Revision

NS = "api-v1"


def job_url(job: Job) -> str:
    return reverse(f"{NS}:job", kwargs={"code": job.code})


def diagram_url(diagram: Diagram) -> str:
    return reverse(f"{NS}:diagram", kwargs={"code": diagram.code})


def revision_url(diagram: Diagram, number: int) -> str:
    return reverse(f"{NS}:revision", kwargs={"code": diagram.code, "number": number})


def job_body(job: Job) -> dict[str, Any]:
    revision = getattr(job, "revision", None)
    number = revision.number if revision is not None else None
    return {
        "code": job.code,
        "kind": job.kind,
        "status": job.status,
        "error": job.error if job.status == "failed" else "",
        "attempts": job.attempts,
        "diagram": job.diagram.code,
        "revision": number,
        "url": job_url(job),
        "diagram_url": diagram_url(job.diagram),
        "revision_url": revision_url(job.diagram, number) if number is not None else None,
    }


def diagram_body(diagram: Diagram) -> dict[str, Any]:
    latest = selectors.revision_latest(diagram=diagram)
    return {
        "code": diagram.code,
        "title": diagram.title,
        "prompt": diagram.prompt,
        "created": diagram.created,
        "updated": diagram.updated,
        "latest_revision": latest.number if latest is not None else None,
        "url": diagram_url(diagram),
    }


def diagram_detail_body(diagram: Diagram) -> dict[str, Any]:
    active = selectors.job_active(diagram=diagram)
    return {
        **diagram_body(diagram),
        "active_job": job_body(active) if active is not None else None,
        "revisions_url": reverse(f"{NS}:revisions", kwargs={"code": diagram.code}),
    }


def revision_body(revision: Revision) -> dict[str, Any]:
    parent = revision.parent
    return {
        "number": revision.number,
        "kind": revision.kind,
        "parent": parent.number if parent is not None else None,
        "instruction": revision.instruction,
        "summary": revision.summary,
        "planner": revision.planner,
        "created": revision.created,
        "url": revision_url(revision.diagram, revision.number),
    }


def revision_detail_body(revision: Revision) -> dict[str, Any]:
    return {**revision_body(revision), "graph": revision.graph}
