"""Design checks about how components exchange messages: failure handling, sagas, dual
writes and synchronous chains."""

from __future__ import annotations

from diagrams.core.graph import Event
from diagrams.core.lint.event_checks import listed
from diagrams.core.lint.facts import SERVICE_KINDS, Facts
from diagrams.core.lint.findings import Finding, Severity
from diagrams.core.lint.sagas import sagas

# A call chain through this many services inside an event-driven system is flagged.
SYNC_CHAIN_DEPTH = 3


def _without_retry_policy(facts: Facts, consumer: str, events: list[Event]) -> Finding | None:
    if facts.retry_policy_for(consumer) is not None:
        return None
    name, names = facts.name(consumer), [e.name for e in events]
    return Finding(
        "consumer-without-retry-policy",
        Severity.WARNING,
        "Consumer without a retry policy",
        f"{name} declares no retry policy for {listed(names)}: a transient fault (timeout, "
        "lock, throttling) fails the message instead of retrying it with exponential backoff "
        "and jitter.",
        f"Add retries with exponential backoff to {name}",
        (consumer,),
        tuple(names),
    )


def _not_idempotent(facts: Facts, consumer: str, events: list[Event]) -> Finding | None:
    if facts.is_idempotent(consumer):
        return None
    name, names = facts.name(consumer), [e.name for e in events]
    return Finding(
        "consumer-not-idempotent",
        Severity.INFO,
        "Consumer not declared idempotent",
        f"Brokers deliver at least once, so {name} will see {listed(names)} twice sometimes. "
        "Record processed event ids and skip repeats.",
        f"Make {name} an idempotent consumer",
        (consumer,),
        tuple(names),
    )


def consumers_without_dead_letter_queue(facts: Facts) -> list[Finding]:
    """Consumers whose failed messages have no dead-letter queue (one finding: one fix)."""
    missing = {
        consumer: [e.name for e in events if facts.dead_letter_for(consumer, e) is None]
        for consumer, events in facts.consumed.items()
    }
    missing = {c: names for c, names in missing.items() if names}
    if not missing:
        return []
    events = list(dict.fromkeys(n for names in missing.values() for n in names))
    return [
        Finding(
            "consumer-without-dead-letter-queue",
            Severity.WARNING,
            "Consumers without a dead-letter queue",
            f"{listed([facts.name(c) for c in missing])} have nowhere to park "
            f"{listed(events)} when processing keeps failing: a poison message blocks its "
            "partition or is lost.",
            "Add a dead letter queue for failed events",
            tuple(missing),
            tuple(events),
        )
    ]


def consumer_failure_handling(facts: Facts) -> list[Finding]:
    """Consumers without a retry policy, or not idempotent."""
    checks = (_without_retry_policy, _not_idempotent)
    found = (check(facts, c, events) for c, events in facts.consumed.items() for check in checks)
    return [f for f in found if f is not None]


def saga_compensations(facts: Facts) -> list[Finding]:
    """Saga steps that can fail but have no compensating event or command."""
    findings = []
    for saga in sagas(facts):
        for step in saga.steps:
            if not step.needs_compensation or step.compensation is not None:
                continue
            findings.append(
                Finding(
                    "saga-step-without-compensation",
                    Severity.ERROR,
                    "Saga step without compensation",
                    f"Step {step.number} of the saga {saga.pattern.name} ({step.event.name}) "
                    "has no compensating event: when a later step fails, its effect cannot "
                    "be undone and the saga leaves data inconsistent.",
                    f"Add a compensating event for {step.event.name}",
                    (step.event.producer,),
                    (step.event.name,),
                )
            )
    return findings


def dual_writes(facts: Facts) -> list[Finding]:
    """Producers that write their database and publish without an outbox or CDC."""
    findings = []
    for producer in facts.produced:
        stores = facts.writes_to(producer)
        if not stores or not facts.publishes(producer) or facts.outbox_of(producer):
            continue
        name = facts.name(producer)
        events = [e.name for e in facts.produced[producer]]
        findings.append(
            Finding(
                "dual-write-without-outbox",
                Severity.ERROR,
                "Dual write without an outbox",
                f"{name} writes {listed([s.name for s in stores])} and publishes "
                f"{listed(events)} in two separate steps: a crash between them loses the "
                "event or publishes one for a change that was rolled back.",
                f"Add a transactional outbox to {name}",
                (producer, *(s.id for s in stores)),
                tuple(events),
            )
        )
    return findings


def _longest_chains(facts: Facts) -> dict[str, list[str]]:
    """For each service, the longest chain of synchronous calls through services from it."""
    calls = {
        s.id: [c.id for c in facts.calls_from(s.id) if c.kind in SERVICE_KINDS]
        for s in facts.services()
    }
    best: dict[str, list[str]] = {}

    def walk(node: str, on_path: set[str]) -> list[str]:
        if node in best:
            return best[node]
        on_path.add(node)
        tails = [walk(n, on_path) for n in calls.get(node, []) if n not in on_path]
        on_path.discard(node)
        chain = [node, *max(tails, key=len, default=[])]
        best[node] = chain
        return chain

    for service in calls:
        walk(service, set())
    return best


def synchronous_chains(facts: Facts) -> list[Finding]:
    """Call chains three or more services deep inside an event-driven system."""
    if not facts.is_event_driven():
        return []
    chains = _longest_chains(facts)
    findings = []
    covered: set[str] = set()
    # Longest first; a chain that starts inside one already reported is part of it.
    for start in sorted(chains, key=lambda s: -len(chains[s])):
        chain = chains[start]
        if len(chain) < SYNC_CHAIN_DEPTH:
            break
        if start in covered:
            continue
        covered |= set(chain)
        names = [facts.name(c) for c in chain]
        last_from, last_to = names[-2], names[-1]
        findings.append(
            Finding(
                "synchronous-call-chain",
                Severity.WARNING,
                "Synchronous mindset",
                f"{' -> '.join(names)} is a chain of {len(chain)} synchronous calls in an "
                "otherwise event-driven system: each hop adds latency and couples "
                "availability. Let the end of the chain react to an event instead.",
                f"Replace the synchronous call from {last_from} to {last_to} with an event",
                tuple(chain),
                (),
            )
        )
    return findings
