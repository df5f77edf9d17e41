"""Where a technology name or a head noun starts in a row of tokens (longest match wins)."""

from __future__ import annotations

from diagrams.core.planners.rule_based.lexicon import VERB_CLASSES, VERB_LEMMA
from diagrams.core.planners.rule_based.mention_types import EVENT_TOKEN, event_like
from diagrams.core.planners.rule_based.tech import TECH_INDEX
from diagrams.core.planners.rule_based.text import Token, singular
from diagrams.core.planners.rule_based.words import (
    AGENT_VERBS,
    HEAD_MAX_WORDS,
    HEADS,
    NOT_AGENTS,
    STOP,
)


def tech_at(tokens: list[Token], i: int) -> tuple[int, str, str] | None:
    """The longest technology name starting at token ``i``: (end, canonical, kind)."""
    lengths = _TECH_LENGTHS.get(tokens[i].low)
    if lengths is None:
        return None
    for length in lengths:
        if length > len(tokens) - i:
            continue
        words = tuple(t.low for t in tokens[i : i + length])
        hit = TECH_INDEX.get(words)
        if hit and (not hit[2] or tokens[i].capitalized or _alone_in_parens(tokens, i, length)):
            return i + length, hit[0], hit[1]
    return None


def _alone_in_parens(tokens: list[Token], i: int, length: int) -> bool:
    """ "an api gateway (kong)": a product name is meant even when typed in lower case."""
    end = i + length
    return i > 0 and tokens[i - 1].low == "(" and end < len(tokens) and tokens[end].low == ")"


_TECH_LENGTHS: dict[str, list[int]] = {}
for _key in TECH_INDEX:
    _TECH_LENGTHS.setdefault(_key[0], []).append(len(_key))
for _first, _lengths in _TECH_LENGTHS.items():
    _TECH_LENGTHS[_first] = sorted(set(_lengths), reverse=True)  # longest match first
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
        or (second[1] in ("client",) and first[1] != "client")
    ):
        return first
    lead = first[0] - i
    if first[1] == "dead_letter_queue" and second[1] in ("topic", "queue"):
        return second[0], first[1], f"{first[2]} {second[2]}", second[3], lead  # type: ignore[return-value]
    if singular(tokens[first[0] - 1].low) in _ROLE_HEADS and tokens[first[0]].low in _KIND_WORDS:
        kind = second[1] if second[1] == "function" else first[1]
        return second[0], kind, first[2], second[3]
    return second[0], second[1], f"{first[2]} {second[2]}", second[3], lead  # type: ignore[return-value]


_MODALS = frozenset({"shall", "will", "must", "should", "can", "may", "would", "could"})
_PERSONAL = frozenset({"we", "they", "i", "you"})
_VERB_HEADS = frozenset(
    {
        "stream",
        "streams",
        "index",
        "indexes",
        "stores",
        "queues",
        "caches",
        "logs",
        "records",
        "views",
        "tables",
    }
)


def _verb_here(tokens: list[Token], i: int) -> bool:
    """ "phones stream GPS pings", "the service caches products": a verb, not a head noun."""
    low = tokens[i].low
    if (
        i
        and tokens[i - 1].low in _MODALS | _PERSONAL
        and (low in VERB_LEMMA or low in VERB_CLASSES)
    ):
        return True  # "shall store records", "will cache prices", "which we cache in Redis"
    if low not in _VERB_HEADS or i == 0:
        return False
    prev = tokens[i - 1].low
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if prev.endswith("s") and prev not in ("its", "this", "has") and nxt not in ("", ",", "."):
        return True
    # "the gateway box in each machine room streams door cycles": a verb before its object
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        low.endswith("s")
        and after is not None
        and after.is_word
        and not after.capitalized
        and after.low not in STOP
        and prev not in ("the", "a", "an", "its", "their", "our", "this", "that")
        and _single_head_at(tokens, i + 1) is None
    )


def _single_head_at(tokens: list[Token], i: int) -> tuple[int, str, str, bool] | None:
    if i < len(tokens) and tokens[i].text == "Workflow" and i and tokens[i - 1].capitalized:
        return i + 1, "orchestrator", "Workflow", False  # "the Round Publication Workflow"
    if i < len(tokens) and singular(tokens[i].low) not in _HEAD_FIRST:
        return _agent_at(tokens, i)
    if i >= len(tokens):
        return None
    for length in range(min(HEAD_MAX_WORDS, len(tokens) - i), 0, -1):
        words = tuple(singular(t.low) for t in tokens[i : i + length])
        hit = HEADS.get(words)
        if hit and length == 1 and _verb_here(tokens, i):
            return None
        if hit:
            last = tokens[i + length - 1].low
            return i + length, hit[0], hit[1], singular(last) != last
    return None


def head_words(tokens: list[Token], i: int, end: int) -> tuple[str, ...]:
    """The singular words of the head span ``tokens[i:end]``."""
    return tuple(singular(t.low) for t in tokens[i:end])


def _agent_at(tokens: list[Token], i: int) -> tuple[int, str, str, bool] | None:
    """ "the payout reconciler", "the Floor Planner": an agent noun no table lists names a
    service when it comes from a verb of system work or is written as a name."""
    token = tokens[i]
    low = singular(token.low)
    if len(low) < 6 or not low.endswith(("er", "or")) or low in NOT_AGENTS or not token.is_word:
        return None
    if EVENT_TOKEN.match(token.text) and event_like(token.text):
        return None  # "RecordReturnedToSeller": an event name, not "SampleManager"
    if low in VERB_LEMMA or token.low in VERB_LEMMA or tech_at(tokens, i):
        return None  # "deliver", "offer": verbs; "Flutter": a technology
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    then = tokens[i + 2].low if i + 2 < len(tokens) else ""
    plain = nxt is not None and not token.capitalized and _plain_noun(nxt)
    plain = plain and then not in _DETERMINERS  # "the floor planner frees the table": a verb
    if plain or (nxt is not None and _single_head_at(tokens, i + 1)):
        return None  # "the Underwriter UI", "charger locations": it modifies the next
    if token.capitalized and _name_goes_on(tokens, i + 1):
        return None  # "the Locker Room Service": a word of a longer name
    if i > 0 and tokens[i - 1].low in ("a", "an") and not token.capitalized:
        return None  # "assigns a picker": someone, not a component of the system
    named = (
        i > 0
        and token.capitalized
        and (tokens[i - 1].capitalized or tokens[i - 1].low in _NAME_OPENERS)
    )
    if not named and not _from_work_verb(low):
        return None
    return i + 1, "service", low[:1].upper() + low[1:], singular(token.low) != token.low


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "each", "every", "all", "any"})


def _name_goes_on(tokens: list[Token], i: int) -> bool:
    """Capitalised words from ``i`` run into a head noun: "Room Service", "Yard Booking API"."""
    for j in range(i, min(i + 3, len(tokens))):
        if not (tokens[j].is_word and tokens[j].capitalized):
            return False
        if _single_head_at(tokens, j) is not None and tokens[j].low not in VERB_LEMMA:
            return True
    return False


def _plain_noun(token: Token) -> bool:
    low = token.low
    return (
        token.is_word
        and not token.capitalized
        and low not in VERB_LEMMA
        and low not in STOP
        and not low.endswith("ly")
    )


_NAME_OPENERS = frozenset({"the", "a", "an", "our", "its", "their", "->", ",", "("})


def _from_work_verb(low: str) -> bool:
    """ "reconciler" <- reconcile, "optimizer" <- optimize, "planner" <- plan, "notifier"."""
    stem = low[:-2]
    candidates = {stem, stem + "e", low[:-1]}
    if low.endswith("ier"):
        candidates.add(low[:-3] + "y")
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.add(stem[:-1])  # "planner" <- plan
    if low.endswith("ator"):
        candidates.add(low[:-4] + "ate")
    return bool(candidates & AGENT_VERBS)
