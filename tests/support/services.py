"""Real services for the integration tests: skip when absent locally, fail in CI."""

from __future__ import annotations

import os

import pytest

from tests.support.stack import service_up

REQUIRED = os.environ.get("INFRASKETCH_REQUIRE_SERVICES") == "1"


def require(name: str, host: str, port: int) -> None:
    """Skip (or, in CI, fail) the test when ``name`` does not answer on host:port."""
    if service_up(host, port):
        return
    message = f"{name} is not reachable on {host}:{port}"
    if REQUIRED:
        pytest.fail(message + " (required: INFRASKETCH_REQUIRE_SERVICES=1)")
    pytest.skip(message)


def require_postgres() -> None:
    require("PostgreSQL", "127.0.0.1", 5432)


def require_redis() -> None:
    require("Redis", "127.0.0.1", 6379)
