"""Read-only share links: services and selectors.

A share link is an unguessable token (``secrets.token_urlsafe(32)``: 256 bits) that lets
anyone holding it read one diagram's latest revision, its design document and its exports.
The owner names who it is for and can revoke it; a revoked or unknown token is a 404.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from diagrams.core.graph import clean_text
from diagrams.models import Diagram, ShareLink

TOKEN_BYTES = 32
MAX_ACTIVE_LINKS = 50
MAX_LABEL = 120


class ShareError(ValueError):
    """A share-link request that cannot be carried out; ``str()`` is shown to the owner."""


def share_link_create(*, diagram: Diagram, label: str) -> ShareLink:
    """A new active link for ``diagram``; ``label`` says who it is for."""
    label = " ".join(clean_text(label).split())
    if len(label) > MAX_LABEL:
        raise ShareError(f"Keep who the link is for under {MAX_LABEL} characters.")
    if share_link_list(diagram=diagram).count() >= MAX_ACTIVE_LINKS:
        raise ShareError(
            f"This diagram already has {MAX_ACTIVE_LINKS} active links; revoke one first."
        )
    return ShareLink.objects.create(
        diagram=diagram, token=secrets.token_urlsafe(TOKEN_BYTES), label=label
    )


def share_link_revoke(*, diagram: Diagram, link_id: int) -> ShareLink:
    """Revoke one of ``diagram``'s links (idempotent); 404 for a link of another diagram."""
    link = share_link_get(diagram=diagram, link_id=link_id)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def share_link_list(*, diagram: Diagram) -> QuerySet[ShareLink]:
    """``diagram``'s active links, newest first. The caller has already scoped the diagram."""
    return diagram.share_links.filter(revoked_at__isnull=True).order_by("-created", "-pk")


def share_link_get(*, diagram: Diagram, link_id: int) -> ShareLink:
    link = diagram.share_links.filter(pk=link_id).first()
    if link is None:
        raise Http404("No such share link")
    return link


def share_link_resolve(*, token: Any) -> ShareLink:
    """The active link for ``token`` with its diagram; Http404 for unknown or revoked ones."""
    if not isinstance(token, str) or not token or len(token) > 64:
        raise Http404("No such share link")
    link = (
        ShareLink.objects.select_related("diagram")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    # Compared again in Python: a database with a case-insensitive collation would otherwise
    # accept a token that differs in case.
    if link is None or not secrets.compare_digest(link.token, token):
        raise Http404("No such share link")
    return link
