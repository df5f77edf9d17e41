"""Cause and effect: "when an order is created the basket gets cleared".

The cause names an event (entity + past participle: OrderCreated) produced by the component
that owns the entity; whoever acts in the main clause consumes it.
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.clauses import Fact, Item, Sentence
from diagrams.core.planners.rule_based.lexicon import VERB_CLASSES, VERB_LEMMA
from diagrams.core.planners.rule_based.naming import event_name
from diagrams.core.planners.rule_based.registry import ACTORS, Registry
from diagrams.core.planners.rule_based.text import stem
from diagrams.core.planners.rule_based.wiring import Pub, Sub, Wiring
from diagrams.core.planners.rule_based.words import STOP

CAUSE_WORDS = frozenset({"when", "whenever", "once", "after", "upon", "on", "if"})
_AUX = frozenset({"is", "are", "was", "were", "gets", "get", "got", "has", "have", "been", "be"})
_PREPOSITIONS = frozenset({"at", "to", "in", "on", "from", "into", "with", "via", "through", "by"})
_NOT_ENTITY = STOP | {"someone", "something", "anyone", "everything", "step", "one"}


_TRAILING = frozenset({"when", "whenever", "once", "after"})
_WHEN_WORDS = frozenset(
    (  # noqa: SIM905
        "first last day days week weeks month months year years night nights morning mornings "
        "evening weekday weekdays weekend weekends monday tuesday wednesday thursday friday "
        "saturday sunday mondays fridays sundays schedule startup boot hour hours minute minutes"
    ).split()
)
_ACTING = frozenset({"call", "command", "write", "read", "trigger"})


def apply_causes(
    sentences: list[Sentence], facts: list[Fact], registry: Registry, wiring: Wiring
) -> None:
    """Add the events that cause clauses imply to ``wiring``."""
    for sentence in sentences:
        known = _known_events(sentences, wiring)
        for name, producer, lo, hi in _causes(sentence, registry):
            name = _match_known(name, known)
            if name in known:
                producer = None
            _link(sentence, name, producer, lo, hi, facts, registry, wiring)


def _known_events(sentences: list[Sentence], wiring: Wiring) -> dict[str, str]:
    """Event names the text writes or publishes, each with its producer ("" if unknown)."""
    known = {it.key: "" for s in sentences for it in s.items if it.kind == "e"}
    for pub in wiring.pubs:
        for name in pub.events:
            known[name] = pub.producer
    return known


def _match_known(name: str, known: dict[str, str]) -> str:
    """ "when a driver is assigned" is the DriverAssigned the text already has."""
    if name in known:
        return name
    parts = _pascal_parts(name)
    if len(parts) < 2:
        return name
    entity, verb = stem(parts[0]), parts[-1]
    same = [
        k
        for k in known
        if _pascal_parts(k)[-1:] == [verb] and entity in {stem(p) for p in _pascal_parts(k)}
    ]
    return same[0] if len(same) == 1 else name


def _pascal_parts(name: str) -> list[str]:
    return [p.lower() for p in re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)]


def _causes(sentence: Sentence, registry: Registry) -> list[tuple[str, str | None, int, int]]:
    """(event, producer, start and end of its main clause as token indexes) per cause."""
    items = sentence.items
    found: list[tuple[str, str | None, int, int, int]] = []
    for c, it in enumerate(items):
        low = it.token.low
        every_time = low == "time" and c > 0 and items[c - 1].token.low in ("every", "each")
        starts = c == 0 or items[c - 1].token.low in (",", "and", "\u2014", ";")
        trailing = not starts and low in _TRAILING and _verb_before(items, c)
        if not ((low in CAUSE_WORDS and starts) or every_time or trailing):
            continue
        if trailing and _publishes_named(items[_clause_start(items, c) : c]):
            continue  # "publish BinNearlyFull when a bin reaches 90 percent": when it is sent
        end = _cause_end(items, c + 1)
        if low in ("on", "upon") and {x.token.low for x in items[c + 1 : end]} & _WHEN_WORDS:
            continue  # "On the first of every month ...": a time, not an event
        named = [x.key for x in items[c + 1 : end] if x.kind == "e"]
        made = (named[0], _from_mention(items[c + 1 : end])) if named else None
        made = made or _name_cause(items[c + 1 : end], registry)
        if made:
            found.append((made[0], made[1], end, c, _clause_start(items, c) if trailing else -1))
    return [_main_clause(items, found, n) for n in range(len(found))]


def _main_clause(
    items: list[Item], found: list[tuple[str, str | None, int, int, int]], n: int
) -> tuple[str, str | None, int, int]:
    name, producer, end, at, trailing_from = found[n]
    if trailing_from >= 0:
        return name, producer, items[trailing_from].index, items[at].index
    lo = items[end].index if end < len(items) else 10**9
    hi = items[found[n + 1][3]].index if n + 1 < len(found) else 10**9
    return name, producer, lo, hi


def _publishes_named(clause: list[Item]) -> bool:
    """Whether the clause publishes an event it names ("shall publish BinNearlyFull")."""
    sends = any(it.kind == "v" and VERB_CLASSES.get(it.lemma) == "publish" for it in clause)
    return sends and any(it.kind == "e" for it in clause)


def _verb_before(items: list[Item], c: int) -> bool:
    """A main clause with a verb comes before the cause word in this clause."""
    for it in reversed(items[:c]):
        if it.token.low in (",", ";", "\u2014"):
            return False
        if it.kind == "v":
            return True
    return False


def _clause_start(items: list[Item], c: int) -> int:
    for j in range(c - 1, -1, -1):
        if items[j].token.low in (",", ";", "\u2014"):
            return j + 1
    return 0


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
        if seen_verb and low == "and" and _main_verb_next(items, j + 1):
            return j  # "... when an order is accepted and publishes X": back to the main clause
        if (
            seen_verb
            and (items[j].kind == "m" or low in ("the", "a", "an", "it", "we"))
            and _verb_before_comma(items, j + 1)
        ):
            return j
        seen_verb = seen_verb or items[j].kind == "v" or _verbish(items[j])
    return len(items)


def _main_verb_next(items: list[Item], j: int) -> bool:
    while j < len(items) and items[j].token.low in ("then", "also"):
        j += 1
    if j >= len(items) or items[j].kind != "v":
        return False
    low = items[j].token.low
    return low.endswith("s") and not low.endswith("ss")


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
    verb_at = _intransitive(items) if verb_at is None else verb_at
    if verb_at is None:
        return None
    while (
        verb_at + 1 < len(items)
        and items[verb_at].token.low in _AUX
        and (items[verb_at + 1].kind == "v" or items[verb_at + 1].token.low in _AUX)
    ):
        verb_at += 1  # "once every item has been bumped": bumped, not has
    verb = items[verb_at].token.low
    before = [it for it in items[:verb_at] if it.token.low not in _AUX]
    rest = items[verb_at + 1 :]
    cut = next((j for j, it in enumerate(rest) if it.token.low in _PREPOSITIONS), len(rest))
    after = _words(rest[:cut])  # "a driver arrives at a pickup": DriverArrived
    subject = next((it.key for it in before if it.kind == "m"), None) or next(
        (registry.by_word(it.token.low) for it in before[-1:] if it.kind == "w"), None
    )  # "when the kitchen marks an order ready": the Kitchen Service
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


def _intransitive(items: list[Item]) -> int | None:
    """ "once the visit ends", "when a card expires": the -s word after "the <noun>"."""
    for j in range(2, len(items)):
        low = items[j].token.low
        noun = items[j - 2].token.low in ("the", "a", "an") and items[j - 1].kind == "w"
        if noun and items[j].kind == "w" and low.endswith("s") and not low.endswith("ss"):
            return j
    return None


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
    lo: int,
    hi: int,
    facts: list[Fact],
    registry: Registry,
    wiring: Wiring,
) -> None:
    """The main clause [lo, hi) reacts to the event ``name``."""
    publisher = next((p.producer for p in wiring.pubs if name in p.events), None)
    if _names_unnamed(sentence, name, publisher, lo, hi, wiring):
        return
    source = publisher or producer
    if source is None:
        return
    condition = _mere_condition(sentence, source, lo, hi, wiring)
    if condition is not None:
        heard, after = condition.events[0], condition.pos + 1
        found = _reactors(sentence, heard, condition.producer, after, hi, facts, registry)
        _subscribe(wiring, sentence, found)
        return
    if publisher is None and registry.kind(source) == "external":
        return
    own = [f for f in facts if f.sentence == sentence.index and lo <= f.pos < hi]
    if publisher is None and own and own[0].source == source and own[0].verb in _ACTING:
        return  # "when a member crosses a threshold, the tier evaluator calls ...": its check
    if publisher is None and own and registry.kind(own[0].source) == "orchestrator":
        return  # "if screening rejects ..., the workflow runs a compensating activity": the
        # orchestrator learns it from the step it called; no event is implied
    reactors = _reactors(sentence, name, source, lo, hi, facts, registry)
    reactors += _passive_reactors(sentence, name, source, lo, hi, registry, reactors)
    if not reactors:
        return  # nobody reacts: no event to invent
    if publisher is None:
        wiring.pubs.append(Pub(source, None, [name], sentence.index))
    _subscribe(wiring, sentence, reactors)


def _names_unnamed(
    sentence: Sentence, name: str, publisher: str | None, lo: int, hi: int, wiring: Wiring
) -> bool:
    """ "when an order is placed, the ordering service publishes an event": that event."""
    for p in wiring.pubs:
        mine = p.sentence == sentence.index and lo <= p.pos < hi
        if mine and not p.events and publisher in (None, p.producer):
            p.events = [name]
            return True
    return False


def _subscribe(wiring: Wiring, sentence: Sentence, found: list[tuple[str, str, int]]) -> None:
    for actor, event, pos in found:
        wiring.subs.append(Sub(actor, None, [event], sentence.index, pos=pos))


def _passive_reactors(
    sentence: Sentence,
    name: str,
    source: str,
    lo: int,
    hi: int,
    registry: Registry,
    reactors: list[tuple[str, str, int]],
) -> list[tuple[str, str, int]]:
    """ "... the basket gets cleared": the basket's owner reacts too."""
    start = next((j for j, it in enumerate(sentence.items) if it.index >= lo), 0)
    stop = next((j for j, it in enumerate(sentence.items) if it.index >= hi), None)
    busy = {r[0] for r in reactors} | {source}
    owners = _passive_effects(sentence.items[start:stop], registry)
    return [(o, name, 0) for o in dict.fromkeys(owners) if o not in busy]


def _mere_condition(
    sentence: Sentence, producer: str | None, lo: int, hi: int, wiring: Wiring
) -> Pub | None:
    """ "when picking is done it publishes order.picked": the main clause's own event is what
    others hear, the cause is only its condition."""
    return next(
        (
            p
            for p in wiring.pubs
            if p.sentence == sentence.index
            and lo <= p.pos < hi
            and p.events
            and p.producer == producer
        ),
        None,
    )


def _reactors(
    sentence: Sentence,
    name: str,
    producer: str,
    lo: int,
    hi: int,
    facts: list[Fact],
    registry: Registry,
) -> list[tuple[str, str, int]]:
    """(actor, event it consumes, where) for whoever acts in the main clause."""
    own = [f for f in facts if f.sentence == sentence.index and lo <= f.pos < hi]
    latest, out = name, []
    for fact in own:
        actor = fact.source
        if actor == producer or registry.kind(actor) not in ACTORS - {"external"}:
            continue
        out.append((actor, latest, fact.pos))
        named = [e for e in fact.events if e != latest]
        if fact.verb == "publish" and named:
            latest = named[0]
    if not own:
        out = [
            (it.key, name, it.index)
            for it in sentence.items
            if it.kind == "m" and lo <= it.index < hi and it.key != producer
            if registry.kind(it.key) in ("service", "function")
        ]
    return out


def _passive_effects(items: list[Item], registry: Registry) -> list[str]:
    owners = []
    for j, it in enumerate(items[:-1]):
        if it.token.low in _AUX and j > 0 and items[j - 1].kind == "w":
            owner = registry.owner(items[j - 1].token.low)
            if owner:
                owners.append(owner)
    return owners
