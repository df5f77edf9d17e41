"""The JSON API (``/api/v1/``): django-ninja, OpenAPI generated from the schemas.

Authentication: ``Authorization: Bearer <personal token>`` or the browser session (with
CSRF). Every error is ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, path
from ninja import NinjaAPI
from ninja.operation import Operation

from diagrams.api import routes_diagrams, routes_other
from diagrams.api.auth import API_AUTH
from diagrams.api.errors import install_error_handlers, json_errors, not_found_view


class _Api(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The view's own name (diagram_create, revision_export, ...) reads better in clients.
        return str(operation.view_func.__name__)


api = _Api(
    title="InfraSketch API",
    version="1",
    description=(
        "Sketch event-driven systems from plain English, refine them by chat, export them and "
        "import AsyncAPI documents. Authenticate with `Authorization: Bearer <token>` (create "
        "a token under Settings → API tokens) or the browser session. Long work answers 202 "
        'with a job to poll. Errors are `{"error": {"code", "message", "details"}}`.'
    ),
    urls_namespace="api-v1",
    auth=API_AUTH,
)
install_error_handlers(api)
api.add_router("", routes_diagrams.router)
api.add_router("", routes_other.router)


def _wrapped(patterns: list[Any]) -> list[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = json_errors(pattern.callback)
    return patterns


def api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """``api.urls`` with JSON 405s, plus a JSON 404 for any other path under the API."""
    patterns, app_name, namespace = api.urls
    return (
        [*_wrapped(list(patterns)), path("<path:rest>", not_found_view)],
        app_name,
        namespace,
    )
