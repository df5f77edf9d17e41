"""The Mention record and the word tests shared by the mention finder and component naming."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
EVENT_TOKEN = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$|^[a-z]+(?:[._][a-z]+)+$")


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
