"""A real InfraSketch stack in subprocesses: a web server and Celery workers sharing a database
and a broker, driven over HTTP like a browser would. Used by the integration tests and the
benchmarks under bench/.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.support.net import free_port, service_up
from tests.support.servers import (
    PG_ADMIN_URL,
    RedisServer,
    postgres_database,
    postgres_drop,
    postgres_template,
    postgres_terminate_backends,
)

__all__ = [
    "PG_ADMIN_URL",
    "Client",
    "RedisServer",
    "Stack",
    "free_port",
    "postgres_database",
    "postgres_drop",
    "service_up",
]

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
CELERY = str(Path(PY).with_name("celery"))


@dataclass
class Stack:
    """Web server + workers. ``broker`` is a URL or "filesystem"; ``database`` a URL or
    "sqlite" (a file in a temporary folder)."""

    broker: str = "filesystem"
    database: str = "sqlite"
    workers: int = 1
    extra_env: dict[str, str] = field(default_factory=dict)
    web: str = "runserver"  # or "gunicorn"
    access_log: bool = True  # gunicorn's per-request log line
    web_threads: int = 1  # gunicorn threads per worker (> 1: the gthread worker class)
    # Each stack has its own queue, so stacks sharing one Redis never take each other's tasks.
    queue: str = field(default_factory=lambda: f"infrasketch-it-{uuid.uuid4().hex[:10]}")
    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="infrasketch-it-")))
    port: int = field(default_factory=free_port)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    worker_procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _pg_name: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "CELERY_"))}
        env.update(
            DEBUG="1",
            INFRASKETCH_VAR_DIR=str(self.tmp),
            INFRASKETCH_PLANNER="rule_based",
            JOB_PENDING_REQUEUE_SECONDS="5",
            PYTHONUNBUFFERED="1",
            CELERY_TASK_DEFAULT_QUEUE=self.queue,
        )
        if self.database != "sqlite":
            env["DATABASE_URL"] = self.database
        if self.broker != "filesystem":
            env["CELERY_BROKER_URL"] = self.broker
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, database: str | None = None) -> str:
        env = self.env() | ({"DATABASE_URL": database} if database else {})
        done = subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, timeout=180
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {args[0]} failed: {done.stderr.decode()[-2000:]}")
        return done.stdout.decode()

    def start(self) -> Stack:
        if self.database == "postgres":
            template = postgres_template(
                lambda url: self.manage("migrate", "--noinput", database=url)
            )
            self.database, self._pg_name = postgres_database(template=template)
        else:
            self.manage("migrate", "--noinput")
        self._start_web()
        for _ in range(self.workers):
            self.start_worker()
        self._wait_http()
        return self

    def _spawn(self, cmd: list[str], name: str) -> subprocess.Popen[bytes]:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        return subprocess.Popen(cmd, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT)

    def _start_web(self) -> None:
        if self.web == "gunicorn":
            cmd = [
                str(Path(PY).with_name("gunicorn")), "infrasketch.wsgi", "-w", "2",
                "-b", f"127.0.0.1:{self.port}",
            ]  # fmt: skip
            cmd += ["--access-logfile", "-"] if self.access_log else []
            cmd += ["--threads", str(self.web_threads)] if self.web_threads > 1 else []
        else:
            cmd = [PY, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        self.procs.append(self._spawn(cmd, "web"))

    def start_worker(self, *, beat: bool = False) -> subprocess.Popen[bytes]:
        name = f"worker{len(self.worker_procs) + 1}"
        cmd = [CELERY, "-A", "infrasketch", "worker", "--pool=solo", "-c", "1", "-n", f"{name}@%h"]
        cmd += ["--loglevel=INFO", "--without-gossip", "--without-mingle"]
        if beat:
            cmd += ["--beat", "--schedule", str(self.tmp / "beat-schedule")]
        proc = self._spawn(cmd, name)
        self.worker_procs.append(proc)
        return proc

    def start_beat(self) -> subprocess.Popen[bytes]:
        """The scheduler that sends the job sweeper every JOB_SWEEP_INTERVAL_SECONDS, in its
        own process so that killing a worker does not stop it."""
        cmd = [CELERY, "-A", "infrasketch", "beat", "--loglevel=INFO"]
        cmd += ["--schedule", str(self.tmp / "beat-schedule")]
        proc = self._spawn(cmd, "beat")
        self.procs.append(proc)
        return proc

    def kill_worker(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        proc.send_signal(sig)
        proc.wait(timeout=30)

    def worker_running(self, job_code: str, timeout: float = 10.0) -> subprocess.Popen[bytes]:
        """The live worker whose log says it started running job ``job_code``."""
        needle = f"job {job_code} running"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for number, proc in enumerate(self.worker_procs, start=1):
                if proc.poll() is None and needle in self.log(f"worker{number}"):
                    return proc
            time.sleep(0.02)
        raise RuntimeError(f"no live worker is running job {job_code}")

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of ``query`` on the stack's database, read from outside the stack."""
        if self.database == "sqlite":
            import sqlite3

            with closing(sqlite3.connect(self.tmp / "infrasketch.sqlite3")) as conn:
                return list(conn.execute(query.replace("%s", "?"), params).fetchall())
        import psycopg

        with psycopg.connect(self.database) as conn:
            return list(conn.execute(query, params).fetchall())

    def terminate_database_connections(self) -> int:
        """Drop the stack's Postgres connections, as a database restart would."""
        if self._pg_name is None:
            raise RuntimeError("only a stack on Postgres has connections to drop")
        return postgres_terminate_backends(self._pg_name)

    def logs(self) -> str:
        """Every process's log, for assertions about errors."""
        return "".join(p.read_text(errors="replace") for p in sorted(self.tmp.glob("*.log")))

    def _wait_http(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/accounts/login/", timeout=5)
                return
            except requests.RequestException:  # not listening yet, or still starting up
                time.sleep(0.1)
        raise RuntimeError(f"web server did not start: {self.log('web')[-2000:]}")

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        for proc in self.procs + self.worker_procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs + self.worker_procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self._pg_name:
            postgres_drop(self._pg_name)
        if self.broker.startswith("redis://"):
            self._drop_queue()

    def _drop_queue(self) -> None:
        import redis

        try:
            with redis.Redis.from_url(self.broker, socket_connect_timeout=2) as r:
                r.delete(self.queue, f"_kombu.binding.{self.queue}")
        except redis.RedisError:
            pass  # a broker that is gone has no queue to clean up

    def __enter__(self) -> Stack:
        try:
            return self.start()
        except BaseException:
            self.stop()  # a stack that failed to start leaves no process or database behind
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def user(self, username: str = "alice", password: str = "correct-horse-battery-9") -> Client:
        script = (
            "from django.contrib.auth import get_user_model as g;"
            f"u,_=g().objects.get_or_create(username={username!r});"
            f"u.set_password({password!r});u.save()"
        )
        self.manage("shell", "-c", script)
        client = Client(self.url)
        client.login(username, password)
        return client

    def clients(self, count: int, prefix: str = "user") -> list[Client]:
        """``count`` clients, each signed in as its own user. Sessions are made in one
        ``manage.py shell`` without password hashing, so hundreds cost a second."""
        script = (
            "from importlib import import_module\n"
            "from django.conf import settings\n"
            "from django.contrib import auth\n"
            "Store = import_module(settings.SESSION_ENGINE).SessionStore\n"
            f"for i in range({count}):\n"
            f"    u, _ = auth.get_user_model().objects.get_or_create(username=f'{prefix}{{i}}')\n"
            "    s = Store()\n"
            "    s[auth.SESSION_KEY] = str(u.pk)\n"
            "    s[auth.BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]\n"
            "    s[auth.HASH_SESSION_KEY] = u.get_session_auth_hash()\n"
            "    s.create()\n"
            "    print('session:', settings.SESSION_COOKIE_NAME, s.session_key)\n"
        )
        clients = []
        for line in self.manage("shell", "-c", script).splitlines():
            if not line.startswith("session: "):
                continue
            _, name, key = line.split()
            client = Client(self.url)
            client.http.cookies.set(name, key, domain="127.0.0.1", path="/")
            clients.append(client)
        return clients


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Client:
    """A logged-in browser-like HTTP client (session cookie + CSRF)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def csrf(self, path: str) -> str:
        page = self.http.get(self.base + path, timeout=10)
        match = _CSRF.search(page.text)
        if match is None:
            raise RuntimeError(f"no CSRF token on {path} ({page.status_code})")
        return match.group(1)

    def login(self, username: str, password: str) -> None:
        token = self.csrf("/accounts/login/")
        r = self.http.post(
            self.base + "/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            timeout=10,
        )
        if "sessionid" not in self.http.cookies:
            raise RuntimeError(f"login failed ({r.status_code})")

    def post(self, path: str, data: dict[str, str], **kw: Any) -> requests.Response:
        if "csrftoken" not in self.http.cookies:
            self.csrf("/")
        token = str(self.http.cookies["csrftoken"])
        headers = {"X-CSRFToken": token, "Referer": self.base + "/", **kw.pop("headers", {})}
        # Sent explicitly: with DEBUG off the cookie is Secure, which requests keeps off http.
        cookies = {"csrftoken": token}
        return self.http.post(
            self.base + path, data=data, headers=headers, cookies=cookies, timeout=30, **kw
        )

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.http.get(self.base + path, timeout=30, **kw)

    def submit(self, prompt: str) -> dict[str, Any]:
        """POST a prompt as the home page's script does; returns the accepted job's JSON."""
        r = self.post("/", {"prompt": prompt}, headers={"Accept": "application/json"})
        if r.status_code != 202:
            raise RuntimeError(f"submit failed: {r.status_code} {r.text[:300]}")
        job: dict[str, Any] = r.json()
        return job

    def job(self, job_url: str) -> dict[str, Any]:
        job: dict[str, Any] = self.get(job_url, headers={"Accept": "application/json"}).json()
        return job

    def wait_job(self, job_url: str, timeout: float = 60.0, poll: float = 0.02) -> dict[str, Any]:
        return self.wait_status(job_url, ("succeeded", "failed"), timeout=timeout, poll=poll)

    def wait_status(
        self, job_url: str, statuses: tuple[str, ...], timeout: float = 60.0, poll: float = 0.02
    ) -> dict[str, Any]:
        """The job's JSON as soon as its status is one of ``statuses``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.job(job_url)
            if job["status"] in statuses:
                return job
            time.sleep(poll)
        raise TimeoutError(f"job {job_url} did not reach {statuses} in {timeout} s")
