"""Thin views: decorators, a form, one service call, a redirect or a render."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagrams import pages, selectors, services
from diagrams.forms import PromptForm, RefineForm


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form: UserCreationForm[Any] = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.save())
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    form = PromptForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        try:
            job = services.diagram_create(owner=request.user, prompt=form.cleaned_data["prompt"])
        except services.RateLimitedError as exc:
            form.add_error("prompt", str(exc))
            limited = True
        else:
            return pages.job_accepted(request, job)
    diagrams = selectors.diagram_list(user=request.user)[:100]
    status = 429 if limited else 400 if form.errors else 200
    context = {"form": form, "diagrams": diagrams, "examples": pages.EXAMPLE_PROMPTS}
    return render(request, "diagrams/home.html", context, status=status)


@login_required
@require_GET
def diagram_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    diagram = selectors.diagram_get(user=request.user, code=code)
    context = pages.diagram_context(diagram=diagram, number=request.GET.get("r"))
    return render(request, "diagrams/diagram.html", {**context, "refine_form": RefineForm()})


@login_required
@require_GET
def diagram_fragment(request: HttpRequest, code: UUID) -> HttpResponse:
    """The page's live regions (canvas, chat, timeline, design doc) for an in-place update."""
    diagram = selectors.diagram_get(user=request.user, code=code)
    context = pages.diagram_context(diagram=diagram, number=request.GET.get("r"))
    return render(request, "diagrams/_live.html", context)


@login_required
@require_POST
def diagram_refine(request: HttpRequest, code: UUID) -> HttpResponse:
    diagram = selectors.diagram_get(user=request.user, code=code)
    form = RefineForm(request.POST)
    if form.is_valid():
        try:
            job = services.diagram_refine(
                diagram=diagram, instruction=form.cleaned_data["instruction"]
            )
        except services.ServiceError as exc:
            form.add_error("instruction", str(exc))
        else:
            return pages.job_accepted(request, job)
    return pages.form_rejected(request, diagram, form)


@login_required
@require_GET
def job_status(request: HttpRequest, code: UUID) -> JsonResponse:
    job = selectors.job_get(user=request.user, code=code)
    return JsonResponse(pages.job_json(job))


@login_required
@require_POST
def job_retry(request: HttpRequest, code: UUID) -> HttpResponse:
    job = selectors.job_get(user=request.user, code=code)
    try:
        retry = services.job_retry(job=job)
    except services.ServiceError as exc:
        return JsonResponse({"error": {"code": "conflict", "message": str(exc)}}, status=409)
    return pages.job_accepted(request, retry)


@login_required
@require_POST
def revision_restore(request: HttpRequest, code: UUID, number: int) -> HttpResponse:
    diagram = selectors.diagram_get(user=request.user, code=code)
    selectors.revision_get(diagram=diagram, number=number)
    revision = services.revision_restore(diagram=diagram, number=number)
    return pages.revision_restored(request, revision)


@login_required
@require_GET
def revision_export(request: HttpRequest, code: UUID, number: int, fmt: str) -> HttpResponse:
    diagram = selectors.diagram_get(user=request.user, code=code)
    revision = selectors.revision_get(diagram=diagram, number=number)
    return pages.export_response(revision, fmt, download=request.GET.get("inline") != "1")
