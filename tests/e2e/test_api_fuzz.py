"""Schemathesis fuzzes the JSON API through its OpenAPI description, on a real server with a
worker: no 500s, and every response (errors included) matches the description."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from tests.support.stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "asyncapi"
EXAMPLES_PER_OPERATION = 20

_SEED = """
import json, pathlib
from django.contrib.auth import get_user_model
from diagrams import services, tokens
from diagrams.core.importers import SourceDocument
user, _ = get_user_model().objects.get_or_create(username="fuzzer")
docs = [SourceDocument(p.name, p.read_text()) for p in sorted(pathlib.Path("{fixtures}").glob("*.yaml"))]
diagram = services.diagram_import(owner=user, documents=docs)
print(json.dumps({{"token": tokens.token_create(user=user, name="fuzz").raw, "code": str(diagram.code)}}))
"""


# Any string is a schema-valid document, but most strings are not AsyncAPI: the import answers
# them 400 with the reason. A body over the upload limit is a 413, which schemathesis's
# negative-data check does not count as a rejection; ``run`` checks every error is a 4xx.
_EXCLUDED = {
    "/api/v1/imports/asyncapi": [
        checks.positive_data_acceptance,
        checks.negative_data_rejection,
    ]
}


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    # A generous write rate: the fuzzer's imports must not all end in 429s.
    with Stack(
        workers=1, extra_env={"API_WRITE_RATE": "100000/m", "RATE_LIMIT_JOBS": "100000"}
    ) as running:
        yield running


@pytest.fixture(scope="module")
def seeded(stack: Stack) -> dict[str, str]:
    out = stack.manage("shell", "-c", _SEED.format(fixtures=FIXTURES))
    found: dict[str, str] = json.loads(out.strip().splitlines()[-1])
    return found


@pytest.fixture(scope="module")
def api_schema(stack: Stack) -> Any:
    return schemathesis.openapi.from_url(stack.url + "/api/v1/openapi.json")


def _fuzz(operation: Any, strategy: Any, stack: Stack, token: str) -> int:
    calls = []

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call_and_validate(
            base_url=stack.url,
            headers={"Authorization": f"Bearer {token}"},
            excluded_checks=_EXCLUDED.get(operation.path, []),
        )
        calls.append(response.status_code)
        if response.status_code >= 400:
            assert "error" in response.json(), response.text[:500]

    run()
    assert calls and max(calls) < 500, operation.label
    return len(calls)


def _operations(api_schema: Any) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_every_generated_request_as_described(
    api_schema: Any, stack: Stack, seeded: dict[str, str], mode: GenerationMode
) -> None:
    calls = 0
    for operation in _operations(api_schema):
        calls += _fuzz(
            operation, operation.as_strategy(generation_mode=mode), stack, seeded["token"]
        )
    assert calls >= 10 * len(_operations(api_schema))


def test_requests_on_an_existing_diagram_answer_as_described(
    api_schema: Any, stack: Stack, seeded: dict[str, str]
) -> None:
    # Random UUIDs only ever meet 404s: aim at a diagram and revision that exist too.
    for operation in _operations(api_schema):
        names = {p.name for p in operation.iter_parameters() if p.location == "path"}
        if "code" not in names or "/jobs/" in operation.path:
            continue
        fixed = {"code": seeded["code"], **({"number": 1} if "number" in names else {})}
        strategy = operation.as_strategy(path_parameters=fixed)
        _fuzz(operation, strategy, stack, seeded["token"])


def test_the_openapi_document_describes_every_route(stack: Stack) -> None:
    import requests

    spec = requests.get(stack.url + "/api/v1/openapi.json", timeout=10).json()
    paths = set(spec["paths"])
    assert {
        "/api/v1/diagrams",
        "/api/v1/diagrams/{code}/refine",
        "/api/v1/diagrams/{code}/revisions/{number}/restore",
        "/api/v1/diagrams/{code}/revisions/{number}/exports/{fmt}",
        "/api/v1/diagrams/{code}/revisions/{number}/design-document",
        "/api/v1/jobs/{code}",
        "/api/v1/imports/asyncapi",
    } <= paths
    assert all(re.match(r"^/api/v1/", p) for p in paths)


def test_the_docs_page_renders_offline_under_the_sites_policy(stack: Stack, browser: Any) -> None:
    page = browser.new_page()
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((stack.url, "data:")) else elsewhere.append(r.url),
    )
    response = page.goto(stack.url + "/api/v1/docs")
    assert response.status == 200
    # The site's policy (when set) allows this site's scripts only: no CDN, no inline script.
    assert "cdn" not in response.headers.get("content-security-policy", "")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 11
    assert page.locator(".title").first.inner_text().startswith("InfraSketch API")
    assert elsewhere == []
    page.close()
