"""Submit-to-revision-ready latency through a real web server and a real Celery worker.

Runs 30 prompts one after another on (a) Redis + Postgres and (b) the embedded default
(filesystem broker + SQLite) and prints p50/p95 (targets: p50 < 300 ms Redis, < 500 ms embedded).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.stack import Stack, service_up

PROMPT = (
    "Design an event-driven order processing system with Kafka as the event bus. Include order "
    "service, payment service, inventory service, and shipping service."
)
RUNS = 30
# 31 jobs from one user in a minute is the benchmark, not abuse: lift the per-user rate limit.
ENV = {"RATE_LIMIT_JOBS": "1000"}


def measure(stack: Stack) -> list[float]:
    client = stack.user()
    client.wait_job(client.submit(PROMPT)["url"])  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        job = client.submit(PROMPT)
        done = client.wait_job(job["url"], poll=0.01)
        assert done["status"] == "succeeded", done
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"{name:32s} n={len(times)}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {max(times):6.1f} ms"
    )


def main() -> None:
    if service_up("127.0.0.1", 6379) and service_up("127.0.0.1", 5432):
        with Stack(broker="redis://127.0.0.1:6379/13", database="postgres", extra_env=ENV) as stack:
            report("redis + postgres", measure(stack))
    else:
        print("redis + postgres: skipped (services not running)")
    with Stack(broker="filesystem", database="sqlite", extra_env=ENV) as stack:
        report("embedded (filesystem + sqlite)", measure(stack))


if __name__ == "__main__":
    main()
