"""`manage.py sketch` as DESIGN.md specifies: in-process, every format, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from diagrams.core.graph import parse_graph

ROOT = Path(__file__).resolve().parents[2]
PROMPT = (
    "Design an event-driven order processing system with Kafka as the event bus. Include order "
    "service, payment service, inventory service, and shipping service."
)


def sketch(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "DEBUG": "1", "INFRASKETCH_PLANNER": "rule_based"}
    env.pop("DATABASE_URL", None)
    # No broker or database is needed: point the broker somewhere that does not exist.
    env["CELERY_BROKER_URL"] = "redis://127.0.0.1:1/0"
    return subprocess.run(
        [sys.executable, "manage.py", "sketch", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )


def test_it_prints_the_graph_contract_as_json() -> None:
    done = sketch(PROMPT, "--format", "json")
    assert done.returncode == 0, done.stderr
    graph = parse_graph(json.loads(done.stdout))
    names = {c.name for c in graph.components}
    assert {"Order Service", "Payment Service", "Inventory Service", "Shipping Service"} <= names
    assert any(c.kind == "broker" and "Kafka" in c.name for c in graph.components)


def test_refinements_apply_in_order(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    done = sketch(PROMPT, "--refine", "Add a dead letter queue for failed events", "-o", str(out))
    assert done.returncode == 0, done.stderr
    graph = parse_graph(json.loads(out.read_text()))
    assert any(c.kind == "dead_letter_queue" for c in graph.components)


@pytest.mark.parametrize(
    ("fmt", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG"), ("dot", b"digraph")]
)
def test_it_writes_rendered_formats_to_a_file(tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"diagram.{fmt}"
    done = sketch(PROMPT, "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert magic in out.read_bytes()[:400]


def test_bad_input_exits_non_zero_with_one_line_on_stderr() -> None:
    done = sketch("   ")
    assert done.returncode != 0
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("CommandError:")


def test_an_unknown_format_is_rejected() -> None:
    done = sketch(PROMPT, "--format", "pdf")
    assert done.returncode != 0
    assert b"invalid choice" in done.stderr
