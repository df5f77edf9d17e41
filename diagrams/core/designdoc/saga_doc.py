"""Section 5: each saga as a table of steps with their compensations."""

from __future__ import annotations

from diagrams.core.designdoc.escape import code, code_list, md, md_list, table
from diagrams.core.designdoc.templates import render
from diagrams.core.graph import SagaStyle
from diagrams.core.lint.facts import Facts
from diagrams.core.lint.sagas import Saga, SagaStep, sagas


def _compensation_cell(facts: Facts, step: SagaStep) -> str:
    if step.compensation is not None:
        comp = step.compensation
        return f"{code(comp.name)} ({comp.kind.value}) by {md(facts.name(comp.producer))}"
    if step.needs_compensation:
        return "**missing**: see the design findings"
    return "none needed (pivot: the saga completes when this step succeeds)"


def _replies_text(step: SagaStep) -> str:
    return "; replies " + code_list(list(step.replies)) if step.replies else ""


def _coordination(facts: Facts, saga: Saga) -> str:
    if saga.style == SagaStyle.ORCHESTRATION:
        who = (
            md(facts.name(saga.orchestrator))
            if saga.orchestrator
            else "an orchestrator not yet named"
        )
        return (
            f"orchestration by {who}: it sends each command, waits for the reply, and on a "
            "failure sends the compensating commands for the completed steps in reverse order. "
            "It persists the saga state so a restart resumes where it stopped."
        )
    return (
        "choreography: each participant reacts to the previous step's event and publishes "
        "its own; a failure event makes the participants of completed steps publish their "
        "compensating events, in reverse order. No component holds the whole saga's state."
    )


def saga_block(facts: Facts, saga: Saga) -> str:
    """One saga's description and step table."""
    rows = [
        [
            str(step.number),
            md(facts.name(step.event.producer)),
            f"{code(step.event.name)} ({step.event.kind.value})" + _replies_text(step),
            md_list([facts.name(h) for h in step.handlers], "nobody"),
            _compensation_cell(facts, step),
        ]
        for step in saga.steps
    ]
    steps = table(["#", "Step by", "Event / command", "Handled by", "Compensation"], rows)
    failures = ""
    if saga.failure_events:
        names = code_list([e.name for e in saga.failure_events])
        failures = f"**Failure signals** that start compensation: {names}."
    return render(
        "_saga.md",
        name=md(saga.pattern.name),
        coordination=_coordination(facts, saga),
        participants=md_list([facts.name(c) for c in saga.pattern.components], "the whole system"),
        steps=steps or "No steps: no event in the graph moves this saga forward yet.",
        failures=failures,
    )


def sagas_section(facts: Facts) -> str:
    """Section 5."""
    found = sagas(facts)
    if not found:
        return "No saga is described: no business transaction spans several services."
    return "\n\n".join(saga_block(facts, s) for s in found)
