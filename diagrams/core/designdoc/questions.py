"""Sections 7 and 8: the design findings, and what the description left undecided."""

from __future__ import annotations

from diagrams.core.designdoc.escape import code, code_list, md, md_list, table
from diagrams.core.graph import ComponentKind, FlowKind
from diagrams.core.lint.facts import Facts
from diagrams.core.lint.findings import Finding
from diagrams.core.lint.sagas import sagas

_LISTED = 8


def findings_section(facts: Facts, findings: list[Finding]) -> str:
    """Section 7: every finding with its one-click fix."""
    if not findings:
        return "No design findings: every check passed."
    rows = [
        [
            f.severity.value,
            code(f.check_id),
            md(f.message),
            _concerns(facts, f),
            f"“{md(f.fix)}”",
        ]
        for f in findings
    ]
    intro = "Each fix is a chat instruction: apply it from the page, or type it in the chat.\n\n"
    return intro + table(["Severity", "Check", "Finding", "Concerns", "Fix"], rows)


def _names(items: list[str]) -> str:
    return md_list(items, limit=_LISTED)


def _concerns(facts: Facts, finding: Finding) -> str:
    names = md_list([facts.name(c) for c in finding.components], "")
    events = code_list(list(finding.events), "")
    return ", ".join(part for part in (names, events) if part)


def _component_questions(facts: Facts) -> list[str]:
    g = facts.graph
    questions = []
    if not g.components:
        questions.append("What does the system do? The description names no components yet.")
    untyped = [c.name for c in g.components if not c.technology]
    if untyped:
        questions.append(f"Which technology will {_names(untyped)} use?")
    services = [c for c in g.components if c.kind == ComponentKind.SERVICE]
    if len(services) > 1 and not g.boundaries:
        questions.append("Which team owns each service, and which bounded context is it in?")
    if any(f.kind == FlowKind.CALL for f in g.flows):
        questions.append("What timeout, retry and fallback applies to each synchronous call?")
    for read_model in (c for c in g.components if c.kind == ComponentKind.READ_MODEL):
        questions.append(f"How stale may {md(read_model.name)} be before its readers notice?")
    return questions


def _event_questions(facts: Facts) -> list[str]:
    g = facts.graph
    questions = []
    unschematized = [e.name for e in g.events if not e.schema_]
    if unschematized:
        questions.append(
            f"What data do {_names(unschematized)} carry? The catalog assumes only the aggregate's id."
        )
    unrouted = [e.name for e in g.events if facts.channel_of(e) is None]
    if unrouted:
        questions.append(f"Which topic or queue carries {_names(unrouted)}?")
    orphans = [e.name for e in g.events if not facts.consumers_of(e)]
    if orphans:
        questions.append(f"Who consumes {_names(orphans)}?")
    if g.events and not any(facts.retry_policy_for(c) for c in facts.consumed):
        questions.append("What retry budget (attempts, delays) fits each consumer's dependencies?")
    for saga in sagas(facts):
        questions.append(
            f"How long may the saga {md(saga.pattern.name)} run before it times out and compensates?"
        )
    if any(facts.family(e) == "kafka" for e in g.events):
        questions.append("How long must Kafka topics retain events to allow replay?")
    return questions


def questions_section(facts: Facts) -> str:
    """Section 8: questions the description leaves open, always including capacity targets."""
    questions = _component_questions(facts) + _event_questions(facts)
    questions.append("What throughput and latency targets (events per second, p99) must it meet?")
    questions.append("What data must be retained, for how long, and under which privacy rules?")
    return "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
