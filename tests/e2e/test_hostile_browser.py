"""Attack text typed into a real Chromium never runs: not on the diagram, the chat, the share
page or the shared design document, and the page's own scripts raise no policy violation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.stack import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PAYLOADS = (
    '"><img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "'><svg onload=window.__pwned=3>",
    '"]; x -> y [label=<<b>x</b>>]; {',
)
PROMPT = (
    f"An order service {PAYLOADS[0]} publishes OrderPlaced to Kafka. "
    f"A {PAYLOADS[1]} billing service consumes OrderPlaced. {PAYLOADS[3]}"
)
INSTRUCTION = f"Add a {PAYLOADS[2]} audit service that consumes OrderPlaced"
JOB_TIMEOUT_MS = 30_000


def _watch(page: Any) -> list[str]:
    """Collect dialogs and Content-Security-Policy violations on ``page``."""
    events: list[str] = []

    def on_dialog(dialog: Any) -> None:
        events.append("dialog: " + dialog.message)
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            events.append("csp: " + message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return events


def _assert_nothing_ran(page: Any, events: list[str]) -> None:
    page.wait_for_timeout(300)  # let any injected handler fire
    assert page.evaluate("window.__pwned === undefined"), "injected script ran"
    assert not events, events


def test_attack_text_is_shown_as_text_everywhere(
    stack: Stack, open_page: Callable[..., Any], browser: Any
) -> None:
    from playwright.sync_api import expect

    page = open_page(stack.url)
    events = _watch(page)
    page.fill("#id_prompt", PROMPT)
    page.click("#sketch")
    page.wait_for_url("**/d/*/")
    expect(page.locator("#viewport svg")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    page.fill("#id_instruction", INSTRUCTION)
    page.press("#id_instruction", "Enter")
    expect(page.locator("#chat-region")).to_contain_text(PAYLOADS[2], timeout=JOB_TIMEOUT_MS)
    _assert_nothing_ran(page, events)

    page.fill("#id_share_label", PAYLOADS[0])
    page.click(".share-panel button[type=submit]")
    expect(page.locator(".share-links")).to_contain_text(PAYLOADS[0])
    _assert_nothing_ran(page, events)
    shared_url = page.locator("input.share-url").first.input_value()

    visitor = browser.new_context().new_page()
    visitor_events = _watch(visitor)
    visitor.goto(shared_url)
    expect(visitor.locator("#diagram-svg svg")).to_be_visible()
    assert visitor.locator("#id_instruction").count() == 0
    _assert_nothing_ran(visitor, visitor_events)
    visitor.click("text=Design document")
    expect(visitor.locator(".design-doc h1")).to_be_visible()
    _assert_nothing_ran(visitor, visitor_events)
    visitor.context.close()
