"""Personal API tokens: created and revoked on the settings page, sent as ``Bearer`` tokens.

Only a SHA-256 hash and a short display prefix are stored; the raw token is returned once,
by ``token_create``. Tokens are 256 random bits, so a plain (unsalted) hash is enough and
lets ``token_authenticate`` find the row with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from diagrams.models import ApiToken

TOKEN_PREFIX = "isk_"
PREFIX_CHARS = 12
MAX_ACTIVE_TOKENS = 20
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenError(ValueError):
    """A token request that cannot be carried out; ``str()`` is shown to the user."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    raw: str


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_list(*, user: Any) -> QuerySet[ApiToken]:
    """The user's tokens that still work, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created")


def token_create(*, user: Any, name: str) -> NewToken:
    """A new token for ``user``. The raw value is in the result and nowhere else."""
    name = " ".join(name.split())[:120] or "API token"
    if token_list(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(
            f"You have {MAX_ACTIVE_TOKENS} tokens; revoke one before creating another."
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:PREFIX_CHARS], token_hash=_hash(raw)
    )
    return NewToken(token=token, raw=raw)


def token_revoke(*, user: Any, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens (404 for anyone else's). Revoking twice is harmless."""
    token = get_object_or_404(ApiToken, pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(*, raw: str) -> Any | None:
    """The active user owning the unrevoked token ``raw``, or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
