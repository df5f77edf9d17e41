"""Browser fixtures: Debian's Chromium driven by Playwright against a real stack (web server and
Celery worker subprocesses over the embedded broker and SQLite, see tests/support/stack.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.stack import ROOT, Stack

CHROMIUM = Path(os.environ.get("INFRASKETCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"
USERNAME, PASSWORD = "ada", "correct-horse-battery-9"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def require_chromium() -> None:
    """Skip without Chromium locally; in CI (INFRASKETCH_REQUIRE_SERVICES=1) fail instead."""
    if CHROMIUM.exists():
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("INFRASKETCH_REQUIRE_SERVICES") == "1":
        pytest.fail(message + " (required: INFRASKETCH_REQUIRE_SERVICES=1)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def stack(browser: Any) -> Iterator[Stack]:
    """One web server and one real Celery worker for the browser tests, with one user."""
    with Stack(broker="filesystem", database="sqlite", workers=1) as running:
        running.user(USERNAME, PASSWORD)
        yield running


def log_in(page: Any, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(base + "/")


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``open_page(base, viewport=DESKTOP)``: a logged-in page in a fresh browser context.

    Page errors (uncaught exceptions) fail the test: a script that throws is a broken page.
    """
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(base: str, viewport: dict[str, int] | None = None) -> Any:
        context = browser.new_context(viewport=viewport or DESKTOP, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(page, base)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """Save a full-page screenshot into test-artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)

    def shoot(page: Any, name: str) -> Path:
        path = ARTIFACTS / name
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot
