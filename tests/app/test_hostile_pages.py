"""Hostile names, prompts and chat text on every page: shown as text, never run.

Generated graphs (tests/support/hostile.py) are stored as revisions with hostile chat text and
job errors, then every page that shows them is parsed as a browser would: no inline script, no
handler attribute, no ``javascript:`` URL, no raw attack fragment, and the inline SVG is
well-formed and made only of drawing elements.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings

from diagrams import services, sharing
from diagrams.core.graph import GraphError, clean_text, parse_graph
from diagrams.models import Job, JobKind, JobStatus, Revision, RevisionKind
from tests.app.factories import drawn_diagram
from tests.support.hostile import (
    TRIED,
    assert_inert_html,
    assert_safe_svg,
    hostile_graphs,
    hostile_text,
)

pytestmark = pytest.mark.django_db

RAW_FRAGMENTS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<b>x</b>",
    "<a href='javascript:alert(1)'>",
    "<TABLE><TR>",
)
_INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
PAGES = settings(
    max_examples=25,
    deadline=None,
    # Each example renders several pages: report a failure as found rather than shrink it.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _fresh(settings: Any) -> None:
    cache.clear()  # export cache keys are revision ids, which repeat across tests
    settings.RATE_LIMIT_JOBS = 10_000


def assert_page_inert(html: str) -> None:
    assert_inert_html(html)
    for fragment in RAW_FRAGMENTS:
        assert fragment not in html, fragment
    for svg in _INLINE_SVG.findall(html):
        assert_safe_svg(svg.encode("utf-8"))


def _store(owner: Any, data: dict[str, Any], chat: str, error: str) -> Any:
    # Stored text passes through the services' cleaning on its way in (NUL cannot be stored
    # in Postgres); the pages must then show whatever survives as inert text.
    chat, error = clean_text(chat), clean_text(error)
    try:
        graph = parse_graph(data)
    except GraphError:
        return None
    diagram = drawn_diagram(owner, graph, prompt=chat)
    Revision.objects.create(
        diagram=diagram,
        number=2,
        kind=RevisionKind.REFINE,
        graph=graph.to_json(),
        instruction=chat,
        summary=error[:500],
    )
    Job.objects.create(
        diagram=diagram,
        kind=JobKind.REFINE,
        instruction=chat,
        status=JobStatus.FAILED,
        error=error,
    )
    return diagram


def test_hostile_graphs_and_chat_are_inert_on_every_page(owner: Any, owner_client: Client) -> None:
    anonymous = Client()
    stored: list[Any] = []

    @PAGES
    @given(data=hostile_graphs(max_components=4), chat=hostile_text(300), error=hostile_text(200))
    def check(data: dict[str, Any], chat: str, error: str) -> None:
        diagram = _store(owner, data, chat, error)
        if diagram is None:
            return
        stored.append(diagram)
        link = sharing.share_link_create(diagram=diagram, label=chat[:120])
        owner_urls = ["/", f"/d/{diagram.code}/", f"/d/{diagram.code}/live/"]
        owner_urls += [f"/d/{diagram.code}/share/"]
        for url in owner_urls:
            page = owner_client.get(url)
            assert page.status_code == 200, url
            assert_page_inert(page.content.decode("utf-8"))
        for url in (f"/s/{link.token}/", f"/s/{link.token}/doc/"):
            page = anonymous.get(url)
            assert page.status_code == 200, url
            assert_page_inert(page.content.decode("utf-8"))
        assert_safe_svg(anonymous.get(f"/s/{link.token}/export/svg/").content)

    check()
    # Graphs the contract rejects are skipped: make sure the pages were checked at all.
    assert len(stored) >= 10, f"only {len(stored)} hostile graphs were valid enough to store"
    print(f"\nhostile strings tried on stored pages: {TRIED['strings']}")


@pytest.mark.django_db(transaction=True)  # jobs run on commit: the real planner names things
def test_hostile_prompts_and_instructions_through_the_forms_are_inert(
    owner: Any, owner_client: Client
) -> None:
    @PAGES
    @given(prompt=hostile_text(400, min_size=1), instruction=hostile_text(200, min_size=1))
    def check(prompt: str, instruction: str) -> None:
        response = owner_client.post("/", {"prompt": f"An order service {prompt} Kafka"})
        if response.status_code != 302:
            assert response.status_code == 400
            assert_page_inert(response.content.decode("utf-8"))
            return
        assert Revision.objects.filter(diagram__code=response["Location"].split("/")[2]).exists()
        refined = owner_client.post(response["Location"] + "refine/", {"instruction": instruction})
        assert refined.status_code in (302, 400)
        assert_page_inert(refined.content.decode("utf-8"))
        assert_page_inert(owner_client.get(response["Location"]).content.decode("utf-8"))
        assert_page_inert(owner_client.get("/").content.decode("utf-8"))

    check()
    print(f"\nhostile strings tried through the forms: {TRIED['strings']}")


@pytest.mark.parametrize(
    "html", [*RAW_FRAGMENTS, "<p onclick=x>", "<a href=' javascript:x'>", "<script>x</script>"]
)
def test_the_page_check_catches_what_it_looks_for(html: str) -> None:
    with pytest.raises(AssertionError):
        assert_page_inert(f"<p>{html}</p>")


def test_control_characters_never_reach_the_database(owner: Any, monkeypatch: Any) -> None:
    # PostgreSQL refuses NUL in text; the API's schemas let it through to the services.
    monkeypatch.setattr(services, "job_enqueue", lambda job: None)
    job = services.diagram_create(owner=owner, prompt="An order\x00 service\x01 on Kafka\ufffe")
    assert job.instruction == job.diagram.prompt == "An order service on Kafka"
    link = sharing.share_link_create(diagram=job.diagram, label="the\x00 auditors")
    assert link.label == "the auditors"
