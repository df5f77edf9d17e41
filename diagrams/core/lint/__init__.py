"""Design checks: ``lint(graph) -> list[Finding]``, pure and deterministic.

Each check reads one anti-pattern or missing principle of event-driven design from the graph
and phrases its fix as a chat instruction from the shared vocabulary, so the page can apply it
with one click through the planner's ``refine``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from diagrams.core.graph import Graph
from diagrams.core.lint.event_checks import (
    command_named_events,
    event_explosion,
    missing_partition_keys,
    unconsumed_events,
    unversioned_events,
)
from diagrams.core.lint.facts import Facts
from diagrams.core.lint.findings import Finding, Severity
from diagrams.core.lint.flow_checks import (
    consumer_failure_handling,
    consumers_without_dead_letter_queue,
    dual_writes,
    saga_compensations,
    synchronous_chains,
)

Check = Callable[[Facts], list[Finding]]

CHECKS: tuple[Check, ...] = (
    command_named_events,
    unconsumed_events,
    consumers_without_dead_letter_queue,
    consumer_failure_handling,
    saga_compensations,
    unversioned_events,
    dual_writes,
    synchronous_chains,
    event_explosion,
    missing_partition_keys,
)


def lint(graph: Graph) -> list[Finding]:
    """Every design finding for ``graph``, most severe first."""
    return lint_facts(Facts(graph))


def lint_facts(facts: Facts) -> list[Finding]:
    """``lint`` over already-built ``Facts`` (the design document reuses its own)."""
    # A fix is one line of chat: names with line breaks are flattened to spaces.
    findings = [replace(f, fix=" ".join(f.fix.split())) for check in CHECKS for f in check(facts)]
    return sorted(findings, key=Finding.sort_key)


__all__ = ["CHECKS", "Facts", "Finding", "Severity", "lint", "lint_facts"]
