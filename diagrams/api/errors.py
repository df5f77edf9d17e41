"""Every API error is JSON of one shape: ``{"error": {"code", "message", "details"}}``.

Exception handlers cover what an operation raises; ``json_errors`` wraps the URL callbacks so
that what ninja answers by itself (405 for a wrong method) has the same shape.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from diagrams.core.importers import AsyncApiImportError
from diagrams.services import ServiceError

log = logging.getLogger(__name__)


class ErrorBody(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    error: ErrorBody


STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "internal",
    503: "unavailable",
}


def error_response(status: int, message: str, details: Any = None, code: str = "") -> JsonResponse:
    body = {"code": code or STATUS_CODES.get(status, "error"), "message": message}
    return JsonResponse({"error": {**body, "details": details}}, status=status)


# Names of the operations' schema parameters, which ninja puts in error locations.
_PARAM_NAMES = {"body", "page"}


def _where(loc: list[Any]) -> str:
    parts = [str(p) for i, p in enumerate(loc) if i == 0 or p not in _PARAM_NAMES]
    return ".".join(parts)


def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")}
        for e in exc.errors
    ]
    if not details:
        return error_response(422, "The request is not valid.", details)
    where, first = _where(details[0]["loc"]), details[0]["msg"]
    return error_response(422, f"{where}: {first}" if where else first, details)


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    messages = {401: "Send 'Authorization: Bearer <token>' or sign in.", 429: str(exc)}
    return error_response(exc.status_code, messages.get(exc.status_code, str(exc)))


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = f" Retry in {int(exc.wait) + 1} s." if exc.wait is not None else ""
    return error_response(429, "Too many requests." + wait, {"retry_after": exc.wait})


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, str(exc) or "Not found.")


def _conflict(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is None:
        return error_response(409, str(exc))
    # The services' per-user job limit (RateLimitedError).
    response = error_response(429, str(exc), {"retry_after": retry_after})
    response["Retry-After"] = str(retry_after)
    return response


def _bad_document(request: HttpRequest, exc: AsyncApiImportError) -> HttpResponse:
    details = {"document": exc.document, "location": exc.location}
    return error_response(400, str(exc), details, code="invalid_document")


def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(413, "The request body is too large.")


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API request %s %s failed", request.method, request.path)
    return error_response(500, "Something went wrong on our side; it has been logged.")


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's ``{"detail": ...}`` errors with the stable error shape."""
    handlers: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
        (Exception, _unexpected),
        (Http404, _not_found),
        (HttpError, _http_error),
        (AuthenticationError, _http_error),
        (Throttled, _throttled),
        (ValidationError, _validation),
        (ServiceError, _conflict),
        (AsyncApiImportError, _bad_document),
        (RequestDataTooBig, _too_big),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)


def _is_json(response: HttpResponseBase) -> bool:
    return str(response.get("Content-Type", "")).startswith("application/json")


def json_errors(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Turn any non-JSON error response of ``view`` into the stable JSON error shape."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            # ninja's own views (the API root) raise it outside the exception handlers.
            return not_found_view(request)
        if response.status_code < 400 or _is_json(response):
            return response
        message = {405: f"{request.method} is not allowed here."}.get(
            response.status_code, "The request failed."
        )
        replacement = error_response(response.status_code, message)
        if response.has_header("Allow"):
            replacement["Allow"] = response["Allow"]
        return replacement

    return wrapped


def not_found_view(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown paths under the API answer JSON, not the site's HTML 404 page."""
    return error_response(404, f"No API endpoint at {request.path}.")


def documented(*codes: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for the error statuses an operation can answer: any request can
    be malformed (400), unauthenticated (401), fail the session's CSRF check (403) or be
    rate-limited (429)."""
    return {code: ErrorOut for code in (400, 401, 403, 429, *codes)}
