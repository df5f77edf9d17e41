"""Negated noun phrases: "no message broker or queue shall be used", "without a queue".

A component named only inside a negated noun phrase is not part of the system.
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.mention_types import Mention, eligible
from diagrams.core.planners.rule_based.text import Token

NEGATION = frozenset({"no", "without", "zero", "nor", "never"})
# A negated phrase up to the clause's end: "no queues or brokers anywhere", "nobody orchestrates".
_NEGATED_PHRASE = re.compile(
    r"\b(?:no|not|never|nobody|no one|none|without|nor|zero)\b[^.;:]{0,60}", re.IGNORECASE
)


def affirmed(text: str) -> str:
    """``text`` without its negated phrases: what it says the system has or does."""
    return _NEGATED_PHRASE.sub(" ", text)


_GLUE = frozenset(
    {"a", "an", "any", "the", "or", "and", ",", "/", "separate", "dedicated", "events", "messages"}
)  # "no events / queues / brokers"
# "shall not use any broker", "does not need a queue": a negated verb of having or using.
_USE_VERBS = frozenset(
    (  # noqa: SIM905
        "use uses used need needs needed require requires required have has had include "
        "includes included involve involves involved"
    ).split()
)


def drop_negated(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Mentions whose noun phrase (or list of noun phrases) follows a negation word."""
    spans = {j for m in mentions for j in range(m.start, m.end)}
    return [m for m in mentions if not _negated(tokens, spans, m.start)]


def _negated(tokens: list[Token], spans: set[int], start: int) -> bool:
    j = start - 1
    while j >= 0 and start - j <= 12:
        low = tokens[j].low
        if low in NEGATION or (
            low in _USE_VERBS and j > 0 and tokens[j - 1].low in ("not", "never")
        ):
            return True
        if not (low in _GLUE or j in spans or _modifier(tokens[j])):
            return False
        j -= 1
    return False


def _modifier(token: Token) -> bool:
    """ "message" in "no message broker"; never a gerund ("without calling the tax service")."""
    return eligible(token) and not token.low.endswith("ing")


_GROUPED = frozenset({"queue", "topic", "broker", "service"})


def drop_groups(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "a NATS queue group", "a consumer group": replicas sharing work, not a component;
    "records queue times", "cache hit rate": a measurement, not a component."""
    return [m for m in mentions if not _group(tokens, m) and not _measured(tokens, m)]


_MEASURES = frozenset(
    {
        "time",
        "times",
        "depth",
        "length",
        "size",
        "latency",
        "latencies",
        "lag",
        "ratio",
        "id",
        "ids",
    }
)


def _measured(tokens: list[Token], m: Mention) -> bool:
    nxt = tokens[m.end].low if m.end < len(tokens) else ""
    return not m.technology and nxt in _MEASURES


def _group(tokens: list[Token], m: Mention) -> bool:
    if m.kind not in _GROUPED or m.technology:
        return False
    return any(t.low in ("group", "groups") for t in tokens[m.start : m.end + 1])
