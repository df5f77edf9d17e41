"""Component mentions: where a sentence names a component, and what it names.

A mention is a technology name ("Kafka", "an EMQX broker"), or modifier words ending in a head
noun ("the basket service", "payment, inventory and shipping services", "ledger db (Postgres)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diagrams.core.planners.rule_based.lexicon import VERB_LEMMA
from diagrams.core.planners.rule_based.tech import TECH_INDEX, TECH_MAX_WORDS
from diagrams.core.planners.rule_based.text import Token, singular, title_word
from diagrams.core.planners.rule_based.words import (
    CLIENT_WORDS,
    COLLECTIVE_WORDS,
    DESCRIPTIVE,
    EXTERNAL_GATEWAY_WORDS,
    EXTERNAL_WORDS,
    HEAD_MAX_WORDS,
    HEADS,
    NEEDS_MODIFIER,
    NOT_DOMAIN,
    SERVER_APP_WORDS,
    STOP,
)

_STORES = frozenset({"database", "read_model", "cache", "event_store", "storage"})
# Kinds a technology keeps even under a generic head ("Flink job", "Kafka Streams app").
_GENERIC_HEAD_KINDS = frozenset({"service", "client"})
_NAMEABLE = frozenset({"topic", "queue", "storage", "function", "database", "dead_letter_queue"})
_VERBATIM = frozenset({"topic", "queue", "storage", "dead_letter_queue"})
_IDENTIFIER = re.compile(
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


def tech_at(tokens: list[Token], i: int) -> tuple[int, str, str] | None:
    """The longest technology name starting at token ``i``: (end, canonical, kind)."""
    if tokens[i].low not in _TECH_FIRST:
        return None
    for length in range(min(TECH_MAX_WORDS, len(tokens) - i), 0, -1):
        words = tuple(t.low for t in tokens[i : i + length])
        hit = TECH_INDEX.get(words)
        if hit and (not hit[2] or tokens[i].capitalized):
            return i + length, hit[0], hit[1]
    return None


_TECH_FIRST = frozenset(k[0] for k in TECH_INDEX)
_HEAD_FIRST = frozenset(k[0] for k in HEADS)
_ROLE_HEADS = frozenset(
    {
        "indexer",
        "processor",
        "worker",
        "handler",
        "adapter",
        "consumer",
        "engine",
        "job",
        "connector",
        "projector",
    }
)
_KIND_WORDS = frozenset({"function", "lambda", "service", "svc", "microservice"})


def head_at(tokens: list[Token], i: int) -> tuple[int, str, str, bool] | None:
    """The head noun at ``i`` (joined with a head right after it: "ledger db")."""
    first = _single_head_at(tokens, i)
    if first is None:
        return None
    second = _single_head_at(tokens, first[0])
    joint = tokens[first[0]].low if second else ""
    if (
        second is None
        or (joint in VERB_LEMMA and singular(joint) != joint)
        or (second[1] in ("client",)
        and first[1] != "client")
    ):
        return first
    lead = first[0] - i
    if singular(tokens[first[0] - 1].low) in _ROLE_HEADS and tokens[first[0]].low in _KIND_WORDS:
        kind = second[1] if second[1] == "function" else first[1]
        return second[0], kind, first[2], second[3]
    return second[0], second[1], f"{first[2]} {second[2]}", second[3], lead  # type: ignore[return-value]


def _single_head_at(tokens: list[Token], i: int) -> tuple[int, str, str, bool] | None:
    if i >= len(tokens) or singular(tokens[i].low) not in _HEAD_FIRST:
        return None
    for length in range(min(HEAD_MAX_WORDS, len(tokens) - i), 0, -1):
        words = tuple(singular(t.low) for t in tokens[i : i + length])
        hit = HEADS.get(words)
        if hit:
            last = tokens[i + length - 1].low
            return i + length, hit[0], hit[1], singular(last) != last
    return None


def _eligible(token: Token) -> bool:
    low = token.low
    if not token.is_word or low in STOP or low in NOT_DOMAIN:
        return False
    if EVENT_TOKEN.match(token.text) and not _IDENTIFIER.match(token.text):
        return False
    if low.endswith("ing") and len(low) > 5:
        return True
    return low not in VERB_LEMMA or low in DESCRIPTIVE or low in CLIENT_WORDS


def find_mentions(tokens: list[Token]) -> list[Mention]:
    """Every component mention in ``tokens``, left to right, without overlaps."""
    found: list[Mention] = []
    i, floor = 0, 0
    while i < len(tokens):
        head = head_at(tokens, i)
        if head:
            made = _head_mentions(tokens, floor, i, head)
            if made:
                found += made
                i = floor = made[-1].end
                continue
        tech = tech_at(tokens, i)
        if tech:
            follows = _head_follows(tokens, tech[0])
            if follows is None:
                found.append(_tech_mention(tokens, i, tech))
                i = floor = tech[0]
            else:
                i = follows
            continue
        i += 1
    return _merge_parentheticals(tokens, found)


def _head_follows(tokens: list[Token], i: int) -> int | None:
    for j in range(i, min(i + 3, len(tokens))):
        if head_at(tokens, j):
            return j
        if not _eligible(tokens[j]):
            return None
    return None


def _tech_mention(tokens: list[Token], i: int, tech: tuple[int, str, str]) -> Mention:
    end, canonical, kind = tech
    m = Mention(i, end, canonical, kind, technology=canonical, generic=True)
    m.end = _named_after(tokens, m, end)
    return m


def _modifiers(tokens: list[Token], floor: int, i: int) -> int:
    start = i
    while start > floor and i - start < 4 and _eligible(tokens[start - 1]):
        start -= 1
    if start == i and i - 1 > floor and _noun_like_verb(tokens, i - 1):
        start -= 1
    return start


def _noun_like_verb(tokens: list[Token], j: int) -> bool:
    """"an upload API", "the search service": a base-form verb right before a head."""
    token = tokens[j]
    before = tokens[j - 1].low if j else ""
    base = VERB_LEMMA.get(token.low) == token.low
    return base and token.is_word and before in ("a", "an", "the", "our", "its", "their", "->")


def _head_mentions(
    tokens: list[Token], floor: int, i: int, head: tuple[int, str, str, bool]
) -> list[Mention]:
    start = _modifiers(tokens, floor, i)
    mention = _build(tokens, start, i, head)
    if mention is None:
        return []
    mentions = [mention]
    if mention.parent:
        at = next((j for j in range(start, i) if tech_at(tokens, j)), None)
        tech = tech_at(tokens, at) if at is not None else None
        if at is not None and tech and tech[2] == "broker":
            broker = Mention(at, tech[0], tech[1], "broker", technology=tech[1], generic=True)
            mention.start = max(mention.start, tech[0])
            mentions.insert(0, broker)
    if head[3]:
        mentions = _coordinated(tokens, floor, start, head) + mentions
    return mentions


def _build(
    tokens: list[Token], start: int, i: int, head: tuple[int, str, str, bool]
) -> Mention | None:
    end, kind, display, plural = head[:4]
    lead = head[4] if len(head) > 4 else 0  # type: ignore[misc]
    words, technology, tech_kind = _split_modifiers(tokens, start, i)
    before = tokens[start - 1].low if start > 0 else ""
    flags = {t.low for t in tokens[max(0, start - 2) : i]}
    if plural and before in COLLECTIVE_WORDS and not words:
        return Mention(start, end, display, kind, collective=True)
    kind = _adjust_kind(kind, words, technology, tech_kind, head_words(tokens, i, end) or ("",))
    domain = tuple(w.low for w in words if w.low not in DESCRIPTIVE and w.low not in EXTERNAL_WORDS)
    domain = domain or tuple(t.low for t in tokens[i : i + lead])
    if flags & EXTERNAL_WORDS and kind == "service":
        kind = "external"
    if (
        kind in ("topic", "queue")
        and tech_kind == "broker"
        and not _names_follow(tokens, end, words)
    ):
        return Mention(start, end, technology, "broker", technology=technology, generic=True)
    m = Mention(start, end, "", kind, technology=technology, domain=domain)
    m.own = "own" in flags
    m.ordinal = bool(flags & {"second", "another", "other"})
    end = _named_after(tokens, m, end)
    m.end = end
    if not domain and kind in _NAMEABLE | {"cache"} and not m.name:
        domain = _for_name(tokens, end)
        if domain:
            m.domain = domain
            m.name = " ".join([*(title_word(w) for w in domain), display])
    if not m.name:
        m.name = _name(tokens, words, domain, display, technology, tech_kind, kind, plural)
    if not m.name:
        return None
    if not domain and not m.parent:
        m.generic = bool(technology) and tech_kind not in ("language", "protocol")
        m.bare = not technology
        if m.bare and tuple(singular(t.low) for t in tokens[i:end][:1]) in NEEDS_MODIFIER:
            if tokens[start - 1].low not in ("the", "that", "this", "same") or not start:
                return None
            m.anaphor = True
    return m


def head_words(tokens: list[Token], i: int, end: int) -> tuple[str, ...]:
    """The singular words of the head span ``tokens[i:end]``."""
    return tuple(singular(t.low) for t in tokens[i:end])


def _split_modifiers(tokens: list[Token], start: int, i: int) -> tuple[list[Token], str, str]:
    words: list[Token] = []
    technology, tech_kind = "", ""
    j = start
    while j < i:
        tech = tech_at(tokens, j)
        if tech and tech[0] <= i:
            technology = technology or tech[1]
            tech_kind = tech_kind or tech[2]
            j = tech[0]
            continue
        words.append(tokens[j])
        j += 1
    return words, technology, tech_kind


def _adjust_kind(
    kind: str, words: list[Token], technology: str, tech_kind: str, head: tuple[str, ...]
) -> str:
    lows = {w.low for w in words}
    if kind == "client" and head[-1] in ("app", "application"):
        if lows & SERVER_APP_WORDS or technology in ("Django", "Ruby on Rails", "Spring Boot"):
            return "service"
        if lows and not lows & CLIENT_WORDS and head[-1] == "application":
            return "service"
    if kind == "gateway" and lows & EXTERNAL_GATEWAY_WORDS:
        return "external"
    if kind in _GENERIC_HEAD_KINDS and tech_kind not in ("", "language", "protocol", "external"):
        return tech_kind
    return kind


def _names_follow(tokens: list[Token], end: int, words: list[Token]) -> bool:
    if any(_IDENTIFIER.match(w.text) for w in words) or [
        w for w in words if w.low not in DESCRIPTIVE
    ]:
        return True
    j = end + 1 if end < len(tokens) and tokens[end].low in ("named", "called") else end
    if j < len(tokens) and tokens[j].low in ("`", '"'):
        return True
    return j < len(tokens) and (bool(_IDENTIFIER.match(tokens[j].text)) or j > end)


def _for_name(tokens: list[Token], end: int) -> tuple[str, ...]:
    """``an SQS queue for the notification service`` -> ("notification",)."""
    if end + 1 >= len(tokens) or tokens[end].low != "for":
        return ()
    j = end + 1
    while j < len(tokens) and tokens[j].low in ("the", "a", "an", "all", "each"):
        j += 1
    words = []
    while j < len(tokens) and len(words) < 2 and _eligible(tokens[j]):
        if head_at(tokens, j):
            break
        words.append(singular(tokens[j].low))
        j += 1
    return tuple(words)


def _named_after(tokens: list[Token], m: Mention, end: int) -> int:
    """``topic named claims``, ``queue PRODUCTION.ORDERS``, ``function ParseInvoice``."""
    if m.kind not in _NAMEABLE or end >= len(tokens):
        return end
    j = end + 1 if tokens[end].low in ("named", "called") else end
    if j < len(tokens) and tokens[j].low in ("`", '"') and j + 1 < len(tokens):
        j += 1
    if j >= len(tokens) or not tokens[j].is_word:
        return end
    token = tokens[j]
    explicit = j > end
    if _IDENTIFIER.match(token.text) or (explicit and token.low not in STOP):
        m.name = token.text if _IDENTIFIER.match(token.text) else title_word(token.text)
        m.domain = m.domain or (token.low,)
        m.parent = m.technology if m.kind in ("topic", "queue") else ""
        m.generic = False
        close = j + 1
        if close < len(tokens) and tokens[close].low in ("`", '"'):
            close += 1
        return close
    return end


def _name(
    tokens: list[Token],
    words: list[Token],
    domain: tuple[str, ...],
    display: str,
    technology: str,
    tech_kind: str,
    kind: str,
    plural: bool,
) -> str:
    if len(words) == 1 and _IDENTIFIER.match(words[0].text) and kind in _VERBATIM:
        return words[0].text
    named = [w for w in words if w.low in domain]
    if named:
        return " ".join([*(_display_word(w) for w in named), display]).strip()
    if technology and (tech_kind == kind or tech_kind in ("function", "storage")):
        return technology
    if technology and tech_kind in ("language", "protocol"):
        return f"{technology} {display}"
    return display


def _display_word(token: Token) -> str:
    return "-".join(title_word(part) for part in token.text.split("-"))


def _coordinated(
    tokens: list[Token], floor: int, start: int, head: tuple[int, str, str, bool]
) -> list[Mention]:
    """``payment, inventory and shipping services``: one mention per modifier group."""
    mentions: list[Mention] = []
    j = start
    while j - 1 > floor and tokens[j - 1].low in (",", "and", "or", "&"):
        k = j - 1
        if k - 1 > floor and tokens[k].low in ("and", "or") and tokens[k - 1].low == ",":
            k -= 1
        group_start = _modifiers(tokens, floor, k)
        if group_start == k or any(
            head_at(tokens, x) or tech_at(tokens, x) for x in range(group_start, k)
        ):
            break
        m = _build(tokens, group_start, k, (k, head[1], head[2], head[3]))
        if m is None or m.collective:
            break
        m.end = k
        mentions.insert(0, m)
        j = group_start
    return mentions


_SERVES_AS = re.compile(r"^,? ?(?:which|that) (?:serves|acts|works|is used) as (?:the|a|an|our)$")


def _merge_parentheticals(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """``ledger db (Postgres)``, ``Customer Portal, an Angular SPA,``: one component, not two."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if prev and m.bare and _SERVES_AS.match(" ".join(t.low for t in tokens[prev.end : m.start])):
            prev.kind = m.kind
            continue
        if prev and _is_aside(tokens, prev, m) and _compatible(prev, m):
            prev.end = max(prev.end, _close(tokens, m.end))
            if m.kind == "protocol":
                continue
            prev.technology = prev.technology or m.technology
            if prev.kind in _GENERIC_HEAD_KINDS and m.kind not in ("client", "external", "language"):
                prev.kind = m.kind if m.technology and m.generic else prev.kind
            prev.aliases.append(m.name)
            continue
        merged.append(m)
    return merged


def _close(tokens: list[Token], end: int) -> int:
    return end + 1 if end < len(tokens) and tokens[end].low == ")" else end


def _is_aside(tokens: list[Token], prev: Mention, m: Mention) -> bool:
    between = [t.low for t in tokens[prev.end : m.start]]
    if len(between) == 1 and between[0] in ("in", "on") and prev.kind in _STORES and m.generic:
        return m.kind in _STORES
    if len(between) == 2 and between[0] in ("as", "in", "on") and (m.generic or m.bare):
        return between[0] == "as" or (prev.kind in _STORES and m.kind in _STORES)
    if between and between[0] == "(":
        return all(w in ("(", "a", "an", "the") for w in between)
    return between in ([",", "a"], [",", "an"])


def _compatible(prev: Mention, m: Mention) -> bool:
    if m.generic or m.bare:
        return (
            m.kind == prev.kind
            or prev.kind in _GENERIC_HEAD_KINDS
            or ({prev.kind, m.kind} <= {"database", "read_model", "cache"})
        )
    return m.kind == prev.kind or (prev.kind == "client" and m.kind == "client")
