"""Every URL pattern x owner / other user / anonymous, generated from the URL configuration.

The parameters come from walking the resolver, not from ENTRIES: a new URL pattern without an
entry here fails ``test_every_url_pattern_has_an_access_rule`` and its own matrix cells.

Access rules:
- OWNER: the URL names one owner's object. The owner gets ``ok``; any other user 404; an
  anonymous visitor is sent to log in (or gets ``anonymous`` when set, e.g. 401 for the API).
- USER: any signed-in user gets ``ok`` (their own data); anonymous visitors log in first.
- PUBLIC: everyone gets ``ok`` (log in, log out, sign up).
- SHARE: everyone holding an active share token gets ``ok``; a revoked token is 404.

Besides the status, other users and anonymous visitors must change nothing (row counts) and
must never see the owner's diagram code or title outside a share link.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from diagrams import services, sharing, tokens
from diagrams.core.exporters import EXPORTERS
from diagrams.core.graph import parse_graph
from diagrams.models import ApiToken, Diagram, Job, JobStatus, Revision, ShareLink
from tests.app.conftest import PASSWORD
from tests.app.factories import SMALL_GRAPH, drawn_diagram

pytestmark = pytest.mark.django_db

OWNER, USER, PUBLIC, SHARE = "owner", "user", "public", "share"
PERSONAS = ("owner", "other", "anonymous")
SECRET_TITLE = "Zebra Ledger Internal Topology"


@dataclass(frozen=True)
class World:
    diagram: Diagram
    failed_job: Job
    link: ShareLink
    token: ApiToken


@dataclass(frozen=True)
class Rule:
    access: str
    url: Callable[[World], str]
    method: str = "GET"
    data: dict[str, Any] | None = None
    ok: int = 200
    anonymous: int | None = None  # None: redirected to the login page
    json: bool = False


def api(access: str, url: Callable[[World], str], method: str = "GET", **kw: Any) -> Rule:
    """An API operation: JSON bodies, and 401 (not a login redirect) without credentials."""
    return Rule(access, url, method, anonymous=401, json=True, **kw)


def _code(w: World) -> str:
    return str(w.diagram.code)


def _d(w: World) -> str:
    return f"/api/v1/diagrams/{w.diagram.code}"


def _asyncapi_document() -> str:
    return EXPORTERS["asyncapi"].export(parse_graph(SMALL_GRAPH)).decode("utf-8")


ENTRIES: dict[str, Rule | tuple[Rule, ...]] = {
    "accounts/login/": Rule(PUBLIC, lambda w: "/accounts/login/"),
    "accounts/logout/": Rule(PUBLIC, lambda w: "/accounts/logout/", "POST", ok=302),
    "accounts/password_change/": Rule(USER, lambda w: "/accounts/password_change/"),
    "accounts/password_change/done/": Rule(USER, lambda w: "/accounts/password_change/done/"),
    "": Rule(USER, lambda w: "/"),
    "signup/": Rule(PUBLIC, lambda w: "/signup/"),
    "import/": Rule(USER, lambda w: "/import/"),
    "settings/tokens/": Rule(USER, lambda w: "/settings/tokens/"),
    "settings/tokens/<int:token_id>/revoke/": Rule(
        OWNER, lambda w: f"/settings/tokens/{w.token.pk}/revoke/", "POST", ok=302
    ),
    "d/<uuid:code>/": Rule(OWNER, lambda w: f"/d/{_code(w)}/"),
    "d/<uuid:code>/refine/": Rule(
        OWNER, lambda w: f"/d/{_code(w)}/refine/", "POST", {"instruction": "Add a cache"}, 302
    ),
    "d/<uuid:code>/live/": Rule(OWNER, lambda w: f"/d/{_code(w)}/live/"),
    "d/<uuid:code>/r/<int:number>/restore/": Rule(
        OWNER, lambda w: f"/d/{_code(w)}/r/1/restore/", "POST", ok=302
    ),
    "d/<uuid:code>/r/<int:number>/export/<slug:fmt>/": Rule(
        OWNER, lambda w: f"/d/{_code(w)}/r/1/export/svg/"
    ),
    "jobs/<uuid:code>/": Rule(OWNER, lambda w: f"/jobs/{w.failed_job.code}/"),
    "jobs/<uuid:code>/retry/": Rule(
        OWNER, lambda w: f"/jobs/{w.failed_job.code}/retry/", "POST", ok=302
    ),
    "d/<uuid:code>/share/": Rule(OWNER, lambda w: f"/d/{_code(w)}/share/"),
    "d/<uuid:code>/share/<int:link_id>/revoke/": Rule(
        OWNER, lambda w: f"/d/{_code(w)}/share/{w.link.pk}/revoke/", "POST", ok=302
    ),
    "s/<slug:token>/": Rule(SHARE, lambda w: f"/s/{w.link.token}/"),
    "s/<slug:token>/doc/": Rule(SHARE, lambda w: f"/s/{w.link.token}/doc/"),
    "s/<slug:token>/export/<slug:fmt>/": Rule(SHARE, lambda w: f"/s/{w.link.token}/export/png/"),
    # The API: documentation is public; every operation needs a token or a session.
    "api/docs": Rule(PUBLIC, lambda w: "/api/docs", ok=302),
    "api/openapi.json": Rule(PUBLIC, lambda w: "/api/openapi.json", ok=302),
    "api/v1/docs": Rule(PUBLIC, lambda w: "/api/v1/docs"),
    "api/v1/openapi.json": Rule(PUBLIC, lambda w: "/api/v1/openapi.json"),
    "api/v1/": Rule(PUBLIC, lambda w: "/api/v1/", ok=404),
    "api/v1/<path:rest>": Rule(PUBLIC, lambda w: "/api/v1/no/such/thing", ok=404),
    "api/v1/formats": api(USER, lambda w: "/api/v1/formats"),
    "api/v1/diagrams": (
        api(USER, lambda w: "/api/v1/diagrams"),
        api(USER, lambda w: "/api/v1/diagrams", "POST", data={"prompt": "orders"}, ok=202),
    ),
    "api/v1/imports/asyncapi": api(
        USER,
        lambda w: "/api/v1/imports/asyncapi",
        "POST",
        data={"documents": [{"name": "orders.yaml", "content": _asyncapi_document()}]},
        ok=201,
    ),
    "api/v1/diagrams/<code>": api(OWNER, _d),
    "api/v1/diagrams/<code>/refine": api(
        OWNER, lambda w: f"{_d(w)}/refine", "POST", data={"instruction": "Add a cache"}, ok=202
    ),
    "api/v1/diagrams/<code>/revisions": api(OWNER, lambda w: f"{_d(w)}/revisions"),
    "api/v1/diagrams/<code>/revisions/<number>": api(OWNER, lambda w: f"{_d(w)}/revisions/1"),
    "api/v1/diagrams/<code>/revisions/<number>/design-document": api(
        OWNER, lambda w: f"{_d(w)}/revisions/1/design-document"
    ),
    "api/v1/diagrams/<code>/revisions/<number>/exports/<fmt>": api(
        OWNER, lambda w: f"{_d(w)}/revisions/1/exports/svg"
    ),
    "api/v1/diagrams/<code>/revisions/<number>/restore": api(
        OWNER, lambda w: f"{_d(w)}/revisions/1/restore", "POST", ok=201
    ),
    "api/v1/jobs/<code>": api(OWNER, lambda w: f"/api/v1/jobs/{w.failed_job.code}"),
}


def _rules(route: str) -> tuple[Rule, ...]:
    entry = ENTRIES.get(route)
    assert entry is not None, f"no access rule for URL pattern {route!r}: add one to ENTRIES"
    return entry if isinstance(entry, tuple) else (entry,)


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


def _access(route: str) -> str | None:
    entry = ENTRIES.get(route)
    if entry is None:
        return None
    return (entry if isinstance(entry, tuple) else (entry,))[0].access


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Autouse fixtures run first, so every cell's users are hashed cheaply.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(owner: Any, monkeypatch: Any) -> World:
    cache.clear()
    # Access is under test, not planning: accepted jobs stay PENDING.
    monkeypatch.setattr(services, "job_enqueue", lambda job: None)
    diagram = drawn_diagram(owner)
    Diagram.objects.filter(pk=diagram.pk).update(title=SECRET_TITLE)
    diagram.refresh_from_db()
    failed = Job.objects.create(
        diagram=diagram, kind="plan", instruction="orders", status=JobStatus.FAILED
    )
    link = sharing.share_link_create(diagram=diagram, label="auditors")
    token = tokens.token_create(user=owner, name="ci").token
    return World(diagram=diagram, failed_job=failed, link=link, token=token)


def _client(persona: str, owner: Any, make_user: Any) -> Client:
    client = Client()
    if persona == "owner":
        client.force_login(owner)
    elif persona == "other":
        client.force_login(make_user("other"))
    return client


def _snapshot() -> tuple[int, ...]:
    return (
        Diagram.objects.count(),
        Job.objects.count(),
        Revision.objects.count(),
        ShareLink.objects.filter(revoked_at__isnull=True).count(),
    )


def _request(client: Client, rule: Rule, url: str) -> Any:
    if rule.method == "GET":
        return client.get(url)
    if rule.json:
        return client.post(url, json.dumps(rule.data or {}), content_type="application/json")
    return client.post(url, rule.data or {})


def _expected(rule: Rule, persona: str) -> int:
    if rule.access in (PUBLIC, SHARE) or persona == "owner":
        return rule.ok
    if persona == "anonymous":
        return rule.anonymous or 302
    return 404 if rule.access == OWNER else rule.ok


def test_every_url_pattern_has_an_access_rule() -> None:
    missing = [route for route in ROUTES if route not in ENTRIES]
    stale = [route for route in ENTRIES if route not in ROUTES]
    assert not missing, f"add an access rule to ENTRIES for: {missing}"
    assert not stale, f"ENTRIES lists patterns that no longer exist: {stale}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES)
def test_access(route: str, persona: str, world: World, owner: Any, make_user: Any) -> None:
    client = _client(persona, owner, make_user)
    for rule in _rules(route):
        url = rule.url(world)
        assert resolve(url).route == route, f"{url} does not resolve to {route}"
        before = _snapshot()
        response = _request(client, rule, url)
        where = (rule.method, route, persona)
        assert response.status_code == _expected(rule, persona), where
        if persona == "anonymous" and rule.access in (OWNER, USER) and rule.anonymous is None:
            assert response["Location"].startswith("/accounts/login/?next="), where
        if (rule.access == OWNER and persona != "owner") or persona == "anonymous":
            assert _snapshot() == before, f"{persona} changed data through {where}"
        if persona != "owner" and rule.access != SHARE:
            body = response.content.decode("utf-8", "replace")
            assert str(world.diagram.code) not in body and SECRET_TITLE not in body, where


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", [r for r in ROUTES if _access(r) == SHARE])
def test_a_revoked_share_token_is_404_for_everyone(
    route: str, persona: str, world: World, owner: Any, make_user: Any
) -> None:
    ShareLink.objects.filter(pk=world.link.pk).update(revoked_at=timezone.now())
    response = _client(persona, owner, make_user).get(_rules(route)[0].url(world))
    assert response.status_code == 404


def test_the_owner_can_log_in_with_a_password(owner: Any) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
