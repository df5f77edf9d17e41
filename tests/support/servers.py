"""Database and broker servers for the real-process tests: fresh Postgres databases copied from
a migrated template, and a private ``redis-server`` a test may stop and start.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.net import free_port, service_up

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
TEMPLATE_LOCK = 0x1F5_CE7C  # advisory lock id: building the migrated template database


def postgres_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def postgres_database(template: str | None = None) -> tuple[str, str]:
    """A fresh Postgres database, empty or a copy of ``template``: (url, name). Drop it with
    ``postgres_drop``."""
    import psycopg

    name = f"infrasketch_it_{uuid.uuid4().hex[:10]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return postgres_url(name), name


def _migrations_digest() -> str:
    digest = hashlib.sha256(importlib.metadata.version("django").encode())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def postgres_template(migrate: Callable[[str], object]) -> str:
    """The name of a migrated database that stacks copy instead of migrating their own (a
    copy takes a fraction of a second). One per set of migrations, built once by ``migrate``
    under an advisory lock, so concurrent test runs never copy a half-built one."""
    import psycopg

    name = f"infrasketch_tpl_{_migrations_digest()}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (TEMPLATE_LOCK,))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists is None:
            _drop_old_templates(conn)
            conn.execute(f'CREATE DATABASE "{name}"')
            try:
                migrate(postgres_url(name))
            except BaseException:
                conn.execute(f'DROP DATABASE "{name}"')
                raise
        conn.execute("SELECT pg_advisory_unlock(%s)", (TEMPLATE_LOCK,))
    return name


def _drop_old_templates(conn: Any) -> None:
    """Templates of earlier migration sets are never copied again."""
    import psycopg

    old = conn.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE 'infrasketch\\_tpl\\_%'"
    ).fetchall()
    for (name,) in old:
        # One in use is being copied by a run that has not seen the new migrations yet.
        with contextlib.suppress(psycopg.errors.ObjectInUse):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def postgres_drop(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_terminate_backends(name: str) -> int:
    """Drop every connection to database ``name`` (what a Postgres restart does to them)."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchall()
    return sum(1 for (ok,) in rows if ok)


@dataclass
class RedisServer:
    """A private ``redis-server`` the test owns, so it can stop and start it (an outage)
    without touching the machine's shared Redis."""

    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        cmd = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        cmd += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not service_up("127.0.0.1", self.port):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
