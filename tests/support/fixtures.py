"""Pytest fixtures over the test support. Use with ``pytest_plugins = ["tests.support.fixtures"]``
in the root conftest, or import the fixture into a test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.fake_openai import FakeOpenAIServer


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A started FakeOpenAIServer on 127.0.0.1:<free port>, stopped after the test."""
    with FakeOpenAIServer() as server:
        yield server
