"""What to call a component: its modifiers and head, a name the user gave, or its owner.

``queue PRODUCTION.ORDERS``, ``topic named claims``, ``an SQS queue for the notification
service`` (Notification Queue), ``ledger db`` (Ledger DB), ``a Postgres database`` (PostgreSQL).
"""

from __future__ import annotations

from diagrams.core.planners.rule_based.heads import head_at
from diagrams.core.planners.rule_based.lexicon import VERB_LEMMA
from diagrams.core.planners.rule_based.mention_types import (
    IDENTIFIER,
    NAMEABLE,
    VERBATIM,
    Mention,
    eligible,
)
from diagrams.core.planners.rule_based.text import Token, singular, title_word
from diagrams.core.planners.rule_based.words import DESCRIPTIVE, STOP

_QUOTES = ("`", '"', "'")


def names_follow(tokens: list[Token], end: int, words: list[Token]) -> bool:
    if any(IDENTIFIER.match(w.text) for w in words) or [
        w for w in words if w.low not in DESCRIPTIVE
    ]:
        return True
    j = end + 1 if end < len(tokens) and tokens[end].low in ("named", "called") else end
    if j < len(tokens) and tokens[j].low in _QUOTES:
        return True
    return j < len(tokens) and (bool(IDENTIFIER.match(tokens[j].text)) or j > end)


def for_name(tokens: list[Token], end: int) -> tuple[str, ...]:
    """``an SQS queue for the notification service`` -> ("notification",)."""
    if end + 1 >= len(tokens) or tokens[end].low != "for":
        return ()
    j = end + 1
    while j < len(tokens) and tokens[j].low in ("the", "a", "an", "all", "each"):
        j += 1
    words: list[str] = []
    while j < len(tokens) and len(words) < 2 and eligible(tokens[j]):
        if head_at(tokens, j):
            break
        words.append(singular(tokens[j].low))
        j += 1
    return tuple(words)


def named_after(tokens: list[Token], m: Mention, end: int) -> int:
    """``topic named claims``, ``queue PRODUCTION.ORDERS``, ``function ParseInvoice``."""
    if m.kind not in NAMEABLE or end >= len(tokens):
        return end
    j = end + 1 if tokens[end].low in ("named", "called") else end
    if j < len(tokens) and tokens[j].low in _QUOTES and j + 1 < len(tokens):
        j += 1
    if j >= len(tokens) or not tokens[j].is_word:
        return end
    token = tokens[j]
    explicit = j > end or _plain_name(tokens, m, j)
    if IDENTIFIER.match(token.text) or (explicit and token.low not in STOP):
        m.name = token.text if IDENTIFIER.match(token.text) else title_word(token.text)
        m.domain = m.domain or (token.low,)
        m.parent = m.technology if m.kind in ("topic", "queue") else ""
        m.generic = False
        close = j + 1
        if close < len(tokens) and tokens[close].low in _QUOTES:
            close += 1
        return close
    return end


_CHANNELS = frozenset({"topic", "queue"})
_NAME_ENDS = frozenset({"", ".", ",", ";", ":", ")", "and", "or", "then", "which", "that"})


def _plain_name(tokens: list[Token], m: Mention, j: int) -> bool:
    """ "the queue restock": a lowercase word right after a bare "the queue" / "the topic",
    ending the phrase, is the channel's name (not a verb, a head or a function word)."""
    if m.kind not in _CHANNELS or m.domain or m.technology or m.start == 0:
        return False
    if tokens[m.start - 1].low not in ("the", "a", "an") or tokens[j].text != tokens[j].low:
        return False
    word = tokens[j].low
    after = tokens[j + 1].low if j + 1 < len(tokens) else ""
    return (
        eligible(tokens[j])
        and word not in VERB_LEMMA
        and head_at(tokens, j) is None
        and after in _NAME_ENDS
    )


def name_of(
    tokens: list[Token],
    words: list[Token],
    domain: tuple[str, ...],
    display: str,
    technology: str,
    tech_kind: str,
    kind: str,
    plural: bool,
) -> str:
    if len(words) == 1 and IDENTIFIER.match(words[0].text) and kind in VERBATIM:
        return words[0].text
    named = [w for w in words if w.low in domain]
    if named:
        return " ".join([*(display_word(w) for w in named), display]).strip()
    if technology and (tech_kind == kind or tech_kind in ("function", "storage")):
        return technology
    if technology and tech_kind in ("language", "protocol"):
        return f"{technology} {display}"
    return display


def display_word(token: Token) -> str:
    return "-".join(title_word(part) for part in token.text.split("-"))
