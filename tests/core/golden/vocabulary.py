"""The shared vocabulary of one-click fixes: the chat instructions the offline planner understands."""

from __future__ import annotations

import re

VOCABULARY = [
    r"Add a dead letter queue for failed events",
    r"Add a schema registry for event versioning",
    r"Add a transactional outbox to .+",
    r"Add retries with exponential backoff to .+",
    r"Make .+ an idempotent consumer",
    r"Add a compensating event for [A-Z][A-Za-z0-9]*",
    r"Rename event [A-Z][A-Za-z0-9]* to [A-Z][A-Za-z0-9]*",
    r"Remove event [A-Z][A-Za-z0-9]*",
    r"Add partition key \S+ to [A-Z][A-Za-z0-9]*",
    r"Replace the synchronous call from .+ to .+ with an event",
]


def in_vocabulary(fix: str) -> bool:
    """True when ``fix`` is one of the vocabulary's phrasings with its placeholders filled."""
    return any(re.fullmatch(p, fix, flags=re.DOTALL) for p in VOCABULARY)
