"""Cause and effect: "when an order is created the basket gets cleared".

The cause names an event (entity + past participle: OrderCreated) produced by the component
that owns the entity; whoever acts in the main clause consumes it.
"""

from __future__ import annotations

from diagrams.core.planners.rule_based.clauses import Fact, Item, Sentence
from diagrams.core.planners.rule_based.lexicon import VERB_LEMMA
from diagrams.core.planners.rule_based.naming import event_name
from diagrams.core.planners.rule_based.registry import ACTORS, Registry
from diagrams.core.planners.rule_based.wiring import Pub, Sub, Wiring
from diagrams.core.planners.rule_based.words import STOP

CAUSE_WORDS = frozenset({"when", "whenever", "once", "after", "upon", "on", "if"})
_AUX = frozenset({"is", "are", "was", "were", "gets", "get", "got", "has", "have", "been", "be"})
_NOT_ENTITY = STOP | {"someone", "something", "anyone", "everything", "step", "one"}


def apply_causes(
    sentences: list[Sentence], facts: list[Fact], registry: Registry, wiring: Wiring
) -> None:
    """Add the events that cause clauses imply to ``wiring``."""
    for sentence in sentences:
        causes = _causes(sentence, registry)
        for n, (name, producer, end, _) in enumerate(causes):
            limit = causes[n + 1][3] if n + 1 < len(causes) else 10**9
            _link(sentence, name, producer, end, limit, facts, registry, wiring)


def _causes(sentence: Sentence, registry: Registry) -> list[tuple[str, str | None, int, int]]:
    """(event, producer, end of the cause clause, token index where it starts) per cause."""
    items = sentence.items
    found = []
    for c, it in enumerate(items):
        low = it.token.low
        every_time = low == "time" and c > 0 and items[c - 1].token.low in ("every", "each")
        starts = c == 0 or items[c - 1].token.low in (",", "and", "\u2014", ";")
        if (low in CAUSE_WORDS and starts) or every_time:
            end = _cause_end(items, c + 1)
            named = [x.key for x in items[c + 1 : end] if x.kind == "e"]
            source = _from_mention(items[c + 1 : end])
            if named:
                found.append((named[0], source, end, it.index))
                continue
            made = _name_cause(items[c + 1 : end], registry)
            if made:
                found.append((made[0], made[1], end, it.index))
    return found


def _from_mention(items: list[Item]) -> str | None:
    for j, it in enumerate(items[:-1]):
        if it.token.low == "from" and items[j + 1].kind == "m":
            return items[j + 1].key
    return None


def _cause_end(items: list[Item], start: int) -> int:
    seen_verb = False
    for j in range(start, len(items)):
        low = items[j].token.low
        if low in (",", ";", "\u2014") or (low == "while" and seen_verb):
            return j
        if (
            seen_verb
            and (items[j].kind == "m" or low in ("the", "a", "an", "it", "we"))
            and _verb_before_comma(items, j + 1)
        ):
            return j
        seen_verb = seen_verb or items[j].kind == "v" or _verbish(items[j])
    return len(items)


def _verb_before_comma(items: list[Item], start: int) -> bool:
    for it in items[start:]:
        if it.token.low in (",", ";"):
            return False
        if it.kind == "v":
            return True
    return False


def _verbish(item: Item) -> bool:
    low = item.token.low
    return item.kind == "w" and (low.endswith("ed") or low in VERB_LEMMA)


def _name_cause(items: list[Item], registry: Registry) -> tuple[str, str | None] | None:
    verb_at = next((j for j, it in enumerate(items) if it.kind == "v" or _verbish(it)), None)
    if verb_at is None:
        return None
    verb = items[verb_at].token.low
    before = [it for it in items[:verb_at] if it.token.low not in _AUX]
    after = _words(items[verb_at + 1 :])
    subject = next((it.key for it in before if it.kind == "m"), None)
    passive = verb_at > 0 and items[verb_at - 1].token.low in _AUX
    if passive or (not after and not subject):
        entity = _words(before)
        if not entity:
            return None
        lemma = "" if verb.endswith("ed") else _lemma(verb)
        name = event_name(entity, lemma, verb if verb.endswith("ed") else "")
        return name, _owner(entity, registry)
    entity = after or _words(before) or list(registry.comps[subject].domain if subject else ())
    name = event_name(entity, _lemma(verb))
    return name, subject or _owner(entity, registry) or _owner(_words(before), registry)


def _words(items: list[Item]) -> list[str]:
    return [it.token.low for it in items if it.kind == "w" and it.token.low not in _NOT_ENTITY][:2]


def _lemma(word: str) -> str:
    if word in VERB_LEMMA:
        return VERB_LEMMA[word]
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _owner(entity: list[str], registry: Registry) -> str | None:
    for word in reversed(entity):
        key = registry.owner(word)
        if key:
            return key
    return None


def _link(
    sentence: Sentence,
    name: str,
    producer: str | None,
    end: int,
    limit: int,
    facts: list[Fact],
    registry: Registry,
    wiring: Wiring,
) -> None:
    main_start = sentence.items[end].index if end < len(sentence.items) else 10**9
    unnamed = [
        p
        for p in wiring.pubs
        if p.sentence == sentence.index and not p.events and main_start <= p.pos < limit
    ]
    if unnamed:
        unnamed[0].events = [name]
        return
    if producer is None:
        return
    wiring.pubs.append(Pub(producer, None, [name], sentence.index))
    own = [f for f in facts if f.sentence == sentence.index and main_start <= f.pos < limit]
    latest = name
    for fact in own:
        actor = fact.source
        if actor == producer or registry.kind(actor) not in ACTORS:
            continue
        wiring.subs.append(Sub(actor, None, [latest], sentence.index))
        named = [e for e in fact.events if e != latest]
        if fact.verb == "publish" and named:
            latest = named[0]
    for entity_owner in _passive_effects(sentence.items[end:], registry):
        if entity_owner != producer:
            wiring.subs.append(Sub(entity_owner, None, [name], sentence.index))


def _passive_effects(items: list[Item], registry: Registry) -> list[str]:
    owners = []
    for j, it in enumerate(items[:-1]):
        if it.token.low in _AUX and j > 0 and items[j - 1].kind == "w":
            owner = registry.owner(items[j - 1].token.low)
            if owner:
                owners.append(owner)
    return owners
