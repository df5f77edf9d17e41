"""Share links: unguessable, read-only, revocable, and only the owner manages them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from diagrams import sharing
from diagrams.models import ShareLink
from tests.app.factories import drawn_diagram

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_export_cache() -> None:
    # Export cache keys are revision ids, which repeat across rolled-back tests.
    cache.clear()


def _create(client: Client, diagram: Any, label: str = "the payments team") -> Any:
    return client.post(f"/d/{diagram.code}/share/", {"label": label})


def test_the_diagram_page_offers_the_owner_a_share_control(
    owner: Any, owner_client: Client
) -> None:
    diagram = drawn_diagram(owner)
    page = owner_client.get(f"/d/{diagram.code}/")
    assert page.status_code == 200
    assert f'action="/d/{diagram.code}/share/"'.encode() in page.content


def test_the_owner_creates_a_link_and_sees_who_it_is_for(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)
    response = _create(owner_client, diagram)
    assert response.status_code == 302
    link = ShareLink.objects.get(diagram=diagram)
    page = owner_client.get(f"/d/{diagram.code}/share/")
    assert b"the payments team" in page.content
    assert f"/s/{link.token}/".encode() in page.content


def test_a_token_carries_at_least_128_bits_and_links_never_repeat(owner: Any) -> None:
    diagram = drawn_diagram(owner)
    tokens = {sharing.share_link_create(diagram=diagram, label="").token for _ in range(20)}
    assert len(tokens) == 20
    # token_urlsafe(32): 32 random bytes (256 bits) as 43 URL-safe characters.
    assert all(len(t) >= 43 for t in tokens)


def test_anyone_with_the_link_sees_the_diagram_but_no_chat_restore_or_delete(owner: Any) -> None:
    diagram = drawn_diagram(owner)
    link = sharing.share_link_create(diagram=diagram, label="auditors")
    page = Client().get(f"/s/{link.token}/")
    assert page.status_code == 200
    assert b"<svg" in page.content and b"Order Service" in page.content
    for forbidden in (b'name="instruction"', b"/restore/", b"/refine/", b"/retry/", b"delete"):
        assert forbidden not in page.content.lower(), forbidden
    assert page["Cache-Control"] == "no-store"
    assert page["Referrer-Policy"] == "no-referrer"


def test_the_shared_page_offers_the_document_and_every_export(owner: Any) -> None:
    from diagrams.core.exporters import EXPORTERS

    link = sharing.share_link_create(diagram=drawn_diagram(owner), label="")
    anonymous = Client()
    page = anonymous.get(f"/s/{link.token}/")
    for name in EXPORTERS:
        assert f"/s/{link.token}/export/{name}/".encode() in page.content, name
    doc = anonymous.get(f"/s/{link.token}/doc/")
    assert doc.status_code == 200
    assert b"Order Service" in doc.content and b"<h1" in doc.content


def test_a_shared_svg_download_forbids_scripts_and_is_not_cached(owner: Any) -> None:
    link = sharing.share_link_create(diagram=drawn_diagram(owner), label="")
    response = Client().get(f"/s/{link.token}/export/svg/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Cache-Control"] == "no-store"


def test_a_revoked_link_stops_working_everywhere(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)
    link = sharing.share_link_create(diagram=diagram, label="contractor")
    revoke = owner_client.post(f"/d/{diagram.code}/share/{link.pk}/revoke/")
    assert revoke.status_code == 302
    anonymous = Client()
    for suffix in ("", "doc/", "export/svg/", "export/json/"):
        assert anonymous.get(f"/s/{link.token}/{suffix}").status_code == 404, suffix
    assert f"/s/{link.token}/".encode() not in owner_client.get(f"/d/{diagram.code}/share/").content


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 200])
def test_an_unknown_token_is_404(owner: Any, token: str) -> None:
    sharing.share_link_create(diagram=drawn_diagram(owner), label="")
    assert Client().get(f"/s/{token}/").status_code == 404


def test_a_token_differing_only_in_case_is_refused(owner: Any) -> None:
    link = sharing.share_link_create(diagram=drawn_diagram(owner), label="")
    assert Client().get(f"/s/{link.token.swapcase()}/").status_code == 404


def test_an_owner_cannot_revoke_a_link_of_another_diagram(owner: Any, owner_client: Client) -> None:
    mine, other = drawn_diagram(owner), drawn_diagram(owner)
    link = sharing.share_link_create(diagram=other, label="")
    assert owner_client.post(f"/d/{mine.code}/share/{link.pk}/revoke/").status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_another_user_can_neither_list_create_nor_revoke_links(owner: Any, make_user: Any) -> None:
    diagram = drawn_diagram(owner)
    link = sharing.share_link_create(diagram=diagram, label="")
    stranger = Client()
    stranger.force_login(make_user("stranger"))
    assert stranger.get(f"/d/{diagram.code}/share/").status_code == 404
    assert _create(stranger, diagram).status_code == 404
    assert stranger.post(f"/d/{diagram.code}/share/{link.pk}/revoke/").status_code == 404
    assert ShareLink.objects.filter(diagram=diagram, revoked_at__isnull=True).count() == 1


def test_an_overlong_label_is_a_form_error_and_makes_no_link(
    owner: Any, owner_client: Client
) -> None:
    diagram = drawn_diagram(owner)
    response = _create(owner_client, diagram, label="x" * 121)
    assert response.status_code == 400
    assert b'class="error"' in response.content
    assert not ShareLink.objects.exists()


def test_a_hostile_label_is_shown_as_text(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)
    _create(owner_client, diagram, label='"><img src=x onerror=alert(1)>')
    page = owner_client.get(f"/d/{diagram.code}/share/")
    assert b"<img src=x" not in page.content
    assert b"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page.content
