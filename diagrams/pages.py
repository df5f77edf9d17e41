"""Presentation helpers shared by the views: page context, job JSON, export responses."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from diagrams import selectors, services
from diagrams.core.graph import slugify
from diagrams.core.rendering import RenderError
from diagrams.forms import RefineForm
from diagrams.models import Diagram, Job, Revision

_SVG_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_SVG_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def job_json(job: Job) -> dict[str, Any]:
    revision = getattr(job, "revision", None)
    return {
        "code": str(job.code),
        "kind": job.kind,
        "status": job.status,
        "error": job.error if job.status == "failed" else "",
        "attempts": job.attempts,
        "waiting_for_worker": job.status == "pending" and job.attempts == 0,
        "revision": revision.number if revision is not None else None,
        "url": reverse("job_status", kwargs={"code": job.code}),
        "diagram_url": reverse("diagram", kwargs={"code": job.diagram.code}),
    }


def job_accepted(request: HttpRequest, job: Job) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(job_json(job), status=202)
    return redirect("diagram", code=job.diagram.code)


def form_rejected(request: HttpRequest, diagram: Diagram, form: RefineForm) -> HttpResponse:
    if _wants_json(request):
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return JsonResponse(
            {"error": {"code": "invalid", "message": message, "details": form.errors}}, status=400
        )
    context = diagram_context(diagram=diagram, number=None)
    return render(request, "diagrams/diagram.html", {**context, "refine_form": form}, status=400)


def inline_svg(svg: bytes) -> SafeString:
    """Graphviz's SVG without its XML prolog, ready to sit inside a page.

    Graphviz escapes every label and tooltip it writes, so the text is safe to inline.
    """
    text = _SVG_COMMENT.sub("", _SVG_PROLOG.sub("", svg.decode("utf-8")))
    return mark_safe(text)


def _revision_shown(diagram: Diagram, number: str | None) -> Revision | None:
    if number and number.isdigit():
        return selectors.revision_get(diagram=diagram, number=int(number))
    return selectors.revision_latest(diagram=diagram)


def diagram_context(*, diagram: Diagram, number: str | None) -> dict[str, Any]:
    revision = _revision_shown(diagram, number)
    svg, render_error = None, ""
    if revision is not None:
        try:
            svg = inline_svg(services.revision_export(revision=revision, fmt="svg"))
        except RenderError as exc:
            render_error = str(exc)
    active = selectors.job_active(diagram=diagram)
    last = selectors.job_last(diagram=diagram)
    return {
        "diagram": diagram,
        "revision": revision,
        "latest": selectors.revision_latest(diagram=diagram),
        "revisions": selectors.revision_list(diagram=diagram),
        "svg": svg,
        "render_error": render_error,
        "active_job": active,
        "failed_job": last if last is not None and last.status == "failed" else None,
        "graph": revision.graph if revision is not None else None,
    }


def export_filename(revision: Revision, extension: str) -> str:
    title = slugify(revision.diagram.title, fallback="diagram")[:60]
    return f"{title}-r{revision.number}.{extension}"


def export_response(revision: Revision, fmt: str, *, download: bool) -> HttpResponse:
    from diagrams.core.exporters import EXPORTERS

    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise Http404(f"Unknown export format '{fmt}'")
    try:
        data = services.revision_export(revision=revision, fmt=fmt)
    except RenderError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=exporter.media_type)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{export_filename(revision, exporter.extension)}"'
    )
    response["Content-Security-Policy"] = SVG_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response
