"""The job pipeline loses nothing: worker crashes, broker outages, dropped database
connections, duplicate deliveries and load, with real processes (a web server, Celery workers,
celery beat running the sweeper) on Postgres and Redis.

Jobs use the offline rule-based planner (the default), except where the model's own faults
are the point: there the LLM planner talks to a fake OpenAI server in this process, faked only
at the network boundary. Every stack has its own Postgres database and its own Redis queue;
the broker outage uses a private ``redis-server`` that the test stops and starts.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import redis

from diagrams.core.planners.llm.wire import graph_to_wire
from tests.support.fake_openai import FakeOpenAIServer, ReceivedRequest, Scripted
from tests.support.llm_samples import API_KEY, MODEL, synthetic_graph
from tests.support.servers import RedisServer
from tests.support.services import REQUIRED, require_postgres, require_redis
from tests.support.stack import Client, Stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REDIS = "redis://127.0.0.1:6379/12"
PROMPT = (
    "An order service publishes OrderPlaced to Kafka; the payment service and the shipping "
    "service consume it."
)
KILLS = 20
LOAD_CLIENTS, LOAD_PROMPTS_EACH = 20, 10


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAIServer]:
    answer = json.dumps(graph_to_wire(synthetic_graph(7)))

    def always(_: ReceivedRequest) -> Scripted:
        return Scripted(content=answer)

    with FakeOpenAIServer(responder=always) as server:
        yield server


def _require_redis_server() -> None:
    if shutil.which("redis-server"):
        return
    if REQUIRED:
        pytest.fail("redis-server is not installed (required: INFRASKETCH_REQUIRE_SERVICES=1)")
    pytest.skip("redis-server is not installed")


def _env(model: FakeOpenAIServer | None = None, **settings: object) -> dict[str, str]:
    """The stack's settings: the rule-based planner, or the LLM planner talking to ``model``."""
    env = {"RATE_LIMIT_JOBS": "10000"}
    if model is not None:
        env |= {
            "INFRASKETCH_PLANNER": "llm",
            "OPENAI_API_KEY": API_KEY,
            "OPENAI_MODEL": MODEL,
            "OPENAI_BASE_URL": model.base_url,
        }
    return env | {name: str(value) for name, value in settings.items()}


def _counts(stack: Stack) -> dict[str, int]:
    jobs = dict(stack.sql("SELECT status, count(*) FROM diagrams_job GROUP BY status"))
    [(revisions, jobs_with_revision)] = stack.sql(
        "SELECT count(*), count(DISTINCT job_id) FROM diagrams_revision"
    )
    return {**jobs, "revisions": revisions, "jobs_with_revision": jobs_with_revision}


def _wait_for_log(stack: Stack, pattern: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if match := re.search(pattern, stack.logs()):
            return match.group(0)
        time.sleep(0.1)
    raise AssertionError(f"no log line matches {pattern!r}:\n{stack.logs()[-3000:]}")


def _succeeded(client: Client, job: dict[str, Any], stack: Stack, timeout: float = 60.0) -> Any:
    done = client.wait_job(job["url"], timeout=timeout)
    assert done["status"] == "succeeded", done["error"] + stack.logs()[-3000:]
    return done


def test_a_worker_killed_mid_job_is_replaced_and_every_job_completes_once() -> None:
    require_redis()
    require_postgres()
    env = _env(
        INFRASKETCH_TEST_JOB_DELAY=0.6,
        JOB_RUNNING_DEADLINE_SECONDS=2,
        # A busy machine can stretch an attempt past that deadline: the sweeper then starts
        # another (still one revision), which must not use up the job's attempts.
        JOB_MAX_ATTEMPTS=8,
        JOB_SWEEP_INTERVAL_SECONDS=0.5,
        CELERY_VISIBILITY_TIMEOUT=5,
    )
    with Stack(broker=REDIS, database="postgres", extra_env=env) as stack:
        stack.start_beat()
        [client] = stack.clients(1)
        # A second worker, so a job's recovery never waits for a replacement to boot.
        stack.start_worker()
        for run in range(KILLS):
            job = client.submit(f"{PROMPT} (run {run})")
            running = client.wait_status(job["url"], ("running",), timeout=30)
            # SIGKILL the worker while the job sleeps in the test hook, and start a new one.
            stack.kill_worker(stack.worker_running(running["code"]))
            stack.start_worker()
            done = _succeeded(client, job, stack, timeout=45)
            assert done["attempts"] >= 2, "the job finished before its worker was killed"
        counts = _counts(stack)
    assert counts == {"succeeded": KILLS, "revisions": KILLS, "jobs_with_revision": KILLS}


def test_without_the_sweeper_redis_redelivers_a_killed_workers_job_and_it_completes_once() -> None:
    require_redis()
    require_postgres()
    env = _env(
        INFRASKETCH_TEST_JOB_DELAY=0.6, JOB_RUNNING_DEADLINE_SECONDS=2, CELERY_VISIBILITY_TIMEOUT=3
    )
    with Stack(broker=REDIS, database="postgres", extra_env=env) as stack:  # no beat
        [client] = stack.clients(1)
        job = client.submit(PROMPT)
        code = client.wait_status(job["url"], ("running",), timeout=30)["code"]
        stack.kill_worker(stack.worker_running(code))
        stack.start_worker()
        # The unacknowledged message comes back after the visibility timeout, and its
        # delivery takes over the job whose lease ran out.
        assert _succeeded(client, job, stack)["attempts"] == 2
        assert "sweeper" not in stack.logs()
        counts = _counts(stack)
    assert counts == {"succeeded": 1, "revisions": 1, "jobs_with_revision": 1}


def test_prompts_submitted_while_the_broker_is_down_run_once_it_is_back() -> None:
    require_postgres()
    _require_redis_server()
    env = _env(JOB_SWEEP_INTERVAL_SECONDS=0.5, JOB_PENDING_REQUEUE_SECONDS=2)
    with (
        RedisServer() as broker,
        Stack(broker=broker.url, database="postgres", extra_env=env) as stack,
    ):
        stack.start_beat()
        [client] = stack.clients(1)
        _succeeded(client, client.submit(PROMPT), stack)
        broker.stop()
        started = time.monotonic()
        jobs = [client.submit(f"{PROMPT} (outage {n})") for n in range(3)]  # 202, not 500
        assert time.monotonic() - started < 10, "submitting waited on the missing broker"
        assert [client.job(job["url"])["status"] for job in jobs] == ["pending"] * 3
        time.sleep(1)
        broker.start()
        for job in jobs:
            _succeeded(client, job, stack, timeout=90)
        assert _counts(stack)["revisions"] == 4


def test_dropped_database_connections_do_not_fail_the_next_job() -> None:
    require_redis()
    require_postgres()
    env = _env(INFRASKETCH_TEST_JOB_DELAY=1.0)
    with Stack(broker=REDIS, database="postgres", extra_env=env) as stack:
        [client] = stack.clients(1)
        _succeeded(client, client.submit(PROMPT), stack)
        # What a Postgres restart does to an idle worker. (Celery's Django fixup closes a
        # worker's connections after every task, so the ones dropped here are the web
        # server's; the mid-job drop below is the one a worker has to survive.)
        stack.terminate_database_connections()
        idle = _succeeded(client, client.submit(f"{PROMPT} (after the restart)"), stack)
        assert idle["attempts"] == 1

        job = client.submit(f"{PROMPT} (dropped while running)")
        client.wait_status(job["url"], ("running",))
        assert stack.terminate_database_connections() >= 1  # the worker's, mid-job
        mid_job = _succeeded(client, job, stack)
        assert mid_job["attempts"] == 2  # a transient fault: released, retried, succeeded
        assert _counts(stack)["revisions"] == 3


def test_the_same_task_message_delivered_twice_makes_one_revision() -> None:
    require_redis()
    require_postgres()
    with Stack(broker=REDIS, database="postgres", workers=0, extra_env=_env()) as stack:
        [client] = stack.clients(1)
        job = client.submit(PROMPT)
        with redis.Redis.from_url(REDIS) as broker:
            [message] = broker.lrange(stack.queue, 0, -1)
            broker.lpush(stack.queue, message)
            assert broker.llen(stack.queue) == 2
        stack.start_worker()
        stack.start_worker()  # two workers race for the two copies
        _succeeded(client, job, stack)
        _wait_for_log(stack, r"already claimed or finished; delivery ignored")
        counts = _counts(stack)
    assert counts == {"succeeded": 1, "revisions": 1, "jobs_with_revision": 1}


def test_a_rate_limited_model_is_retried_after_its_retry_after(model) -> None:
    require_redis()
    require_postgres()
    with Stack(broker=REDIS, database="postgres", extra_env=_env(model)) as stack:
        [client] = stack.clients(1)
        model.reply_error(429, "Rate limit reached", headers={"Retry-After": "1"})
        started = time.monotonic()
        done = _succeeded(client, client.submit(PROMPT), stack)
        assert done["attempts"] == 2
        assert time.monotonic() - started >= 1.0  # waited at least Retry-After
        _wait_for_log(stack, r"job=[0-9a-f-]{36} job id \d+ hit a transient fault, retry in")


def test_two_hundred_prompts_from_twenty_clients_each_make_one_revision() -> None:
    require_redis()
    require_postgres()
    with Stack(broker=REDIS, database="postgres", workers=2, extra_env=_env()) as stack:
        clients = stack.clients(LOAD_CLIENTS)

        def submit_and_wait(index: int) -> list[str]:
            client = clients[index]
            jobs = [client.submit(f"{PROMPT} ({index}.{n})") for n in range(LOAD_PROMPTS_EACH)]
            return [client.wait_job(job["url"], timeout=180, poll=0.2)["status"] for job in jobs]

        with ThreadPoolExecutor(LOAD_CLIENTS) as pool:
            statuses = [
                s for batch in pool.map(submit_and_wait, range(LOAD_CLIENTS)) for s in batch
            ]
        total = LOAD_CLIENTS * LOAD_PROMPTS_EACH
        assert statuses == ["succeeded"] * total
        assert _counts(stack) == {
            "succeeded": total,
            "revisions": total,
            "jobs_with_revision": total,
        }
        logs = stack.logs()
        assert "ERROR" not in logs and "Traceback" not in logs, logs[-3000:]
        # One request can be followed across processes by its job code.
        code = re.search(r"job=([0-9a-f-]{36}) job \1 created", stack.log("web"))
        assert code is not None and f"job={code.group(1)} job {code.group(1)} succeeded" in logs
