"""Sections 1 and 2: the overview and each service's responsibilities."""

from __future__ import annotations

from collections import Counter

from diagrams.core.designdoc.escape import code, code_list, fenced, image_url, md, md_list, table
from diagrams.core.designdoc.mermaid import to_mermaid
from diagrams.core.designdoc.templates import render
from diagrams.core.graph import Component, ComponentKind, EventKind
from diagrams.core.lint.facts import SERVICE_KINDS, Facts

DOCUMENTED_KINDS = SERVICE_KINDS | {ComponentKind.STREAM_PROCESSOR}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def purpose(facts: Facts) -> str:
    """A summary sentence of what the system is made of and how its parts talk."""
    g = facts.graph
    services = [c for c in g.components if c.kind in DOCUMENTED_KINDS]
    commands = sum(1 for e in g.events if e.kind == EventKind.COMMAND)
    text = f"{md(g.title)} consists of {_plural(len(g.components), 'component')}"
    text += f", {_plural(len(services), 'service')} among them."
    if g.events:
        brokers = md_list([b.name for b in facts.brokers], "channels not yet named")
        text += (
            f" The services exchange {_plural(len(g.events) - commands, 'event')} and "
            f"{_plural(commands, 'command')} asynchronously over {brokers}."
        )
    else:
        text += " No events are described: the components talk synchronously."
    described = [c for c in services if c.description]
    text += "".join(f" {md(c.name)}: {md(_sentence(c.description))}" for c in described[:10])
    return text


def kinds_table(facts: Facts) -> str:
    """Components grouped by kind, as a table."""
    counts = Counter(c.kind for c in facts.graph.components)
    rows = [
        [
            kind.value.replace("_", " "),
            str(counts[kind]),
            md_list([c.name for c in facts.graph.components if c.kind == kind]),
        ]
        for kind in ComponentKind
        if counts[kind]
    ]
    return table(["Kind", "Count", "Components"], rows) or "No components are described yet."


def patterns_text(facts: Facts) -> str:
    """The patterns in use, one clause each."""
    parts = []
    for p in facts.graph.patterns:
        style = f", {p.style.value}" if p.style else ""
        members = md_list([facts.name(c) for c in p.components], "the whole system")
        parts.append(f"{p.kind.value.replace('_', ' ')} ({md(p.name)}{style}; {members})")
    return "; ".join(parts) + "." if parts else "none declared."


def diagram(facts: Facts, url: str | None) -> str:
    """The diagram: the caller's image, or the Mermaid flowchart."""
    if url:
        return f"![Architecture diagram of {md(facts.graph.title)}]({image_url(url)})"
    return fenced(to_mermaid(facts.graph).rstrip("\n"), "mermaid")


def overview_section(facts: Facts, url: str | None) -> str:
    """Section 1."""
    return render(
        "_overview.md",
        purpose=purpose(facts),
        kinds=kinds_table(facts),
        patterns=patterns_text(facts),
        diagram=diagram(facts, url),
    )


def _service(facts: Facts, c: Component) -> str:
    boundary = next((b.name for b in facts.graph.boundaries if b.id == c.boundary), None)
    return render(
        "_service.md",
        name=md(c.name),
        id=code(c.id),
        kind=c.kind.value.replace("_", " "),
        technology=md(c.technology) if c.technology else "not specified",
        boundary=md(boundary) if boundary else "none",
        description=md(c.description) if c.description else "none given",
        responsibilities=md_list(c.responsibilities, "none listed"),
        publishes=code_list([e.name for e in facts.produced[c.id]]),
        consumes=code_list([e.name for e in facts.consumed[c.id]]),
        stores=md_list([s.name for s in facts.stores_of(c.id)], "none"),
        calls=md_list([t.name for t in facts.calls_from(c.id)], "none"),
    )


def services_section(facts: Facts) -> str:
    """Section 2: one block per service, function, orchestrator or stream processor."""
    services = [c for c in facts.graph.components if c.kind in DOCUMENTED_KINDS]
    if not services:
        return "The description names no services yet."
    return "\n\n".join(_service(facts, c) for c in services)
