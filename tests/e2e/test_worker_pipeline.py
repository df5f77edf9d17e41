"""A prompt travels web -> database -> broker -> a real Celery worker -> revision -> SVG/PNG."""

from __future__ import annotations

import pytest

from tests.support.services import require_postgres, require_redis
from tests.support.stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ORDER_PROMPT = (
    "Design an event-driven order processing system with Kafka as the event bus. Include order "
    "service, payment service, inventory service, and shipping service."
)


def _prompt_to_rendered_revision(stack: Stack) -> None:
    client = stack.user()
    job = client.submit(ORDER_PROMPT)
    assert job["status"] == "pending"
    done = client.wait_job(job["url"])
    assert done["status"] == "succeeded", done["error"] + stack.log("worker1")[-3000:]
    assert done["revision"] == 1
    page = client.get(done["diagram_url"])
    assert page.status_code == 200
    assert "<svg" in page.text
    for name in (
        "Order Service",
        "Payment Service",
        "Inventory Service",
        "Shipping Service",
        "Kafka",
    ):
        assert name in page.text
    svg = client.get(done["diagram_url"] + "r/1/export/svg/")
    assert svg.headers["Content-Type"].startswith("image/svg+xml")
    assert "script-src" not in svg.headers["Content-Security-Policy"]
    assert svg.headers["Content-Security-Policy"].startswith("default-src 'none'")
    png = client.get(done["diagram_url"] + "r/1/export/png/")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_prompt_becomes_a_rendered_revision_on_the_embedded_default() -> None:
    with Stack(broker="filesystem", database="sqlite") as stack:
        _prompt_to_rendered_revision(stack)


def test_a_prompt_becomes_a_rendered_revision_with_redis_and_postgres() -> None:
    require_redis()
    require_postgres()
    with Stack(broker="redis://127.0.0.1:6379/14", database="postgres") as stack:
        _prompt_to_rendered_revision(stack)


def test_a_job_enqueued_while_no_worker_runs_completes_once_one_starts() -> None:
    with Stack(broker="filesystem", database="sqlite", workers=0) as stack:
        client = stack.user()
        job = client.submit(ORDER_PROMPT)
        status = client.get(job["url"], headers={"Accept": "application/json"}).json()
        assert status["status"] == "pending" and status["waiting_for_worker"] is True
        stack.start_worker()
        assert client.wait_job(job["url"])["status"] == "succeeded"
