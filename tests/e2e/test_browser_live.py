"""The diagram page in a real Chromium: honest job state, one job per double click, the canvas's
zoom/highlight/details, the design doc and one-click fixes, errors with Retry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import USERNAME, log_in
from tests.e2e.test_browser import JOB_TIMEOUT_MS, expect, refine, revision_link, sketch
from tests.support.stack import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = (
    "An order service publishes OrderPlaced to Kafka; the payment service and the email "
    "service consume it."
)


def job_count(stack: Stack) -> int:
    script = (
        "from diagrams.models import Job;"
        f"print(Job.objects.filter(diagram__owner__username={USERNAME!r}).count())"
    )
    return int(stack.manage("shell", "-c", script).strip().splitlines()[-1])


def view_box_width(page: Any) -> float:
    return float(page.evaluate("document.querySelector('#viewport svg').viewBox.baseVal.width"))


def test_the_pending_state_shows_in_the_click_and_the_revision_arrives_without_a_reload(
    stack: Stack, open_page: Callable[..., Any]
) -> None:
    page = open_page(stack.url)
    sketch(page, stack.url, PROMPT)
    page.fill("#id_instruction", "Add a Redis cache")
    page.press("#id_instruction", "Shift+Enter")  # a new line, not a send
    assert page.input_value("#id_instruction") == "Add a Redis cache\n"
    assert page.locator("#chat-region .job-text").count() == 0
    # The click handler itself must show the state: read it in the same task as the click.
    shown = page.evaluate(
        """() => {
            window.__sameDocument = true;
            document.getElementById('send').click();
            return document.querySelector('#chat-region .job-text').textContent;
        }"""
    )
    assert shown in ("Queued…", "Planning…")
    expect(revision_link(page, 2)).to_be_visible(timeout=JOB_TIMEOUT_MS)
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"
    expect(page.locator("#chat-region .job-text")).to_have_count(0)
    expect(page.locator("#send")).to_be_enabled()


def test_double_clicking_send_creates_one_job(stack: Stack, open_page: Callable[..., Any]) -> None:
    page = open_page(stack.url)
    sketch(page, stack.url, PROMPT)
    before = job_count(stack)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.fill("#id_instruction", "Add a dead letter queue for failed events")
    page.dblclick("#send")
    expect(revision_link(page, 2)).to_be_visible(timeout=JOB_TIMEOUT_MS)
    assert [u for u in posts if u.endswith("/refine/")] == [posts[0]]
    assert job_count(stack) == before + 1
    assert page.locator(".rev-link").count() == 2


def test_hovering_a_component_lights_its_flows_and_clicking_shows_its_details(
    stack: Stack, open_page: Callable[..., Any]
) -> None:
    page = open_page(stack.url)
    sketch(page, stack.url, PROMPT)
    flows = page.locator("#viewport svg .flow.from-kafka, #viewport svg .flow.to-kafka")
    assert flows.count() >= 2
    page.hover("#c-kafka")
    expect(page.locator("#viewport svg .flow.hl")).to_have_count(flows.count())
    page.click("#c-kafka")
    details = page.locator("#details")
    expect(details).to_be_visible()
    expect(details.locator(".detail-kind")).to_have_text("broker")
    page.keyboard.press("Escape")
    expect(details).to_be_hidden()
    page.focus("#c-payment-service")
    page.keyboard.press("Enter")
    expect(details.locator("#details-title")).to_contain_text("Payment")
    expect(details.locator("ul.consumes")).to_contain_text("OrderPlaced")


def test_zoom_buttons_change_the_view_and_fit_restores_it(
    stack: Stack, open_page: Callable[..., Any]
) -> None:
    page = open_page(stack.url)
    sketch(page, stack.url, PROMPT)
    fitted = view_box_width(page)
    page.click('[data-zoom="in"]')
    assert view_box_width(page) < fitted
    page.click('[data-zoom="out"]')
    page.click('[data-zoom="out"]')
    assert view_box_width(page) > fitted
    page.click('[data-zoom="fit"]')
    assert view_box_width(page) == pytest.approx(fitted)


def test_the_design_doc_tab_renders_and_a_finding_is_fixed_in_one_click(
    stack: Stack, open_page: Callable[..., Any], screenshot: Callable[..., Any]
) -> None:
    page = open_page(stack.url)
    sketch(page, stack.url, PROMPT)
    page.click("#tab-doc")
    expect(page.locator(".doc h1")).to_be_visible()
    assert page.locator(".doc script").count() == 0
    screenshot(page, "design-doc-desktop.png")
    page.click("#tab-findings")
    fixes = page.locator("form.fix-form")
    assert fixes.count() >= 1
    fix = fixes.first.locator("input[name=instruction]").get_attribute("value")
    fixes.first.locator("button").click()
    expect(revision_link(page, 2)).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(page.locator(".rev.current")).to_contain_text(str(fix))


def test_a_change_the_planner_cannot_make_shows_a_readable_error_and_retry(
    stack: Stack, open_page: Callable[..., Any]
) -> None:
    page = open_page(stack.url)
    sketch(page, stack.url, PROMPT)
    refine(page, "Remove the Mainframe Gateway")
    failed = page.locator("#chat-region .msg.failed")
    expect(failed).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(failed).to_contain_text("That change failed.")
    assert len(failed.inner_text()) > len("That change failed. Retry") + 10
    before = job_count(stack)
    failed.locator("button", has_text="Retry").click()
    expect(page.locator("#chat-region .msg.failed")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    assert job_count(stack) == before + 1
    assert page.locator(".rev-link").count() == 1


def finished_at(stack: Stack) -> float:
    """When the newest job's row turned succeeded or failed (epoch seconds)."""
    script = (
        "from diagrams.models import Job;"
        "print(Job.objects.order_by('-created').first().finished_at.timestamp())"
    )
    return float(stack.manage("shell", "-c", script).strip().splitlines()[-1])


# Records (in epoch seconds) when the diagram first appears, without awaiting anything.
WATCH_FOR_SVG = """() => {
    const now = () => (performance.timeOrigin + performance.now()) / 1000;
    new MutationObserver((_, observer) => {
        if (document.querySelector('#viewport svg')) {
            window.__svgSeenAt = now();
            observer.disconnect();
        }
    }).observe(document.body, {childList: true, subtree: true});
}"""


def test_without_a_worker_the_page_says_so_then_shows_planning_and_the_result(
    browser: Any,
) -> None:
    delay = {"INFRASKETCH_TEST_JOB_DELAY": "1.5"}  # long enough to see "Planning…"
    with Stack(broker="filesystem", database="sqlite", workers=0, extra_env=delay) as idle:
        idle.user(USERNAME, "correct-horse-battery-9")
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            log_in(page, idle.url)
            page.fill("#id_prompt", PROMPT)
            page.click("#sketch")
            page.wait_for_url("**/d/*/")
            page.evaluate("window.__sameDocument = true")
            status = page.locator("#status-region .job-text")
            expect(status).to_have_text("Queued — waiting for a worker", timeout=10_000)
            page.evaluate(WATCH_FOR_SVG)
            idle.start_worker()
            expect(status).to_have_text("Planning…", timeout=JOB_TIMEOUT_MS)
            expect(page.locator("#viewport svg")).to_be_visible(timeout=JOB_TIMEOUT_MS)
            assert page.evaluate("window.__sameDocument === true"), "the page reloaded"
            lag = float(page.evaluate("window.__svgSeenAt")) - finished_at(idle)
            print(f"the page noticed the finished job {lag:.2f} s after it finished")
            assert lag < 1.0, f"the page noticed the finished job after {lag:.2f} s"
        finally:
            context.close()
