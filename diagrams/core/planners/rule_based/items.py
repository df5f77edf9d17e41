"""A sentence as a row of items: component mentions, verbs, event names, words.

Function words and ambiguous verb/noun words ("updates", "records") are decided here, from
what comes before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diagrams.core.planners.rule_based.lexicon import NOUN_FIRST, VERB_LEMMA
from diagrams.core.planners.rule_based.mention_types import EVENT_TOKEN, Mention
from diagrams.core.planners.rule_based.mentions import find_mentions
from diagrams.core.planners.rule_based.naming import normalise_event_name
from diagrams.core.planners.rule_based.registry import Registry
from diagrams.core.planners.rule_based.tech import TECH_INDEX
from diagrams.core.planners.rule_based.text import Token, s_form, tokenize

PARTICIPLES = frozenset({"sent", "paid", "built", "written", "made", "sold", "held", "done"})

BOUNDARY = frozenset(
    {
        ";",
        "when",
        "whenever",
        "once",
        "if",
        "while",
        "because",
        "so",
        "before",
        "after",
        "unless",
        "where",
        "whereas",
        "but",
        ":",
        "\u2014",
        "\u2013",
    }
)
RELATIVE = frozenset({"which", "who", "that"})
INHERIT = frozenset({"and", ",", "then", "or", "but", ";", "also", "(", "\u2014", "\u2013", ":"})
ADVERBS = frozenset(
    {
        "also",
        "then",
        "only",
        "first",
        "finally",
        "later",
        "immediately",
        "directly",
        "still",
        "now",
        "just",
        "never",
        "always",
        "periodically",
        "automatically",
        "asynchronously",
        "synchronously",
        "eventually",
        "each",
        "simply",
        "actually",
        "will",
        "shall",
        "must",
        "should",
        "can",
        "may",
        "to",
        "not",
        "no",
        "longer",
        "straight",
        "afterwards",
        "next",
        "usually",
    }
)
PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
PRONOUNS = frozenset({"it", "they", "them", "those", "these", "both", "each", "this"})
GROUP_PRONOUNS = frozenset({"they", "those", "these", "both", "each", "all", "them"})
PLAIN_EVENT_NOUNS = frozenset(
    {
        "event",
        "events",
        "message",
        "messages",
        "notification",
        "notifications",
        "update",
        "updates",
        "change",
        "changes",
        "command",
        "commands",
        "alert",
        "alerts",
        "reading",
        "readings",
        "ping",
        "pings",
        "job",
        "jobs",
        "report",
        "reports",
    }
)


@dataclass
class Item:
    kind: str  # m: mention, v: verb, e: event name, w: word, p: punctuation
    index: int
    token: Token
    key: str = ""
    lemma: str = ""
    passive: bool = False
    mention: Mention | None = None


@dataclass
class Fact:
    """One relation stated by the text. ``verb`` is the verb class (or "arrow", "via"...)."""

    verb: str
    source: str
    target: str | None
    events: list[str] = field(default_factory=list)
    lemma: str = ""
    sentence: int = 0
    text: str = ""
    command: bool = False
    pos: int = 0
    collective: bool = False  # said of "each consumer", "all services": no one in particular


@dataclass
class Sentence:
    index: int
    text: str
    tokens: list[Token]
    items: list[Item]


def parse_sentence(index: int, text: str, registry: Registry) -> Sentence:
    """Tokens, mentions (registered in ``registry``) and verbs of one sentence."""
    tokens = tokenize(text)
    mentions = find_mentions(tokens)
    items: list[Item] = []
    at = {m.start: m for m in mentions}
    given = {c.name: c.key for c in registry.comps.values() if " " in c.name}
    i = 0
    while i < len(tokens):
        m = at.get(i)
        if m is not None and m.end > i:
            key = registry.resolve(m)
            if key:
                items.append(Item("m", i, tokens[i], key=key, mention=m))
            else:
                items.append(Item("w", i, tokens[i], lemma="collective" if m.collective else ""))
            i = m.end
            continue
        known = _known_name(tokens, i, given) if given and tokens[i].capitalized else None
        if known is not None:
            items.append(Item("m", i, tokens[i], key=known[1]))
            i = known[0]
            continue
        item = _classify(tokens, i, items)
        if item.token.low in ("subscription", "subscriptions") and _last_verb(items, "have"):
            _last_verb(items, "have").lemma = "subscribe"  # type: ignore[union-attr]
        items.append(item)
        i += 1
    return Sentence(index, text, tokens, items)


def _known_name(tokens: list[Token], i: int, names: dict[str, str]) -> tuple[int, str] | None:
    """ "Billing Core writes ...": a capitalised name the user gave a component earlier
    ("a Django monolith we call Billing Core"), written as it was given."""
    for end in range(min(len(tokens), i + 4), i + 1, -1):
        key = names.get(" ".join(t.text for t in tokens[i:end]))
        if key is not None:
            return end, key
    return None


def _last_verb(items: list[Item], lemma: str) -> Item | None:
    """The verb a few items back, if it is ``lemma`` ("have a subscription on ...")."""
    for it in reversed(items[-3:]):
        if it.kind == "v":
            return it if it.lemma == lemma else None
    return None


def _classify(tokens: list[Token], i: int, items: list[Item]) -> Item:
    token = tokens[i]
    if token.low == "->":
        return Item("v", i, token, lemma="->")
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if EVENT_TOKEN.match(token.text) and (token.low,) not in TECH_INDEX and nxt not in _RUN_NOUNS:
        return Item("e", i, token, key=normalise_event_name(token.text))
    if _HYPHENATED.match(token.low) and _named_message(tokens, i + 1):
        name = "".join(part.capitalize() for part in token.low.split("-"))
        return Item("e", i, token, key=name)  # "a permit-issued event": PermitIssued
    lemma = (
        VERB_LEMMA.get(token.low)
        or _ambiguous(tokens, i, items)
        or _after_modal(tokens, i)
        or _after_subject(tokens, i, items)
    )
    if lemma and _verb_position(tokens, i, items):
        prev = tokens[i - 1].low if i else ""
        passive = prev in PASSIVE_AUX and token.low.endswith(("ed", "en", "t"))
        passive = passive or (token.low.endswith("ed") and _by_follows(tokens, i))
        return Item("v", i, token, lemma=lemma, passive=passive)
    kind = "w" if token.is_word else "p"
    return Item(kind, i, token)


# "a StandingOrderExecution workflow": the name of what runs, not an event
# "the QuoteOrder workflow", "a WebVTT file": the name of a process or a format, not an event
_RUN_NOUNS = frozenset(
    {
        "workflow",
        "workflows",
        "process",
        "saga",
        "pipeline",
        "orchestration",
        "file",
        "files",
        "format",
        "document",
        "documents",
        "template",
        "templates",
    }
)


def _named_message(tokens: list[Token], j: int) -> bool:
    """ "... event", "bag-tagged, bag-sorted and bag-loaded events": a message word ends the
    list of hyphenated names that starts before ``j``."""
    while j < len(tokens) and (
        tokens[j].low in (",", "and", "or") or _HYPHENATED.match(tokens[j].low)
    ):
        j += 1
    return j < len(tokens) and tokens[j].low in _MESSAGE


_MODALS = frozenset({"shall", "will", "must", "should", "can", "may"})
_HYPHENATED = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
_MESSAGE = frozenset({"event", "events", "message", "messages", "command", "notification"})
_OBJECT_START = frozenset({"the", "a", "an", "its", "their", "each", "every", "all", "any"})


def _after_subject(tokens: list[Token], i: int, items: list[Item]) -> str | None:
    """ "the Floor Planner frees the table": a word in -s between a component and an object is
    a verb the lexicon does not know (its lemma: the word without the -s)."""
    low = tokens[i].low
    last = items[-2:] if items and items[-1].token.low == "," else items[-1:]
    after_event = len(last) == 2 and last[0].kind == "e"  # "consumes E, pauses the campaign"
    if not last or not (last[0].kind == "m" or after_event):
        return None  # "the Loyalty Function, an Azure Function, stamps the card"
    if not tokens[i].is_word or tokens[i].capitalized:
        return None
    if not s_form(tokens[i]):
        return None
    if low in NOUN_FIRST:
        return None  # "a Postgres database holds pupils": the lexicon reads it as a noun
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not (
        nxt.low in _OBJECT_START
        or EVENT_TOKEN.match(nxt.text)
        or (nxt.is_word and nxt.low not in _NOT_OBJECTS)  # "fits Zamboni runs"
    ):
        return None
    if low.endswith("ies"):
        return low[:-3] + "y"
    return low[:-2] if low.endswith(("ches", "shes", "xes", "sses", "oes")) else low[:-1]


_NUMBERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_NOT_OBJECTS = frozenset({"and", "or", "is", "are", "was", "were", "to", "for", "of", "in"})
_NOT_VERBS = frozenset({"be", "not", "also", "then", "only", "always", "never", "first", "each"})


def _after_modal(tokens: list[Token], i: int) -> str | None:
    """ "shall issue a card": any plain word right after a modal is a verb (base form)."""
    low = tokens[i].low
    if i == 0 or tokens[i - 1].low not in _MODALS:
        return None
    if not tokens[i].is_word or low in _NOT_VERBS or low.endswith(("ly", "ed", "ing")):
        return None
    return low


AMBIGUOUS = {
    "update": "update",
    "posts": "post",
    "runs": "run",
    "sets": "set",
    "report": "report",
    "stream": "stream",
    "updates": "update",
    "push": "push",
    "record": "record",
    "records": "record",
    "logs": "log",
    "streams": "stream",
    "pushes": "push",
    "reports": "report",
    "orders": "order",
    "returns": "return",
    "checks": "check",
    "tracks": "track",
    "syncs": "sync",
    "queries": "query",
    "indexes": "index",
    "caches": "cache",
    "scores": "score",
    "maps": "map",
    "prices": "price",
    "quotes": "quote",
    "sends": "send",
    "hits": "hit",
    "matches": "match",
    "alerts": "alert",
    "flags": "flag",
    "texts": "text",
    "emails": "email",
    "answers": "answer",
    "books": "book",
    "pages": "page",
    "feeds": "feed",
}
_VERB_CONTEXT = frozenset(
    {
        ",",
        "and",
        "then",
        "also",
        "to",
        "it",
        "which",
        "that",
        "who",
        "shall",
        "will",
        "should",
        "must",
        "can",
        "may",
        "they",
    }
)


def _ambiguous(tokens: list[Token], i: int, items: list[Item]) -> str | None:
    """Words like "updates" are verbs after a subject or "and", nouns elsewhere."""
    lemma = AMBIGUOUS.get(tokens[i].low)
    prev = tokens[i - 1].low if i else ""
    after_subject = bool(items) and items[-1].kind == "m"
    if prev in ADVERBS and len(items) >= 2 and items[-2].kind == "m":
        after_subject = True  # "the Batch Service never updates a row"
    if tokens[i].low.endswith("s") and prev == "to":
        return None
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if nxt in PLAIN_EVENT_NOUNS and nxt not in ("update", "updates", "change", "changes"):
        return None
    return lemma if lemma and (prev in _VERB_CONTEXT or after_subject or not i) else None


_PASSIVE_NEXT = frozenset({"are", "were", "get", "is", "was"})
_FUNCTION_WORDS = frozenset({"the", "a", "an", "to", "by", "in", "on", "from", "with", "for", "it"})


def _verb_position(tokens: list[Token], i: int, items: list[Item]) -> bool:
    """Rule out nouns that look like verbs: "the order", "a push notification"."""
    prev = tokens[i - 1].low if i else ""
    if prev in ("a", "an", "the", "its", "their", "our", "this"):
        return False
    if len(prev) > 5 and prev.endswith(("ful", "ous")):
        return False  # "every successful charge", "a previous run": an adjective's noun
    if prev in ("in", "of", "at") or (i and tokens[i - 1].possessive):
        return False  # "in front of", "a couple of updates", "the shipper's credit"
    if prev.isdigit() or prev in _NUMBERS:
        return False  # "after 5 failed receives", "three failed attempts": an adjective
    low = tokens[i].low
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if _plural_noun(low, nxt, items):
        return False
    if nxt is not None and VERB_LEMMA.get(low) == low and _third_person_verb(nxt):
        return False  # "S3 upload triggers the resize Lambda": the noun before the verb
    if (
        low.endswith("ed")
        and prev in ("", ",", "(", "and")
        and nxt is not None
        and (nxt.is_word and nxt.low not in VERB_LEMMA and nxt.low not in _FUNCTION_WORDS)
    ):
        return False
    after_verb = (
        bool(items) and items[-1].kind == "v" and items[-1].lemma not in ("get", "have", "->")
    )
    if after_verb and low.endswith("s") and not low.endswith("ss") and low not in ("is", "was"):
        return False
    if prev in ("each", "every") and not (
        items
        and items[-1].kind == "w"
        and i > 1
        and tokens[i].low in VERB_LEMMA
        and VERB_LEMMA[tokens[i].low] == tokens[i].low
    ):
        return False
    if (
        tokens[i].low.endswith("ed")
        and items
        and items[-1].kind == "v"
        and items[-1].lemma not in ("get", "have")
    ):
        return False
    return not (items and items[-1].kind == "w" and prev.endswith("ing"))


def _third_person_verb(token: Token) -> bool:
    low = token.low
    lemma = VERB_LEMMA.get(low, "")
    return bool(lemma) and low != lemma and low.endswith("s") and not low.endswith("ss")


def _plural_noun(low: str, nxt: Token | None, items: list[Item]) -> bool:
    """ "Orders are stored", "sends location pings", "writes audit logs": nouns, not verbs."""
    if not low.endswith("s") or low.endswith("ss"):
        return False
    if nxt is not None and nxt.low in _PASSIVE_NEXT:
        return True
    counted = len(items) >= 2 and items[-1].kind == "w"
    if counted and (items[-2].token.low.isdigit() or items[-2].token.low in _NUMBERS):
        return True  # "5 failed receives", "three missed heartbeats"
    if (nxt is None or nxt.low in (",", ";", ".", ")")) and items and items[-1].kind == "w":
        last = items[-1].token
        if last.is_word and last.low not in _FUNCTION_WORDS | _VERB_CONTEXT | {"or"}:
            return True  # "map and filter queries,": a compound noun ending the phrase
    return (
        len(items) >= 2
        and items[-1].kind == "w"
        and items[-1].token.is_word
        and items[-1].token.low not in _FUNCTION_WORDS
        and items[-1].token.low not in _VERB_CONTEXT
        and items[-2].kind == "v"
        and items[-2].lemma != "->"
    )


def _by_follows(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].low == "by"


def events_in(items: list[Item]) -> list[str]:
    """Event names written in ``items`` (CamelCase, dotted)."""
    return [it.key for it in items if it.kind == "e"]
