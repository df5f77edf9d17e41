"""Diagrams and their revisions: create, refine, read, restore, export, design document."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from diagrams import selectors, services
from diagrams.api import present
from diagrams.api.auth import api_user
from diagrams.api.errors import documented
from diagrams.api.schemas import (
    DesignDocumentOut,
    DiagramDetailOut,
    DiagramOut,
    JobOut,
    PromptIn,
    RefineIn,
    RevisionDetailOut,
    RevisionNumber,
    RevisionOut,
)
from diagrams.api.throttles import WRITES
from diagrams.core.graph import parse_graph
from diagrams.models import Revision

router = Router(tags=["diagrams"])


class PageQuery(Schema):
    limit: int = Field(default=50, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=100_000)


def _accepted(job: Any, response: HttpResponse) -> Status[Any]:
    body = present.job_body(job)
    response["Location"] = body["url"]
    return Status(202, body)


def _revision(request: HttpRequest, code: UUID, number: int) -> Revision:
    diagram = selectors.diagram_get(user=api_user(request), code=code)
    return selectors.revision_get(diagram=diagram, number=number)


@router.get("/diagrams", response={200: list[DiagramOut], **documented(422)}, url_name="diagrams")
def diagram_list(request: HttpRequest, page: Query[PageQuery]) -> list[dict[str, Any]]:
    """The caller's diagrams, most recently updated first."""
    diagrams = selectors.diagram_list(user=api_user(request))
    return [present.diagram_body(d) for d in diagrams[page.offset : page.offset + page.limit]]


@router.post("/diagrams", response={202: JobOut, **documented(422)})
def diagram_create(request: HttpRequest, body: PromptIn, response: HttpResponse) -> Status[Any]:
    """Start planning a new diagram from a prompt. Poll the job at ``url`` (also the
    ``Location`` header)."""
    job = services.diagram_create(owner=api_user(request), prompt=body.prompt)
    return _accepted(job, response)


@router.get(
    "/diagrams/{code}", response={200: DiagramDetailOut, **documented(404, 422)}, url_name="diagram"
)
def diagram_get(request: HttpRequest, code: UUID) -> dict[str, Any]:
    diagram = selectors.diagram_get(user=api_user(request), code=code)
    return present.diagram_detail_body(diagram)


@router.post("/diagrams/{code}/refine", response={202: JobOut, **documented(404, 409, 422)})
def diagram_refine(
    request: HttpRequest, code: UUID, body: RefineIn, response: HttpResponse
) -> Status[Any]:
    """Apply a chat instruction to the latest revision. 409 while another change runs."""
    diagram = selectors.diagram_get(user=api_user(request), code=code)
    job = services.diagram_refine(diagram=diagram, instruction=body.instruction)
    return _accepted(job, response)


@router.get(
    "/diagrams/{code}/revisions",
    response={200: list[RevisionOut], **documented(404, 422)},
    url_name="revisions",
)
def revision_list(request: HttpRequest, code: UUID) -> list[dict[str, Any]]:
    """Every revision of the diagram, newest first."""
    diagram = selectors.diagram_get(user=api_user(request), code=code)
    revisions = selectors.revision_list(diagram=diagram).select_related("parent", "diagram")
    return [present.revision_body(r) for r in revisions]


@router.get(
    "/diagrams/{code}/revisions/{number}",
    response={200: RevisionDetailOut, **documented(404, 422)},
    url_name="revision",
    by_alias=True,
)
def revision_get(request: HttpRequest, code: UUID, number: RevisionNumber) -> dict[str, Any]:
    """One revision with its graph (the graph contract)."""
    return present.revision_detail_body(_revision(request, code, number))


@router.post(
    "/diagrams/{code}/revisions/{number}/restore",
    response={201: RevisionOut, **documented(404, 422)},
    throttle=WRITES,
)
def revision_restore(request: HttpRequest, code: UUID, number: RevisionNumber) -> Status[Any]:
    """Append a new revision equal to revision ``number``."""
    source = _revision(request, code, number)
    restored = services.revision_restore(diagram=source.diagram, number=source.number)
    return Status(201, present.revision_body(restored))


@router.get(
    "/diagrams/{code}/revisions/{number}/design-document",
    response={200: DesignDocumentOut, **documented(404, 422)},
)
def revision_design_document(
    request: HttpRequest, code: UUID, number: RevisionNumber
) -> dict[str, Any]:
    """The revision's design document as Markdown."""
    from diagrams.core.designdoc import design_document

    revision = _revision(request, code, number)
    return {"revision": revision.number, "markdown": design_document(parse_graph(revision.graph))}
