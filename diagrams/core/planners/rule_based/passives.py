"""Passive storage with no agent: "Trips are kept in Postgres and driver locations in Redis".

Each store belongs to the actor that owns the stored noun (trips -> Trip Service), else to the
producer of an event about that noun (driver -> whoever emits DriverAssigned), else to the
service the text spoke about last. A store is never left floating.
"""

from __future__ import annotations

from diagrams.core.planners.rule_based.clauses import Fact, Item, Sentence
from diagrams.core.planners.rule_based.lexicon import VERB_CLASSES
from diagrams.core.planners.rule_based.registry import Registry
from diagrams.core.planners.rule_based.text import stem
from diagrams.core.planners.rule_based.wiring import STORES, Wiring
from diagrams.core.planners.rule_based.words import STOP

_SKIP = STOP | {"all", "every", "each", "their", "its", "our", "also", "then", "and", "are"}
_OWNERS = frozenset({"service", "function", "stream_processor", "gateway"})


def passive_stores(
    parsed: list[Sentence], facts: list[Fact], registry: Registry, wiring: Wiring
) -> None:
    """Write flows from each stored noun's owner to the stores a passive sentence names."""
    linked = {(f.sentence, f.target) for f in facts if f.target}
    last_actor: str | None = None
    for sentence in parsed:
        items = sentence.items
        for verb in _passive_verbs(items):
            for store_at, nouns in _stored(items, verb, registry):
                key = items[store_at].key
                if (sentence.index, key) in linked:
                    continue
                owner = (
                    _owner(nouns, registry, wiring)
                    or _subject(facts, sentence, items[verb].index, registry)
                    or _handler(nouns, parsed[: sentence.index], facts, registry)
                    or last_actor
                )
                if owner:
                    wiring.sync.append((owner, key, "write", "stores"))
        actors = [f.source for f in facts if f.sentence == sentence.index]
        actors = [a for a in actors if registry.kind(a) in _OWNERS]
        last_actor = actors[0] if actors else last_actor


_PLAIN_STORES = frozenset({"database", "cache", "storage"})


def floating_stores(
    parsed: list[Sentence], facts: list[Fact], registry: Registry, wiring: Wiring
) -> None:
    """A store the text names but never wires ("There is also a Redis cache") belongs to the
    service that spoke of what it holds, else to the last actor named before it."""
    wired = {k for f in facts for k in (f.source, f.target)}
    wired |= {k for flow in wiring.sync for k in flow[:2]}
    for sentence in parsed:
        for j, it in enumerate(sentence.items):
            key = it.key if it.kind == "m" else ""
            if not key or key in wired or registry.kind(key) not in _PLAIN_STORES:
                continue
            nouns = _nouns(sentence.items[j + 1 :])
            owner = _handler(nouns, parsed[: sentence.index], facts, registry) or _last_actor(
                facts, sentence.index, registry
            )
            if owner:
                wiring.sync.append((owner, key, "write", "stores"))
                wired.add(key)


def _last_actor(facts: list[Fact], before: int, registry: Registry) -> str | None:
    actors = [
        k
        for f in facts
        if f.sentence <= before
        for k in (f.source, f.target)
        if k and registry.kind(k) in _OWNERS
    ]
    return actors[-1] if actors else None


def _passive_verbs(items: list[Item]) -> list[int]:
    """Storing verbs whose clause names no component before them (the agent is left out)."""
    verbs = [j for j, it in enumerate(items) if _storing(it)]
    return [v for v in verbs if not any(it.kind == "m" for it in items[_clause(items, v) : v])]


_JOINED = frozenset({"and", "while", "but", "whereas"})


def _clause(items: list[Item], verb: int) -> int:
    """Where the verb's clause starts: after a semicolon, a colon, a dash or ", and"."""
    for j in range(verb - 1, -1, -1):
        if items[j].token.low in (";", ":", "\u2014"):
            return j + 1
        if j and items[j].token.low in _JOINED and items[j - 1].token.low == ",":
            return j + 1
    return 0


_INTO_STORE = frozenset({"upload", "export", "copy", "sync", "send", "push", "stream", "replicate"})


def _storing(item: Item) -> bool:
    """A passive verb that puts data somewhere ("are kept in", "shall be uploaded to")."""
    writes = VERB_CLASSES.get(item.lemma) == "write" or item.lemma in _INTO_STORE
    lives = item.lemma in ("live", "sit", "reside")  # "courier locations live in Redis"
    return item.kind == "v" and ((item.passive and writes) or lives)


def _stored(items: list[Item], verb: int, registry: Registry) -> list[tuple[int, list[str]]]:
    """(index of a store mention, the nouns stored there) for each store after the verb."""
    out: list[tuple[int, list[str]]] = []
    nouns = _nouns(items[_clause(items, verb) : verb])
    for j in range(verb + 1, len(items)):
        it = items[j]
        if it.kind == "m" and registry.kind(it.key) in STORES:
            out.append((j, nouns))
            nouns = []
        elif it.token.low in ("and", ","):
            later = _nouns(items[j + 1 : _next_prep(items, j + 1)])
            nouns = later or nouns
        elif it.kind == "v" or it.token.low == ";":
            break
    return out


def _next_prep(items: list[Item], start: int) -> int:
    for j in range(start, min(len(items), start + 5)):
        if items[j].token.low in ("in", "into", "to", "on", "inside") or items[j].kind == "m":
            return j
    return start


def _nouns(items: list[Item]) -> list[str]:
    return [it.token.low for it in items if it.kind in ("w", "v") and it.token.low not in _SKIP]


def _owner(nouns: list[str], registry: Registry, wiring: Wiring) -> str | None:
    for word in reversed(nouns):
        key = registry.owner(word)
        if key:
            return key
    for word in reversed(nouns):
        root = stem(word)
        for pub in wiring.pubs:
            if any(stem(_first_word(e)) == root for e in pub.events):
                return pub.producer
    return None


def _subject(facts: list[Fact], sentence: Sentence, pos: int, registry: Registry) -> str | None:
    """The first actor of this sentence before the passive verb (its main subject)."""
    for f in facts:
        if f.sentence == sentence.index and f.pos < pos and registry.kind(f.source) in _OWNERS:
            return f.source
    return None


def _handler(
    nouns: list[str], earlier: list[Sentence], facts: list[Fact], registry: Registry
) -> str | None:
    """The first actor of an earlier sentence that speaks of the stored noun ("forwards every
    reading"), or of the thing it is about ("reservation data": reservations)."""
    content = [n for n in nouns if n not in _GENERIC_DATA]
    for root in [stem(n) for n in reversed(content)]:
        for sentence in earlier:
            if root in {stem(it.token.low) for it in sentence.items if it.kind in ("w", "v")}:
                actor = _first_actor(facts, sentence, registry)
                if actor:
                    return actor
    return None


_GENERIC_DATA = frozenset(
    {"data", "record", "records", "row", "rows", "detail", "details", "info", "information"}
)


def _first_actor(facts: list[Fact], sentence: Sentence, registry: Registry) -> str | None:
    for f in facts:
        if f.sentence == sentence.index and registry.kind(f.source) in _OWNERS:
            return f.source
    return None


def _first_word(event: str) -> str:
    """``DriverAssigned`` -> ``driver``."""
    for j in range(1, len(event)):
        if event[j].isupper():
            return event[:j].lower()
    return event.lower()
