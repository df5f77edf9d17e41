"""Offline planner speed: a 300-word description must plan in under 50 ms, linear in length.

Prints the median time of plan() for descriptions of 100 to 1,600 words (distinct sentences,
not one sentence repeated) and the time per word, then a refinement's median time.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from diagrams.core.planners.rule_based import RuleBasedPlanner

RUNS = 15
DOMAINS = (
    "order",
    "payment",
    "inventory",
    "shipping",
    "billing",
    "catalog",
    "pricing",
    "review",
    "loyalty",
    "fraud",
    "account",
    "invoice",
    "ledger",
    "dispatch",
    "routing",
    "rating",
    "booking",
    "ticket",
    "claim",
    "report",
    "search",
    "profile",
    "cart",
    "delivery",
    "refund",
    "session",
    "device",
    "tenant",
    "coupon",
    "warehouse",
)
TECH = ("Postgres", "MongoDB", "DynamoDB", "Redis", "Cassandra", "MySQL")


def description(words: int) -> str:
    """A realistic event-driven description of about ``words`` words."""
    sentences = [
        "The web app calls an API gateway, which routes requests to the order service "
        "and the catalog service over REST. Services publish events to Kafka."
    ]
    i = 0
    while sum(len(s.split()) for s in sentences) < words:
        a, b = DOMAINS[i % len(DOMAINS)], DOMAINS[(i + 1) % len(DOMAINS)]
        event = f"{a.title()}{('Created', 'Updated', 'Approved')[i % 3]}"
        sentences.append(
            f"The {a} service stores {a}s in {TECH[i % len(TECH)]} and publishes {event} to "
            f"Kafka; when the {b} service receives {event} it updates its own records."
        )
        i += 1
    return " ".join(sentences)


def median_ms(fn, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    planner = RuleBasedPlanner()
    planner.plan(description(100))
    print(f"{'words':>6} {'median ms':>10} {'us/word':>8}")
    rows = []
    for words in (100, 200, 300, 400, 800, 1200):
        text = description(words)
        count = len(text.split())
        ms = median_ms(planner.plan, text)
        rows.append((count, ms))
        print(f"{count:>6} {ms:>10.2f} {ms * 1000 / count:>8.1f}")
    three_hundred = next(ms for count, ms in rows if count >= 300)
    ratio = rows[-1][1] / rows[0][1]
    growth = rows[-1][0] / rows[0][0]
    print(f"300-word description: {three_hundred:.1f} ms (target < 50 ms)")
    print(f"time x{ratio:.1f} for words x{growth:.1f} (linear: about the same)")
    graph = planner.plan(description(300)).graph
    ms = median_ms(planner.refine, graph, "Add a dead letter queue for failed events")
    print(f"refine (add a dead letter queue) on that graph: {ms:.1f} ms")
    return 0 if three_hundred < 50 else 1


if __name__ == "__main__":
    raise SystemExit(main())
