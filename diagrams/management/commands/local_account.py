"""Creates a local account for a newcomer on first run and prints how to log in."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "local"


class Command(BaseCommand):
    help = "Create (once) and print a local account, for `make run` with DEBUG on."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            return
        note = settings.VAR_DIR / "local-account.txt"
        user_model = get_user_model()
        if not note.exists() or not user_model.objects.filter(username=USERNAME).exists():
            password = secrets.token_urlsafe(12)
            user, _ = user_model.objects.get_or_create(username=USERNAME)
            user.set_password(password)
            user.save()
            note.write_text(f"{USERNAME} {password}\n")
        username, password = note.read_text().split()
        self.stdout.write(f"Log in as '{username}' with password '{password}' (or sign up).")
