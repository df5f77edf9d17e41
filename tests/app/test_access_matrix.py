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

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from diagrams import services, sharing
from diagrams.models import Diagram, Job, JobStatus, Revision, ShareLink
from tests.app.conftest import PASSWORD
from tests.app.factories import drawn_diagram

pytestmark = pytest.mark.django_db

OWNER, USER, PUBLIC, SHARE = "owner", "user", "public", "share"
PERSONAS = ("owner", "other", "anonymous")
SECRET_TITLE = "Zebra Ledger Internal Topology"


@dataclass(frozen=True)
class World:
    diagram: Diagram
    failed_job: Job
    link: ShareLink


@dataclass(frozen=True)
class Rule:
    access: str
    url: Callable[[World], str]
    method: str = "GET"
    data: dict[str, str] | None = None
    ok: int = 200
    anonymous: int | None = None  # None: redirected to the login page


def _code(w: World) -> str:
    return str(w.diagram.code)


ENTRIES: dict[str, Rule] = {
    "accounts/login/": Rule(PUBLIC, lambda w: "/accounts/login/"),
    "accounts/logout/": Rule(PUBLIC, lambda w: "/accounts/logout/", "POST", ok=302),
    "accounts/password_change/": Rule(USER, lambda w: "/accounts/password_change/"),
    "accounts/password_change/done/": Rule(USER, lambda w: "/accounts/password_change/done/"),
    "": Rule(USER, lambda w: "/"),
    "signup/": Rule(PUBLIC, lambda w: "/signup/"),
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
}


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


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
    return World(diagram=diagram, failed_job=failed, link=link)


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
    if rule.method == "POST":
        return client.post(url, rule.data or {})
    return client.get(url)


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
    rule = ENTRIES.get(route)
    assert rule is not None, f"no access rule for URL pattern {route!r}: add one to ENTRIES"
    url = rule.url(world)
    assert resolve(url).route == route, f"{url} does not resolve to {route}"
    client = _client(persona, owner, make_user)
    before = _snapshot()
    response = _request(client, rule, url)
    assert response.status_code == _expected(rule, persona), (route, persona)
    if persona == "anonymous" and rule.access in (OWNER, USER) and rule.anonymous is None:
        assert response["Location"].startswith("/accounts/login/?next=")
    if persona != "owner" and rule.access != SHARE:
        assert _snapshot() == before, f"{persona} changed data through {route}"
        body = response.content.decode("utf-8", "replace")
        assert str(world.diagram.code) not in body and SECRET_TITLE not in body


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if ENTRIES.get(r, Rule(OWNER, str)).access == SHARE]
)
def test_a_revoked_share_token_is_404_for_everyone(
    route: str, persona: str, world: World, owner: Any, make_user: Any
) -> None:
    ShareLink.objects.filter(pk=world.link.pk).update(revoked_at=timezone.now())
    response = _client(persona, owner, make_user).get(ENTRIES[route].url(world))
    assert response.status_code == 404


def test_the_owner_can_log_in_with_a_password(owner: Any) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
