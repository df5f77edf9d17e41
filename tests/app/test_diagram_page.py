"""The diagram page's server side: revision diffs, timeline, chat, live fragment, restore JSON,
export menu, findings with fixes, and the graph JSON embedded without breaking out of its tag."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from django.test import Client

from diagrams.core.graph import parse_graph
from diagrams.models import Diagram, Job, JobKind, JobStatus, Revision
from diagrams.timeline import revision_diff
from tests.app.factories import SMALL_GRAPH, drawn_diagram

pytestmark = pytest.mark.django_db(transaction=True)

ALL_FORMATS = ("svg", "png", "dot", "json", "mermaid", "asyncapi", "markdown")


def _with_dlq() -> dict[str, Any]:
    graph = copy.deepcopy(SMALL_GRAPH)
    graph["components"].append({"id": "dlq", "name": "Failed Events", "kind": "dead_letter_queue"})
    graph["flows"].append({"source": "payment-service", "target": "dlq", "kind": "publish"})
    graph["components"][0]["name"] = "Checkout Service"
    return parse_graph(graph).to_json()


def test_a_revision_diff_names_added_removed_and_renamed_components() -> None:
    diff = revision_diff(parse_graph(SMALL_GRAPH).to_json(), _with_dlq())
    assert diff.added == ["Failed Events"] and diff.added_ids == ["dlq"]
    assert diff.renamed == [("Order Service", "Checkout Service")]
    assert diff.flows_added == 1 and diff.flows_removed == 0
    assert ("add", "+ Failed Events") in diff.chips
    back = revision_diff(_with_dlq(), parse_graph(SMALL_GRAPH).to_json())
    assert back.removed == ["Failed Events"] and ("remove", "\u22121 flow") in back.chips


def test_the_first_revision_diff_lists_everything_as_added() -> None:
    diff = revision_diff(None, parse_graph(SMALL_GRAPH).to_json())
    assert diff.added == ["Order Service", "Kafka", "Payment Service"]
    assert diff.flows_added == 2


def test_home_offers_the_four_example_prompts(owner_client: Client) -> None:
    page = owner_client.get("/").content.decode()
    for title in ("Kafka", "SNS/SQS", "CQRS", "RabbitMQ"):
        assert re.search(rf'<button type="button" class="example"[^>]*>[^<]*{title}', page), title


def test_the_page_lists_every_export_with_a_download_link(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)
    page = owner_client.get(f"/d/{diagram.code}/").content.decode()
    for fmt in ALL_FORMATS:
        assert f'href="/d/{diagram.code}/r/1/export/{fmt}/" download' in page, fmt


def test_restoring_answers_json_and_the_live_fragment_shows_the_new_revision(
    owner: Any, owner_client: Client
) -> None:
    diagram = drawn_diagram(owner)
    first = diagram.revisions.get(number=1)
    Revision.objects.create(
        diagram=diagram, number=2, parent=first, kind="refine", graph=_with_dlq(),
        instruction="Add a dead letter queue", summary="Added Failed Events.",
    )  # fmt: skip
    restored = owner_client.post(f"/d/{diagram.code}/r/1/restore/", HTTP_ACCEPT="application/json")
    assert restored.status_code == 201 and restored.json()["revision"] == 3
    live = owner_client.get(f"/d/{diagram.code}/live/").content.decode()
    for region in ("live-state", "canvas-region", "chat-region", "timeline-region", "doc-region"):
        assert f'id="{region}"' in live, region
    assert 'data-latest="3"' in live
    assert "\u2212 Failed Events" in live  # revision 3 drops what revision 2 added
    assert "Added Failed Events." in live  # the chat keeps each refinement's summary


def test_an_older_revision_is_shown_on_request(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)
    Revision.objects.create(diagram=diagram, number=2, kind="refine", graph=_with_dlq())
    older = owner_client.get(f"/d/{diagram.code}/live/?r=1").content.decode()
    assert 'data-shown="1"' in older and "Viewing an older revision" in older
    assert "Failed Events" not in older.split('id="timeline-region"')[0]


def test_the_graph_json_cannot_close_its_script_tag(owner: Any, owner_client: Client) -> None:
    graph = copy.deepcopy(SMALL_GRAPH)
    graph["components"][0]["description"] = "</script><script>alert(1)</script>"
    diagram = drawn_diagram(owner, parse_graph(graph))
    page = owner_client.get(f"/d/{diagram.code}/").content.decode()
    assert "<script>alert(1)" not in page
    data = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert data is not None
    assert json.loads(data.group(1))["components"][0]["description"].startswith("</script>")


def test_each_finding_offers_its_fix_as_a_refine_form(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)
    page = owner_client.get(f"/d/{diagram.code}/").content.decode()
    fixes = re.findall(
        rf'action="/d/{diagram.code}/refine/" class="fix-form".*?name="instruction" value="([^"]+)"',
        page,
        re.S,
    )
    assert fixes, "the small graph has a consumer without a dead-letter queue"


def test_a_failed_refinement_shows_its_error_and_a_retry_button(
    owner: Any, owner_client: Client
) -> None:
    diagram = drawn_diagram(owner)
    job = Job.objects.create(
        diagram=diagram, kind=JobKind.REFINE, instruction="Make it quantum",
        status=JobStatus.FAILED, error="I could not find anything to change.",
    )  # fmt: skip
    page = owner_client.get(f"/d/{diagram.code}/").content.decode()
    chat = page.split('id="chat-region"')[1].split("</ol>")[0]
    assert "Make it quantum" in chat and "I could not find anything to change." in chat
    assert f'action="/jobs/{job.code}/retry/"' in chat


def test_a_failed_first_sketch_shows_its_error_and_a_retry_button(
    owner: Any, owner_client: Client
) -> None:
    job = services_diagram_without_revision(owner)
    page = owner_client.get(f"/d/{job.diagram.code}/").content.decode()
    status = page.split('id="status-region"')[1].split("</div>\n</div>")[0]
    assert "sketch this diagram." in status and "No components found." in status
    assert f'action="/jobs/{job.code}/retry/"' in status
    assert re.search(r'<button type="submit" class="primary" id="send"\s+disabled', page)


def services_diagram_without_revision(owner: Any) -> Job:
    diagram = Diagram.objects.create(owner=owner, title="Nothing yet", prompt="???")
    return Job.objects.create(
        diagram=diagram, kind=JobKind.PLAN, instruction="???",
        status=JobStatus.FAILED, error="No components found.",
    )  # fmt: skip


def test_a_job_that_finishes_while_the_page_is_read_leaves_its_revision_or_its_wait(
    owner: Any, owner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker may finish between the page's reads. Whatever the interleaving, the page
    shows the new revision or a job to wait for, never "No revision yet" with nothing pending
    (the race a CI run caught: revisions read, then the job finished, then jobs read)."""
    from diagrams import selectors

    diagram = Diagram.objects.create(owner=owner, title="orders", prompt="orders")
    job = Job.objects.create(diagram=diagram, kind=JobKind.PLAN, instruction="orders")
    read_jobs = selectors.job_active

    def worker_finishes_first(**kwargs: Any) -> Job | None:
        if not Revision.objects.filter(diagram=diagram).exists():
            Revision.objects.create(
                diagram=diagram, number=1, graph=parse_graph(SMALL_GRAPH).to_json(), job=job
            )
            Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED)
        return read_jobs(**kwargs)

    monkeypatch.setattr(selectors, "job_active", worker_finishes_first)
    page = owner_client.get(f"/d/{diagram.code}/").content.decode()
    waiting = f'data-job-url="/jobs/{job.code}/"' in page
    assert waiting or "No revision yet" not in page
    assert "Order Service" in page or waiting
