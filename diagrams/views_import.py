"""Import AsyncAPI documents (uploaded files or pasted text) into a new diagram."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from diagrams import services
from diagrams.core.importers import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENTS,
    AsyncApiImportError,
    SourceDocument,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportForm(forms.Form):
    uploads = MultipleFileField(
        label="AsyncAPI 3.0 documents (YAML or JSON), one per service",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".yaml,.yml,.json"}),
    )
    text = forms.CharField(
        label="…or paste one document",
        required=False,
        max_length=MAX_DOCUMENT_BYTES,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "asyncapi: 3.0.0\ninfo: …"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        files: list[UploadedFile] = data.get("uploads") or []
        if len(files) > MAX_DOCUMENTS:
            raise forms.ValidationError(f"Import at most {MAX_DOCUMENTS} documents at once.")
        for f in files:
            if (f.size or 0) > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError(
                    f"{f.name}: the document is {(f.size or 0) / 1e6:.1f} MB; documents over "
                    f"{MAX_DOCUMENT_BYTES / 1e6:g} MB are not imported."
                )
        if not files and not str(data.get("text", "")).strip():
            raise forms.ValidationError("Choose AsyncAPI files or paste a document.")
        return data

    def documents(self) -> list[SourceDocument]:
        found = [SourceDocument(f.name or "upload", f.read()) for f in self.cleaned_data["uploads"]]
        if self.cleaned_data["text"].strip():
            found.append(SourceDocument("pasted document", self.cleaned_data["text"]))
        return found


@login_required
@require_http_methods(["GET", "POST"])
def diagram_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            diagram = services.diagram_import(owner=request.user, documents=form.documents())
        except AsyncApiImportError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("diagram", code=diagram.code)
    status = 400 if form.errors else 200
    return render(request, "diagrams/import.html", {"form": form}, status=status)
