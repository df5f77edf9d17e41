"""Text handling: sentences, tokens, word stems and verb inflections.

Everything here is linear in the length of the text: one regular-expression pass per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ARROW_EVENT = re.compile(r"-{1,2}\s*([A-Za-z][\w.]*)\s*-{1,2}>")
_ARROWS = re.compile(r"\s*(?:-+>|=+>|→|⟶|➜|➔)\s*")
_HEADING = re.compile(r"^\s*#+\s*(.+?)\s*:?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)]|[A-Z]{1,3}\d+[.):]|#+)\s+")
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)\]`'\"])[.!?](?=\s+|$)")
_TOKEN = re.compile(
    r"->|[A-Za-z0-9.#/][A-Za-z0-9'\u2019./_#+&-]*[A-Za-z0-9#+]|[A-Za-z0-9]|[,():;=\"`!?\u2014\u2013]"
    r"|(?<![A-Za-z])'"
)


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark. ``low`` is lowercased with a possessive 's removed."""

    text: str
    low: str
    possessive: bool = False

    @property
    def is_word(self) -> bool:
        return self.low[:1].isalnum() or self.low[:1] in ".#"

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


def split_sentences(prompt: str) -> list[str]:
    """Sentences of ``prompt``; each bullet line and each ``.``/``;`` ends one."""
    raw = [_HEADING.sub(r"\1:", line) for line in prompt.splitlines() if line.strip()]
    if any(_BULLET.match(line) or "->" in line or "→" in line for line in raw):
        chunks = [_BULLET.sub("", line).strip() for line in raw]
    else:
        chunks = _join_wrapped([line.strip() for line in raw])
    sentences: list[str] = []
    for chunk in chunks:
        chunk = _ARROW_EVENT.sub(r" -> \1 ", chunk)
        chunk = _ARROWS.sub(" -> ", chunk)
        sentences += [s.strip() for s in _SENTENCE_END.split(chunk) if s and s.strip()]
    return sentences


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped paragraph lines; keep note-style lines apart."""
    widest = max((len(line) for line in lines), default=0)
    if len(lines) < 2 or widest < 60 or any(len(x) < widest - 20 for x in lines[:-1]):
        return lines
    joined = [lines[0]]
    for line in lines[1:]:
        if joined[-1][-1:] not in ".:;!?" and line[:1].islower():
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


_LIST_MARK = re.compile(r"(?<=\w)\s+[+&/]\s+(?=\w)")
_SLASH_LIST = re.compile(
    r"\b(service|svc|api|worker|lambda|function|queue|topic|db|app|job|team)/(?=[a-z])",
    re.IGNORECASE,
)


_SLASH_PAIR = re.compile(r"\b([A-Za-z]+(?:[A-Z][a-z0-9]*)*)/([A-Za-z]+(?:[A-Z][a-z0-9]*)*)\b")
_PASCAL = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")


def _slash_pair(match: re.Match[str]) -> str:
    """ "BayOccupied/BayVacated", "opens/closes": two events or two verbs, not one word."""
    from diagrams.core.planners.rule_based.lexicon import VERB_LEMMA

    a, b = match.group(1), match.group(2)
    events = _PASCAL.match(a) and _PASCAL.match(b)
    verbs = a.islower() and b.islower() and a in VERB_LEMMA and b in VERB_LEMMA
    return f"{a} and {b}" if events or verbs else match.group(0)


# "our Menu & Orders API": one name (kept as one token, "Menu&Orders"), not two components
_AMPERSAND_NAME = re.compile(
    r"\b([A-Z][A-Za-z0-9]*) & ([A-Z][A-Za-z0-9]*)(?= (?:API|Service|Svc|App|Portal|Platform|Hub|"
    r"Gateway|Engine|Worker|Dashboard|Manager|Lambda|Function|Processor)\b)"
)


def _coordinators(sentence: str) -> str:
    """ "fulfilment svc + loyalty svc", "email & sms", "pricing svc/receipts svc": "and"."""
    sentence = _AMPERSAND_NAME.sub(r"\1&\2", sentence)
    sentence = _SLASH_PAIR.sub(_slash_pair, sentence)
    return _SLASH_LIST.sub(r"\1 and ", _LIST_MARK.sub(" and ", sentence))


def tokenize(sentence: str) -> list[Token]:
    """Words and punctuation of ``sentence``; possessives are marked, not kept in ``low``."""
    tokens = []
    for raw in _TOKEN.findall(_coordinators(sentence)):
        text = raw.replace("\u2019", "'")
        low = text.lower()
        possessive = low.endswith("'s") or low.endswith("s'")
        if low.endswith("'s"):
            low, text = low[:-2], text[:-2]
        low = low if low == "'" else low.rstrip("'")
        if low:
            tokens += _split_compound(Token(text, low, possessive))
    return tokens


_SPLIT_HEADS = frozenset(
    "service svc api worker lambda function queue topic db database app bucket gateway "  # noqa: SIM905
    "processor handler consumer adapter table cache store job".split()
)


_SPLIT_PHRASES = frozenset(
    {
        "dead letter",
        "read model",
        "write model",
        "event store",
        "load balancer",
        "data lake",
        "schema registry",
        "event bus",
        "message bus",
        "back end",
        "front end",
        "event sourced",
    }
)


_ADJECTIVE_PREFIXES = frozenset({"self", "full", "multi", "cross"})


def _split_compound(token: Token) -> list[Token]:
    """``user-service`` -> ``user`` ``service``; ``card-transactions`` stays one word."""
    parts = re.split(r"[-_]", token.text)
    joined = " ".join(parts).lower()
    if joined in _SPLIT_PHRASES and all(parts):
        return [Token(p, p.lower()) for p in parts]
    if len(parts) < 2 or parts[-1].lower() not in _SPLIT_HEADS or not all(parts):
        return [token]
    if parts[0].lower() in _ADJECTIVE_PREFIXES:
        return [token]  # "a self-service kiosk": an adjective, not a service
    return [Token(p, p.lower()) for p in parts]


_IRREGULAR_PLURALS = {"people": "person", "children": "child", "data": "data", "media": "media"}
_KEEP_S = frozenset(
    {
        "news",
        "analytics",
        "sms",
        "aws",
        "gps",
        "ios",
        "kubernetes",
        "logistics",
        "status",
        "series",
        "express",
        "nats",
        "apns",
        "sales",
        "devops",
    }
)


@lru_cache(maxsize=8192)
def s_form(token: Token) -> bool:
    """A word in -s that may be a plural noun or a third-person verb ("orders", "frees"), not
    "address", "status" or "analysis"."""
    low = token.low
    return (
        token.is_word
        and len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
    )


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """The singular of an English noun (good enough for component and entity names); pure, and
    asked for the same words many times per description, so cached."""
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[low]
    if len(low) <= 3 or low in _KEEP_S or low.endswith(("ss", "us", "is")):
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


_STEM_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "es", "s", "ed")
SYNONYMS = {
    "stock": "inventory",
    "cart": "basket",
    "shipment": "shipping",
    "ship": "shipping",
    "deliver": "delivery",
    "pay": "payment",
    "charge": "payment",
    "bill": "billing",
    "notify": "notification",
    "client": "customer",
    "trip": "ride",
    "product": "catalog",
    "item": "catalog",
    "account": "account",
    "user": "user",
    "rider": "ride",
}


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem that makes "orders", "ordering" and "order" (or "shipment"/"shipping") equal."""
    low = singular(word)
    low = SYNONYMS.get(low, low)
    for suffix in _STEM_SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            low = low[: -len(suffix)]
            break
    if len(low) > 4 and low[-1] == low[-2] and low[-1] not in "aeiouls":
        low = low[:-1]
    return low.rstrip("e") if len(low) > 4 else low


def title_word(word: str) -> str:
    """``word`` with a capital first letter, keeping acronyms and mixed-case names as written."""
    if any(ch.isupper() for ch in word[1:]) or word.isupper():
        return word
    return word[:1].upper() + word[1:]


def pascal(words: list[str]) -> str:
    """PascalCase of ``words`` (non-alphanumerics dropped), e.g. ["order", "placed"] -> OrderPlaced."""
    parts = []
    for word in words:
        for piece in re.split(r"[^A-Za-z0-9]+", word):
            if piece:
                parts.append(piece[0].upper() + piece[1:])
    return "".join(parts).lstrip("0123456789")  # "90 percent reached": a name starts a letter


def camel(words: list[str]) -> str:
    """camelCase of ``words``."""
    name = pascal(words)
    return name[:1].lower() + name[1:]
