"""The architect's path in a real Chromium against a live server and a real Celery worker:
prompt -> diagram -> chat refinement -> restore -> every export -> phone layout."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from diagrams.core.graph import graph_json_schema, parse_graph
from tests.e2e.conftest import PHONE
from tests.support.stack import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ORDER_PROMPT = (
    "Design an event-driven order processing system with Kafka as the event bus. Include order "
    "service, payment service, inventory service, and shipping service."
)
SERVICES = ("Order Service", "Payment Service", "Inventory Service", "Shipping Service")
DLQ_NODES = "#viewport svg g.node.kind-dead_letter_queue"
JOB_TIMEOUT_MS = 30_000


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def sketch(page: Any, base: str, prompt: str = ORDER_PROMPT) -> None:
    """Type a prompt on the home page and wait until its diagram is drawn."""
    page.goto(base + "/")
    page.fill("#id_prompt", prompt)
    page.click("#sketch")
    page.wait_for_url("**/d/*/")
    expect(page.locator("#viewport svg")).to_be_visible(timeout=JOB_TIMEOUT_MS)


def refine(page: Any, instruction: str) -> None:
    page.fill("#id_instruction", instruction)
    page.press("#id_instruction", "Enter")


def revision_link(page: Any, number: int) -> Any:
    return page.locator(f'.rev-link[data-revision="{number}"]')


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def check_export(fmt: str, path: Path, text: str) -> None:
    """Each download is a valid file of its format, not just a 200."""
    data = path.read_bytes()
    if fmt == "svg":
        assert ET.fromstring(data).tag.endswith("svg")
    elif fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif fmt == "json":
        graph = json.loads(data)
        jsonschema.validate(graph, graph_json_schema())
        assert parse_graph(graph).components
    elif fmt == "dot":
        assert text.startswith("digraph")
    elif fmt == "mermaid":
        assert text.split()[0] in ("flowchart", "graph")
    elif fmt == "asyncapi":
        assert str(yaml.safe_load(text)["asyncapi"]).startswith("3.")
    elif fmt == "markdown":
        assert text.startswith("# ")
    for name in ("Order Service", "Kafka") if fmt not in ("png", "asyncapi") else ():
        assert name in text, f"{name} missing from the {fmt} export"


def download_every_export(page: Any, tmp_path: Path, number: int) -> dict[str, str]:
    """Download each format from the export menu; returns {format: suggested filename}."""
    names: dict[str, str] = {}
    formats = page.locator(".export-menu a[data-format]").evaluate_all(
        "links => links.map(a => a.dataset.format)"
    )
    for fmt in formats:
        page.click(".export-menu summary")
        with page.expect_download() as info:
            page.click(f'.export-menu a[data-format="{fmt}"]')
        download = info.value
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        names[fmt] = download.suggested_filename
        check_export(fmt, path, path.read_bytes().decode("utf-8", "replace"))
        assert download.suggested_filename.endswith(f"-r{number}{path.suffix}")
    return names


def test_an_architect_sketches_refines_restores_and_exports_in_the_browser(
    stack: Stack, open_page: Callable[..., Any], screenshot: Callable[..., Path], tmp_path: Path
) -> None:
    page = open_page(stack.url)
    screenshot(page, "home-desktop.png")
    sketch(page, stack.url)
    svg = page.locator("#viewport svg")
    for name in (*SERVICES, "Kafka"):
        expect(svg).to_contain_text(name)
    assert page.locator(DLQ_NODES).count() == 0
    page.evaluate("window.__sameDocument = true")

    refine(page, "Add a dead letter queue for failed events")
    expect(revision_link(page, 2)).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(page.locator(DLQ_NODES)).to_have_count(1)
    expect(page.locator(DLQ_NODES + ".just-added")).to_have_count(1)  # the change is pointed out
    expect(page.locator("#chat-region")).to_contain_text(
        "Add a dead letter queue for failed events"
    )
    expect(page.locator("#chat-region li").last).to_be_in_viewport()  # the chat shows its end
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"
    screenshot(page, "diagram-desktop.png")

    page.click('form[data-restore-form][action$="/r/1/restore/"] button')
    expect(revision_link(page, 3)).to_be_visible()
    expect(page.locator(DLQ_NODES)).to_have_count(0)
    expect(page.locator(".rev.current")).to_contain_text("Restore revision 1")

    revision_link(page, 2).click()  # view an older revision in place
    expect(page.locator(DLQ_NODES)).to_have_count(1)
    expect(page.locator("#head-region")).to_contain_text("Viewing an older revision")
    assert page.url.endswith("?r=2")
    page.go_back()
    expect(page.locator(DLQ_NODES)).to_have_count(0)

    names = download_every_export(page, tmp_path, 3)
    assert sorted(names) == sorted(
        ["svg", "png", "dot", "json", "mermaid", "asyncapi", "markdown"]
    ), names


def test_a_phone_sized_screen_scrolls_only_vertically(
    stack: Stack, open_page: Callable[..., Any], screenshot: Callable[..., Path]
) -> None:
    page = open_page(stack.url, viewport=PHONE)
    screenshot(page, "home-phone.png")
    assert no_horizontal_scroll(page), "home scrolls sideways on a phone"
    sketch(page, stack.url)
    assert no_horizontal_scroll(page), "the diagram page scrolls sideways on a phone"
    page.click("#tab-doc")
    expect(page.locator(".doc h1")).to_be_visible()
    assert no_horizontal_scroll(page), "the design doc scrolls sideways on a phone"
    page.click("#tab-diagram")
    screenshot(page, "diagram-phone.png")
