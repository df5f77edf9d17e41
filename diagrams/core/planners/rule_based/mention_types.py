"""The Mention record and the word tests shared by the mention finder and component naming."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from diagrams.core.planners.rule_based.lexicon import VERB_LEMMA
from diagrams.core.planners.rule_based.text import Token
from diagrams.core.planners.rule_based.words import CLIENT_WORDS, DESCRIPTIVE, NOT_DOMAIN, STOP

STORE_KINDS = frozenset({"database", "read_model", "cache", "event_store", "storage"})
# Kinds a technology keeps even under a generic head ("Flink job", "Kafka Streams app").
GENERIC_HEAD_KINDS = frozenset({"service", "client"})
NAMEABLE = frozenset({"topic", "queue", "storage", "function", "database", "dead_letter_queue"})
VERBATIM = frozenset({"topic", "queue", "storage", "dead_letter_queue"})
IDENTIFIER = re.compile(
    r"^(?:[a-z0-9]+(?:[-_.][a-z0-9]+)+|[A-Z0-9_.]{3,}|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)$"
)
PASCAL_NAME = r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+"  # "OrderPlaced", "ReserveStock"
EVENT_TOKEN = re.compile(rf"^{PASCAL_NAME}$|^[a-z]+(?:[._][a-z]+)+$")
EVENT_NAME = re.compile(rf"\b{PASCAL_NAME}\b")  # such a name inside a longer text


@dataclass
class Mention:
    """A span of tokens that names a component, with what it says about it."""

    start: int
    end: int
    name: str
    kind: str
    technology: str = ""
    domain: tuple[str, ...] = ()
    generic: bool = False
    own: bool = False
    bare: bool = False
    parent: str = ""
    collective: bool = False
    ordinal: bool = False
    key: str = ""
    aliases: list[str] = field(default_factory=list)
    anaphor: bool = False
    open_aside: bool = False  # "profile service (Go, ...": the parentheses go on after it


def eligible(token: Token) -> bool:
    low = token.low
    if not token.is_word or low in STOP or low in NOT_DOMAIN:
        return False
    if EVENT_TOKEN.match(token.text) and not IDENTIFIER.match(token.text):
        return False
    if low.endswith("ing") and len(low) > 5:
        return True
    return low not in VERB_LEMMA or low in DESCRIPTIVE or low in CLIENT_WORDS


def event_like(text: str) -> bool:
    """ "OrderPlaced", "ReserveStock": past participle last or a verb first; "PostGIS",
    "ClickSoftware", "DataDog" are product names."""
    if any(a.isupper() and b.isupper() for a, b in pairwise(text)):
        return False
    humps = re.findall(r"[A-Z][a-z0-9]*", text)
    if not humps:
        return True  # "order.placed"
    last, first = humps[-1].lower(), humps[0].lower()
    # "RecordReturnedToSeller": a participle inside the name
    inner = any(h.lower().endswith("ed") and len(h) > 4 for h in humps[1:-1])
    return (
        last.endswith("ed")
        or last in _PARTICIPLES
        or last in VERB_LEMMA
        or first in VERB_LEMMA
        or inner
    )


_PARTICIPLES = frozenset(
    (  # noqa: SIM905
        "sent built spent kept lost paid held sold told found made done written taken given "
        "chosen broken frozen hidden run set put cut shut split won begun drawn grown known "
        "shown thrown"
    ).split()
)
