"""Production settings pass `check --deploy`; pages carry a no-inline-script policy."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.views.debug import SafeExceptionReporterFilter

from diagrams import sharing
from tests.app.factories import drawn_diagram

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[^>]*\sstyle\s*=", re.IGNORECASE)


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OPENAI_API_KEY")}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="infrasketch.example.com",
        INFRASKETCH_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="infrasketch.settings",
    )
    env.update(extra)
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path: Path) -> None:
    done = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    print(done.stdout, done.stderr)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    done = _manage(_production_env(tmp_path, SECRET_KEY=""), "check")
    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in done.stderr


@pytest.mark.parametrize(
    "setting",
    [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    ],
)
def test_production_turns_on_each_transport_protection(tmp_path: Path, setting: str) -> None:
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{setting})"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "True", done.stderr


@pytest.mark.django_db
def test_pages_forbid_inline_scripts(owner_client: Client) -> None:
    for url in ("/", "/accounts/login/", "/signup/"):
        policy = owner_client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["script-src"] == "'self'", url
        assert "'unsafe-inline'" not in directives["style-src"]
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"


@pytest.mark.django_db
def test_downloads_keep_their_stricter_policy(owner: Any, owner_client: Client) -> None:
    diagram = drawn_diagram(owner)
    response = owner_client.get(f"/d/{diagram.code}/r/1/export/svg/")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    token = sharing.share_link_create(diagram=diagram, label="").token
    shared = Client().get(f"/s/{token}/export/svg/")
    assert shared["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_templates_use_only_external_scripts_and_no_inline_handlers_or_styles(
    template: Path,
) -> None:
    # The policy would silently block these; json_script output (type=application/json) is
    # data, not script, and comes from a filter, not from template text.
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to static/js"
    assert not HANDLER_ATTRIBUTE.search(text), "on*= handler: bind it in static/js"
    assert not INLINE_STYLE.search(text), "inline style: move it to static/css"
    assert "javascript:" not in text.lower()


@pytest.mark.django_db
def test_the_api_key_is_never_shown(owner: Any, owner_client: Client, settings: Any) -> None:
    settings.OPENAI_API_KEY = "sk-test-never-show-this-key"
    diagram = drawn_diagram(owner)
    for url in ("/", f"/d/{diagram.code}/", f"/d/{diagram.code}/share/"):
        assert b"sk-test-never-show-this-key" not in owner_client.get(url).content, url
    # Django's error pages show settings through this filter: the key must come out masked.
    safe = SafeExceptionReporterFilter().get_safe_settings()
    assert safe["OPENAI_API_KEY"] != "sk-test-never-show-this-key"
