"""API authentication: a personal token (``Authorization: Bearer isk_…``) or, for same-site
calls from the app's own pages, the browser session with Django's CSRF check."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from diagrams.tokens import token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return token_authenticate(raw=token)


class BrowserSessionAuth(SessionAuth):
    """The session cookie; unsafe methods must carry the CSRF token (``X-CSRFToken``)."""

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any | None:
        # Without a signed-in session there is nothing to protect: answer 401, not a CSRF 403.
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


API_AUTH = [TokenAuth(), BrowserSessionAuth()]


def api_user(request: HttpRequest) -> Any:
    """The user the request authenticated as (ninja sets ``request.auth``)."""
    return request.auth  # type: ignore[attr-defined]
