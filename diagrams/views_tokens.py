"""Settings → API tokens: create (the raw token is shown once, on the response) and revoke."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from diagrams import tokens


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": "CI pipeline"}),
        error_messages={"required": "Name the token, e.g. after the script that uses it."},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = tokens.token_create(user=request.user, name=form.cleaned_data["name"])
        except tokens.TokenError as exc:
            form.add_error("name", str(exc))
        else:
            form = TokenForm()
    context = {"form": form, "tokens": tokens.token_list(user=request.user), "created": created}
    return render(request, "diagrams/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    tokens.token_revoke(user=request.user, token_id=token_id)
    return redirect("api_tokens")
