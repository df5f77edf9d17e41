"""Share links: the owner's management page and the public, read-only shared pages.

A shared page shows the diagram's latest revision, its design document and its exports; it
has no chat, no history, no restore and no delete. Responses are never cached, so a revoked
link stops working at once, and carry no referrer, so the token does not leak to other sites.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagrams import pages, selectors, services, sharing
from diagrams.core.graph import parse_graph
from diagrams.core.rendering import RenderError
from diagrams.models import Revision, ShareLink

View = Callable[..., HttpResponse]


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label="Who is it for?",
        max_length=sharing.MAX_LABEL,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. the payments team"}),
        error_messages={"max_length": "Keep it under %(limit_value)s characters."},
    )


def _shared(view: View) -> View:
    """Public, read-only: never cached, never indexed, no referrer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _share_rows(request: HttpRequest, links: Any) -> list[tuple[ShareLink, str]]:
    return [
        (link, request.build_absolute_uri(reverse("shared_diagram", args=[link.token])))
        for link in links
    ]


@login_required
@require_http_methods(["GET", "POST"])
def share_manage(request: HttpRequest, code: UUID) -> HttpResponse:
    diagram = selectors.diagram_get(user=request.user, code=code)
    form = ShareLinkForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            sharing.share_link_create(diagram=diagram, label=form.cleaned_data["label"])
        except sharing.ShareError as exc:
            form.add_error("label", str(exc))
        else:
            return redirect("share_manage", code=diagram.code)
    rows = _share_rows(request, sharing.share_link_list(diagram=diagram))
    context = {"diagram": diagram, "form": form, "rows": rows}
    status = 400 if form.errors else 200
    return render(request, "diagrams/share_manage.html", context, status=status)


@login_required
@require_POST
def share_revoke(request: HttpRequest, code: UUID, link_id: int) -> HttpResponse:
    diagram = selectors.diagram_get(user=request.user, code=code)
    sharing.share_link_revoke(diagram=diagram, link_id=link_id)
    return redirect("share_manage", code=diagram.code)


def _exporters() -> list[Any]:
    from diagrams.core.exporters import EXPORTERS

    return list(EXPORTERS.values())


def _drawing(revision: Revision | None) -> dict[str, Any]:
    if revision is None:
        return {"svg": None, "render_error": ""}
    try:
        svg = pages.inline_svg(services.revision_export(revision=revision, fmt="svg"))
    except RenderError as exc:
        return {"svg": None, "render_error": str(exc)}
    return {"svg": svg, "render_error": ""}


def _latest(link: ShareLink) -> Revision:
    revision = selectors.revision_latest(diagram=link.diagram)
    if revision is None:
        raise Http404("This diagram has not been drawn yet")
    return revision


@_shared
@require_GET
def shared_diagram(request: HttpRequest, token: str) -> HttpResponse:
    link = sharing.share_link_resolve(token=token)
    revision = selectors.revision_latest(diagram=link.diagram)
    context: dict[str, Any] = {"link": link, "diagram": link.diagram, "revision": revision}
    context.update(_drawing(revision), exporters=_exporters())
    return render(request, "diagrams/share_page.html", context)


@_shared
@require_GET
def shared_document(request: HttpRequest, token: str) -> HttpResponse:
    from diagrams.core.designdoc import design_document, designdoc_html

    link = sharing.share_link_resolve(token=token)
    revision = _latest(link)
    image = reverse("shared_export", args=[token, "svg"]) + "?inline=1"
    markdown_text = design_document(parse_graph(revision.graph), image_url=image)
    # designdoc_html sanitizes (nh3 allow-list): no script, handler or javascript: URL.
    document = mark_safe(designdoc_html(markdown_text))
    context = {"link": link, "diagram": link.diagram, "revision": revision, "document": document}
    return render(request, "diagrams/share_document.html", context)


@_shared
@require_GET
def shared_export(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    revision = _latest(sharing.share_link_resolve(token=token))
    return pages.export_response(revision, fmt, download=request.GET.get("inline") != "1")
