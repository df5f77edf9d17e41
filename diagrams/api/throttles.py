"""Rate limits for the API's expensive writes (planning jobs, imports), per user."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle


class WriteThrottle(SimpleRateThrottle):
    """``settings.API_WRITE_RATE`` (e.g. ``"30/m"``) writes per authenticated user."""

    scope = "api-write"

    def __init__(self) -> None:
        super().__init__(settings.API_WRITE_RATE)

    def get_cache_key(self, request: HttpRequest) -> str:
        user = getattr(request, "auth", None)
        ident = str(user.pk) if user is not None else str(self.get_ident(request))
        return self.cache_format % {"scope": self.scope, "ident": ident}


WRITES: list[BaseThrottle] = [WriteThrottle()]
