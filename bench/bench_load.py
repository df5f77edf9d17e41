"""Requests per second and latency of the hot read paths under load, on loopback.

gunicorn (2 sync workers, DEBUG off) + Postgres + Redis (broker and export cache), one Celery
worker. One diagram is made through the real pipeline, then `wrk` (Debian: apt-get install wrk)
drives each endpoint for 30 s with a signed-in session cookie:

- the diagram page (HTML with the inline SVG, from the export cache),
- a cached SVG export,
- the job-status poll (JSON).

Targets: >= 300 requests/s for the cached export and the job poll, p95 < 100 ms, zero errors.
Usage: .venv/bin/python bench/bench_load.py [--seconds 30] [--connections 8]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.stack import Stack, service_up

PROMPT = (
    "Design an event-driven order processing system with Kafka as the event bus. Include order "
    "service, payment service, inventory service, and shipping service."
)
REDIS = "redis://127.0.0.1:6379"
TARGET_RPS, TARGET_P95_MS = 300, 100.0

# wrk calls done() once at the end; latencies are in microseconds.
REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def stack_for_bench(threads: int = 1) -> Stack:
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_URL": f"{REDIS}/10",
        "LOG_LEVEL": "WARNING",
    }
    return Stack(
        broker=f"{REDIS}/11",
        database="postgres",
        web="gunicorn",
        access_log=False,
        web_threads=threads,
        extra_env=env,
    )


def wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT_LUA)
    cmd = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "-s", script.name]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 60).stdout
    os.unlink(script.name)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    requests, duration_us, p50, p95, p99, worst, errors = (int(g) for g in match.groups())
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "max": worst / 1000,
        "errors": errors,
        "requests": requests,
    }


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each of ``pids`` still alive, from /proc."""
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def _server_pids(stack: Stack) -> dict[str, list[int]]:
    """gunicorn's master and workers, and the Postgres backends serving the stack's database."""
    web = stack.procs[0].pid
    workers = subprocess.run(["pgrep", "-P", str(web)], capture_output=True, text=True).stdout
    backends = stack.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
    return {"gunicorn": [web, *map(int, workers.split())], "postgres": [p for (p,) in backends]}


def _wrk_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(stack: Stack, url: str, headers: dict[str, str], args: Any) -> dict[str, float]:
    """wrk's numbers plus the CPU each request cost gunicorn, Postgres and wrk itself."""
    before = {name: _cpu_seconds(p) for name, p in _server_pids(stack).items()}
    wrk_before = _wrk_cpu()
    result = wrk(url, headers, args.seconds, args.connections)
    spent = {"wrk": _wrk_cpu() - wrk_before}
    # Per process: a Postgres backend opened during the run counts from zero. One that closed
    # during it is not counted, so the Postgres figure is a lower bound.
    for name, pids in _server_pids(stack).items():
        after = _cpu_seconds(pids)
        spent[name] = sum(cpu - before[name].get(pid, 0.0) for pid, cpu in after.items())
    for name, seconds in spent.items():
        result[f"cpu_{name}"] = seconds * 1000 / max(result["requests"], 1)
    return result


def report(name: str, r: dict[str, float], targeted: bool) -> bool:
    ok = r["errors"] == 0 and (
        not targeted or (r["rps"] >= TARGET_RPS and r["p95"] < TARGET_P95_MS)
    )
    verdict = (
        ("meets target" if ok else "MISSES target") if targeted else ("ok" if ok else "ERRORS")
    )
    print(
        f"{name:24s} {r['rps']:7.0f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  "
        f"p99 {r['p99']:6.1f} ms  max {r['max']:7.1f} ms  {int(r['requests'])} requests, "
        f"{int(r['errors'])} errors  [{verdict}]",
        flush=True,
    )
    cpu = r["cpu_gunicorn"] + r["cpu_postgres"] + r["cpu_wrk"]
    print(
        f"{'':24s} CPU per request: gunicorn {r['cpu_gunicorn']:.2f} ms, Postgres "
        f"{r['cpu_postgres']:.2f} ms, wrk {r['cpu_wrk']:.2f} ms -> at most "
        f"{2000 / cpu:.0f} req/s on 2 idle cores",
        flush=True,
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk")
        return 2
    if not (service_up("127.0.0.1", 6379) and service_up("127.0.0.1", 5432)):
        print("bench_load needs Postgres on 5432 and Redis on 6379")
        return 2
    with stack_for_bench(args.threads) as stack:
        [client] = stack.clients(1, prefix="bench")
        done = client.wait_job(client.submit(PROMPT)["url"])
        if done["status"] != "succeeded":
            print(f"the diagram could not be made: {done['error']}")
            return 1
        cookie = "; ".join(f"{c.name}={c.value}" for c in client.http.cookies)
        targets = [
            ("diagram page", done["diagram_url"], {}, False),
            ("cached SVG export", done["diagram_url"] + "r/1/export/svg/", {}, True),
            ("job-status poll", done["url"], {"Accept": "application/json"}, True),
        ]
        print(
            f"gunicorn -w 2 --threads {args.threads}, Postgres, Redis; "
            f"wrk -t1 -c{args.connections}, {args.seconds} s each; "
            f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        results = []
        for name, path, extra, targeted in targets:
            assert client.get(path, headers=extra).status_code == 200  # warm the cache
            measured = measure(stack, stack.url + path, {"Cookie": cookie, **extra}, args)
            results.append(report(name, measured, targeted))
        return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
