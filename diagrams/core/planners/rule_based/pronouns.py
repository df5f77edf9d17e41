"""What "it" means across sentences: the worker a sentence started, or the one it invokes.

"The scheduler triggers the ledger Lambda. It reads ...": "it" is the Lambda, not the scheduler;
"The visit service invokes it": "it" is the worker named most recently before, never the caller.
"""

from __future__ import annotations

from diagrams.core.planners.rule_based.clauses import Fact, Sentence
from diagrams.core.planners.rule_based.registry import Registry

# Components that do work of their own, so "it" at the start of a sentence can be about them.
_WORKERS = frozenset({"service", "function", "stream_processor", "orchestrator"})


def object_pronouns(
    found: list[Fact], sentence: Sentence, registry: Registry, recent: list[str]
) -> None:
    """ "The report service invokes it": "it" is the worker named most recently before, never
    the one doing the invoking."""
    tokens = {it.index: it.token.low for it in sentence.items}
    for f in found:
        starts = f.verb in ("trigger", "command") or f.lemma in ("call", "invoke")
        if f.target or f.events or not starts or tokens.get(f.pos + 1) != "it":
            continue
        if any(it.kind == "e" and it.index < f.pos for it in sentence.items):
            continue  # "emits RoutePlanned; the app gets it": the event
        earlier = recent + [it.key for it in sentence.items if it.kind == "m" and it.index < f.pos]
        workers = [k for k in earlier if k != f.source and registry.kind(k) in _WORKERS]
        if workers:
            f.target = workers[-1]


def referent(found: list[Fact], registry: Registry) -> str | None:
    """What a sentence-initial "it" in the next sentence means: the last subject, or the
    component that subject started ("the scheduler triggers the report Lambda. It reads ..."),
    since the one acting on a worker is not the one that goes on working."""
    acts = [f for f in found if f.verb not in ("for", "via")]
    if not acts:
        return None
    last = acts[-1]
    started = last.verb in ("trigger", "command") or last.lemma == "invoke"
    worker = last.target is not None and registry.kind(last.target) in _WORKERS
    if worker and (started or registry.kind(last.source) not in _WORKERS):
        return last.target
    return last.source
