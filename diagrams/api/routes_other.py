"""Jobs, exports, AsyncAPI imports and the list of export formats."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Status

from diagrams import pages, selectors, services
from diagrams.api import present
from diagrams.api.auth import api_user
from diagrams.api.errors import documented, error_response
from diagrams.api.schemas import ExportFormatOut, ImportIn, ImportOut, JobOut, RevisionNumber
from diagrams.api.throttles import WRITES
from diagrams.core.exporters import EXPORTERS
from diagrams.core.importers import SourceDocument
from diagrams.core.rendering import RenderError

router = Router()

_EXPORT_CONTENT = {
    media: {"schema": {"type": "string", "format": "binary"}}
    for media in sorted({e.media_type for e in EXPORTERS.values()})
}


@router.get(
    "/jobs/{code}", response={200: JobOut, **documented(404, 422)}, url_name="job", tags=["jobs"]
)
def job_get(request: HttpRequest, code: UUID) -> dict[str, Any]:
    """A job's state; once it succeeded, ``revision_url`` is the revision it made."""
    return present.job_body(selectors.job_get(user=api_user(request), code=code))


@router.get("/formats", response={200: list[ExportFormatOut], **documented()}, tags=["exports"])
def format_list(request: HttpRequest) -> list[dict[str, str]]:
    """The export formats a revision can be downloaded in."""
    return [
        {"name": e.name, "label": e.label, "media_type": e.media_type, "extension": e.extension}
        for e in EXPORTERS.values()
    ]


@router.get(
    "/diagrams/{code}/revisions/{number}/exports/{fmt}",
    response={200: None, **documented(404, 422, 503)},
    tags=["exports"],
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, in the format's media type.",
                "content": _EXPORT_CONTENT,
            }
        }
    },
)
def revision_export(
    request: HttpRequest, code: UUID, number: RevisionNumber, fmt: str
) -> HttpResponse:
    """Revision ``number`` as a file in format ``fmt`` (see ``GET /formats``)."""
    diagram = selectors.diagram_get(user=api_user(request), code=code)
    revision = selectors.revision_get(diagram=diagram, number=number)
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise Http404(f"Unknown export format '{fmt}'; see GET /api/v1/formats.")
    try:
        data = services.revision_export(revision=revision, fmt=fmt)
    except RenderError as exc:
        return error_response(503, str(exc))
    response = HttpResponse(data, content_type=exporter.media_type)
    filename = pages.export_filename(revision, exporter.extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.post(
    "/imports/asyncapi",
    response={201: ImportOut, **documented(400, 413, 422)},
    throttle=WRITES,
    tags=["imports"],
)
def asyncapi_import(request: HttpRequest, body: ImportIn) -> Status[Any]:
    """A new diagram from AsyncAPI 3.0 documents (YAML or JSON), one per application of one
    system; channels with the same address are merged. A bad document is a 400 naming it.
    Each document may be up to 1 MB, the whole request body up to 2.5 MB."""
    documents = [SourceDocument(d.name, d.content) for d in body.documents]
    diagram = services.diagram_import(owner=api_user(request), documents=documents)
    revision = selectors.revision_get(diagram=diagram, number=1)
    return Status(
        201,
        {
            "diagram": present.diagram_detail_body(diagram),
            "revision": present.revision_body(revision),
        },
    )
