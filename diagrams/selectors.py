"""Reads of a user's data. Every read scopes to the owner: anyone else gets Http404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from diagrams.models import Diagram, Job, Revision


def diagram_list(*, user: Any) -> QuerySet[Diagram]:
    return Diagram.objects.filter(owner=user).order_by("-updated")


def diagram_get(*, user: Any, code: UUID) -> Diagram:
    return get_object_or_404(Diagram, code=code, owner=user)


def revision_latest(*, diagram: Diagram) -> Revision | None:
    return diagram.revisions.order_by("-number").first()


def revision_get(*, diagram: Diagram, number: int) -> Revision:
    revision = get_object_or_404(Revision, diagram=diagram, number=number)
    revision.diagram = diagram  # already loaded: spare the export filename a query
    return revision


def revision_list(*, diagram: Diagram) -> QuerySet[Revision]:
    return diagram.revisions.order_by("-number")


def job_get(*, user: Any, code: UUID) -> Job:
    # The poll is the hottest URL: never load the revision's graph or the prompt for it.
    job = (
        Job.objects.select_related("diagram", "revision")
        .defer("revision__graph", "diagram__prompt", "instruction")
        .filter(code=code)
        .first()
    )
    if job is None or job.diagram.owner_id != user.pk:
        raise Http404("No such job")
    return job


def job_active(*, diagram: Diagram) -> Job | None:
    return diagram.jobs.filter(status__in=["pending", "running"]).order_by("-created").first()


def job_last(*, diagram: Diagram) -> Job | None:
    return diagram.jobs.order_by("-created").first()
