"""Presentation helpers shared by the views: page context, job JSON, export responses."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from diagrams import selectors, services, timeline
from diagrams.core.graph import parse_graph, slugify
from diagrams.core.rendering import RenderError
from diagrams.forms import RefineForm
from diagrams.models import Diagram, Job, Revision

_SVG_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_SVG_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MAX_REVISIONS_SHOWN = 200
DERIVED_CACHE_SECONDS = 24 * 3600

# One click fills the prompt box: each shows a pattern the planner knows.
EXAMPLE_PROMPTS: tuple[tuple[str, str], ...] = (
    (
        "Order saga on Kafka",
        "Design an event-driven order processing system with Kafka as the event bus. Include "
        "order service, payment service, inventory service, and shipping service, with a "
        "choreographed saga and compensating transactions.",
    ),
    (
        "SNS/SQS fan-out",
        "A user service publishes UserRegistered events to Amazon SNS, which fans out to three "
        "SQS queues consumed by the email service, the analytics service and the billing service.",
    ),
    (
        "CQRS with event sourcing",
        "An account service with CQRS and event sourcing: commands append events to an event "
        "store, a projector builds a read model that the query API serves.",
    ),
    (
        "Orchestrated saga on RabbitMQ",
        "A travel booking system on RabbitMQ where a booking orchestrator runs a saga across "
        "flight, hotel and car rental services, compensating each booking when a later one fails.",
    ),
)


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
        "age_seconds": round((timezone.now() - job.created).total_seconds(), 1),
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


def _svg(revision: Revision | None) -> tuple[SafeString | None, str]:
    if revision is None:
        return None, ""
    try:
        return inline_svg(services.revision_export(revision=revision, fmt="svg")), ""
    except RenderError as exc:
        return None, str(exc)


def diagram_context(*, diagram: Diagram, number: str | None) -> dict[str, Any]:
    """Everything the diagram page and its live fragment show, for revision ``number``
    (the latest when None)."""
    # Jobs first: a job commits its revision and its "succeeded" together, so a job read as
    # finished here has its revision in the reads below. Read the other way round, a job that
    # finished in between left a page with no revision and nothing to wait for.
    active = selectors.job_active(diagram=diagram)
    last = selectors.job_last(diagram=diagram)
    revision = _revision_shown(diagram, number)
    svg, render_error = _svg(revision)
    revisions = list(selectors.revision_list(diagram=diagram)[:MAX_REVISIONS_SHOWN])
    latest = revisions[0] if revisions else None
    entries = timeline.timeline(revisions)
    shown = next((e for e in entries if revision and e.revision.pk == revision.pk), None)
    return {
        "diagram": diagram,
        "revision": revision,
        "latest": latest,
        "viewing_latest": revision is None or latest is None or revision.pk == latest.pk,
        "revisions": revisions,
        "timeline": entries,
        "added_ids": shown.diff.added_ids if shown and shown.revision.number > 1 else [],
        "conversation": timeline.conversation(prompt=diagram.prompt, revisions=revisions),
        "svg": svg,
        "render_error": render_error,
        "active_job": active,
        "active_job_text": timeline.job_text(active) if active is not None else "",
        "failed_job": last if last is not None and last.status == "failed" else None,
        "graph": revision.graph if revision is not None else None,
        "exports": export_formats(),
        "document": design_doc_html(revision),
        "findings": design_findings(revision),
    }


def export_formats() -> list[dict[str, str]]:
    """The export menu: every registered format, in the registry's order."""
    from diagrams.core.exporters import EXPORTERS

    return [
        {"name": e.name, "label": e.label, "extension": e.extension} for e in EXPORTERS.values()
    ]


def design_doc_html(revision: Revision | None) -> SafeString | None:
    """The revision's design document as sanitized HTML (cached: revisions never change)."""
    if revision is None:
        return None
    from django.core.cache import cache

    from diagrams.core.designdoc import design_document, designdoc_html

    def build() -> str:
        return designdoc_html(design_document(parse_graph(revision.graph)))

    html = cache.get_or_set(f"designdoc-html:v1:{revision.pk}", build, DERIVED_CACHE_SECONDS)
    # designdoc_html sanitizes with nh3: no script, handler or javascript: URL survives.
    return mark_safe(str(html))


def design_findings(revision: Revision | None) -> list[dict[str, Any]]:
    """The design checks' findings for the revision, most severe first."""
    if revision is None:
        return []
    from django.core.cache import cache

    from diagrams.core.lint import lint

    def build() -> list[dict[str, Any]]:
        return [f.to_json() for f in lint(parse_graph(revision.graph))]

    found = cache.get_or_set(f"findings:v1:{revision.pk}", build, DERIVED_CACHE_SECONDS)
    return list(found or [])


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


def revision_restored(request: HttpRequest, revision: Revision) -> HttpResponse:
    """The answer to a restore: JSON for the page script, otherwise back to the diagram."""
    if _wants_json(request):
        url = reverse("diagram", kwargs={"code": revision.diagram.code})
        return JsonResponse({"revision": revision.number, "diagram_url": url}, status=201)
    return redirect("diagram", code=revision.diagram.code)
