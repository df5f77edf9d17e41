"""Facts a sentence states without a verb between the two components.

"an SQS queue for the notification service", "behind the gateway there's A and B", "order
service: Postgres", "an achievements service on the same stream", "... so that the ordering
service can mark it", "Each upload triggers a Lambda" (the bucket is the source).
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.clauses import Fact, Item, Sentence
from diagrams.core.planners.rule_based.lexicon import VERB_CLASSES
from diagrams.core.planners.rule_based.registry import MESSAGING, Registry
from diagrams.core.planners.rule_based.wiring import STORES, Sub, Wiring


def topic_stores(sentence: Sentence, registry: Registry) -> list[Fact]:
    """ "order service: Postgres; publishes ...": the note's subject uses that store."""
    items = sentence.items
    if (
        len(items) < 3
        or items[0].kind != "m"
        or items[1].token.low not in (":", "\u2014", "\u2013")
    ):
        return []
    facts = []
    for it in items[2:]:
        if it.kind == "v":
            break
        if it.kind == "m" and registry.kind(it.key) in STORES:
            facts.append(Fact("own", items[0].key, it.key, sentence=sentence.index, lemma="own"))
    return facts


_STORED_THINGS = re.compile(
    r"\b(?:upload|file|object|photo|image|blob|document|video|row|"
    r"change)s?\b",
    re.IGNORECASE,
)


def implicit_sources(parsed: list[Sentence], facts: list[Fact], registry: Registry) -> list[Fact]:
    """ "Each upload triggers a Lambda": the store that was uploaded to is the source."""
    extra: list[Fact] = []
    last_store: str | None = None
    for sentence in parsed:
        items = sentence.items
        for j, it in enumerate(items):
            if it.kind == "m" and registry.kind(it.key) in ("storage", "database"):
                last_store = it.key
            triggered = it.kind == "v" and VERB_CLASSES.get(it.lemma) == "trigger"
            if not (triggered and last_store and _STORED_THINGS.search(sentence.text)):
                continue
            own = [f for f in facts if f.sentence == sentence.index and f.pos == it.index]
            for fact in own:
                if registry.kind(fact.source) not in STORES:
                    fact.source = last_store
            if not own:
                extra += [
                    Fact(
                        "trigger",
                        last_store,
                        key,
                        lemma=it.lemma,
                        sentence=sentence.index,
                        pos=it.index,
                    )
                    for key in _objects(items, j)
                ]
    return extra


def _objects(items: list[Item], j: int) -> list[str]:
    found: list[str] = []
    for it in items[j + 1 :]:
        if it.kind == "v":
            break
        if it.kind == "m":
            found.append(it.key)
    return found


def co_reactions(facts: list[Fact], registry: Registry, wiring: Wiring) -> None:
    """ "X listens for it and creates accounts, Y sets up the record, and Z orders a laptop":
    the others in the sentence react to the same event."""
    for sub in list(wiring.subs):
        if sub.sentence < 0:
            continue
        busy = {p.producer for p in wiring.pubs if p.sentence == sub.sentence}
        busy |= {s.consumer for s in wiring.subs if s.sentence == sub.sentence}
        for fact in facts:
            actor = fact.source
            if (
                fact.sentence == sub.sentence
                and fact.pos > sub.pos
                and actor not in busy
                and registry.kind(actor) in ("service", "function")
                and fact.verb == "other"
            ):
                wiring.subs.append(
                    Sub(actor, sub.channel, list(sub.events), sub.sentence, pos=fact.pos)
                )
                busy.add(actor)


def purpose(sentence: Sentence, found: list[Fact]) -> list[Fact]:
    """ "... emits an event so that the ordering service can mark it": a consumer hint."""
    items = sentence.items
    for j, it in enumerate(items[:-1]):
        if it.token.low != "so":
            continue
        k = j + 2 if items[j + 1].token.low == "that" else j + 1
        while k < len(items) and items[k].token.low in ("the", "a", "an"):
            k += 1
        targets = []
        while k < len(items) and (
            items[k].kind == "m" or items[k].token.low in ("the", "a", "an", "and", ",")
        ):
            if items[k].kind == "m":
                targets.append(items[k].key)
            k += 1
        pubs = [f for f in found if f.verb == "publish" and f.pos < it.index]
        if pubs and targets:
            return [Fact("for", pubs[-1].source, t, sentence=sentence.index) for t in targets]
    return []


def adjacent_facts(sentence: Sentence, registry: Registry) -> list[Fact]:
    """``an SQS queue for the notification service``; ``behind the gateway there's A and B``."""
    facts: list[Fact] = []
    items = sentence.items
    for j, it in enumerate(items):
        if it.kind != "m":
            continue
        nxt = [x for x in items[j + 1 : j + 4] if x.token.low not in ("the", "a", "an")]
        if (
            registry.kind(it.key) in MESSAGING
            and len(nxt) > 1
            and nxt[0].token.low == "for"
            and nxt[1].kind == "m"
        ):
            facts.append(Fact("for", it.key, nxt[1].key, sentence=sentence.index))
        facts += _listening_on(items, j, sentence, registry)
        facts += _parenthetical_use(items, j, sentence, registry)
        before = items[j - 1].token.low if j else ""
        if before in ("behind",) or (j > 1 and items[j - 2].token.low == "behind"):
            facts += _behind(items, it, sentence, registry)
        facts += _in_front_of(items, j, sentence, registry)
    return facts


def _in_front_of(items: list[Item], j: int, sentence: Sentence, registry: Registry) -> list[Fact]:
    """ "the Search API in front of that index": the API reads the index (or calls it)."""
    words = [x.token.low for x in items[j + 1 : j + 4]]
    if words != ["in", "front", "of"]:
        return []
    target = next(
        (x for x in items[j + 4 : j + 7] if x.kind == "m"),
        None,
    )
    if target is None or registry.kind(it_key := items[j].key) not in ("service", "gateway"):
        return []
    verb = "read" if registry.kind(target.key) in STORES else "call"
    return [Fact(verb, it_key, target.key, sentence=sentence.index, lemma="front")]


def _listening_on(items: list[Item], j: int, sentence: Sentence, registry: Registry) -> list[Fact]:
    """ "an achievements service on the same stream": it consumes from that stream."""
    actor = items[j]
    if registry.kind(actor.key) not in ("service", "function", "stream_processor"):
        return []
    rest = [it for it in items[j + 1 : j + 5] if it.token.low not in ("the", "a", "an", "same")]
    if (
        len(rest) > 1
        and rest[0].token.low in ("on", "subscribed")
        and rest[1].kind == "m"
        and registry.kind(rest[1].key) in MESSAGING
    ):
        return [
            Fact(
                "subscribe",
                actor.key,
                rest[1].key,
                lemma="listen",
                sentence=sentence.index,
                pos=actor.index,
            )
        ]
    return []


def _parenthetical_use(
    items: list[Item], j: int, sentence: Sentence, registry: Registry
) -> list[Fact]:
    """ "welcome-email lambda (SES)", "profile service (Go, Postgres, Redis)": the component
    uses every store or third party its parentheses list."""
    span = items[j].mention
    opened = span is not None and "(" in (t.low for t in sentence.tokens[span.start : span.end])
    k = j + 1
    if not opened and k < len(items) and items[k].token.low == "(":
        opened, k = True, k + 1
    facts: list[Fact] = []
    while opened and k < len(items) and items[k].token.low != ")":
        it = items[k]
        if it.kind == "m" and registry.kind(it.key) in _USED_KINDS:
            facts.append(Fact("use", items[j].key, it.key, lemma="use", sentence=sentence.index))
        elif it.kind != "m" and it.token.low not in _LIST_JOINERS:
            return []
        k += 1
    return facts if k < len(items) else []


_USED_KINDS = frozenset({"external", "database", "cache", "storage"})
_LIST_JOINERS = frozenset({",", "and", "+", "/", "&", "with", "plus", "a", "an", "the"})


def _behind(items: list[Item], front: Item, sentence: Sentence, registry: Registry) -> list[Fact]:
    facts = []
    at = items.index(front)
    behind = next(j for j in range(at - 1, -1, -1) if items[j].token.low == "behind")
    before = [it for it in items[:behind] if it.kind == "m"]
    near = before[-1:] if before and behind - items.index(before[-1]) <= 2 else []
    for other in near or items:  # "the bucket behind the site": only the bucket
        if other.kind == "m" and other.key != front.key:
            kind = registry.kind(other.key)
            if kind in ("service", "function", "gateway") or (
                kind in STORES and registry.kind(front.key) == "cdn"
            ):
                facts.append(
                    Fact("arrow", front.key, other.key, sentence=sentence.index, lemma="->")
                )
    return facts[:6]


_LISTENERS = frozenset(
    {
        "subscribers",
        "consumers",
        "listeners",
        "handlers",
        "services",
        "functions",
        "lambdas",
        "things",
        "apps",
        "workers",
        "others",
    }
)
_LISTENING = re.compile(
    r"\b(?:subscribers?|consumers?|listeners?|handlers?|subscribe|consume|listen|read|react|"
    r"hang off|hang from|sit on|attached)\b",
    re.IGNORECASE,
)


def listed_subscribers(sentence: Sentence, registry: Registry, channel: str | None) -> list[Fact]:
    """ "Three subscribers hang off that topic: the loyalty function ...; the usage function
    ...; and the health service ...": each listed component subscribes to the channel."""
    items = sentence.items
    colon = next((j for j, it in enumerate(items) if it.token.low == ":"), None)
    if colon is None:
        return []
    actors = [
        it for it in items[:colon] if it.kind == "m" and registry.kind(it.key) not in MESSAGING
    ]
    if actors or not any(it.token.low in _LISTENERS for it in items[:colon] if it.kind == "w"):
        return []  # "three things hang off it:", not "the billing service consumes:"
    head = " ".join(it.token.low for it in items[:colon])
    if not _LISTENING.search(head):
        return []
    named = [
        it.key for it in items[:colon] if it.kind == "m" and registry.kind(it.key) in MESSAGING
    ]
    target = named[0] if named else channel  # "hang off that topic, each with its own queue"
    heard = [it.key for it in items[:colon] if it.kind == "e"]  # "hang off TranscriptReady:"
    if target is None and not heard:
        return []
    separator = ";" if any(it.token.low == ";" for it in items[colon:]) else ","
    facts: list[Fact] = []
    fresh = True
    for it in items[colon + 1 :]:
        if it.token.low == separator:
            fresh = True
        elif fresh and it.kind == "m" and registry.kind(it.key) not in MESSAGING | STORES:
            facts.append(
                Fact(
                    "subscribe",
                    it.key,
                    None if heard else target,
                    list(heard),
                    sentence=sentence.index,
                    lemma="subscribe",
                )
            )
            fresh = False
        elif it.kind in ("m", "v"):
            fresh = False
    return facts


def chained_reactions(facts: list[Fact], registry: Registry, wiring: Wiring) -> None:
    """ "the deposit service publishes DepositFailed, the floor planner frees the table and
    publishes TableReleased": the next actor in the sentence reacts to the event before it."""
    for pub in list(wiring.pubs):
        if pub.sentence < 0 or not pub.events:
            continue
        heard = any(
            s.sentence == pub.sentence and set(s.events) & set(pub.events) for s in wiring.subs
        )
        if heard:
            continue
        later = [
            f
            for f in facts
            if f.sentence == pub.sentence
            and f.pos > pub.pos
            and f.source != pub.producer
            and registry.kind(f.source) in ("service", "function", "stream_processor")
        ]
        if not later:
            continue
        actor = later[0].source
        acts = [f for f in later if f.source == actor]
        listens = any(
            f.verb == "subscribe" and f.source == actor and f.sentence == pub.sentence
            for f in facts
        )
        answers = any(
            p.producer == actor and p.sentence == pub.sentence and p.pos > pub.pos
            for p in wiring.pubs
        )
        doing = acts[0].verb in ("call", "other", "write", "trigger") or (
            acts[0].verb == "publish" and not acts[0].events
        )
        then = doing and acts[0].target != pub.producer  # "publishes CreditApproved and the
        # load service sends the confirmation": it reacts to CreditApproved
        if (answers or then) and not listens:
            wiring.subs.append(
                Sub(actor, pub.channel, list(pub.events), pub.sentence, pos=acts[0].pos)
            )


def in_which_case(sentence: Sentence, registry: Registry) -> list[Fact]:
    """ "... publishes PaymentFailed if the card is declined, in which case the Pass Service
    voids the pass": the actor after "in which case" reacts to the event named before it."""
    items = sentence.items
    facts: list[Fact] = []
    for j in range(1, len(items) - 1):
        if [it.token.low for it in items[j - 1 : j + 2]] != ["in", "which", "case"]:
            continue
        named = [it.key for it in items[:j] if it.kind == "e"]
        actor = next((it for it in items[j + 2 :] if it.kind == "m"), None)
        if named and actor and registry.kind(actor.key) in ("service", "function"):
            facts.append(
                Fact(
                    "subscribe",
                    actor.key,
                    None,
                    events=named[-1:],
                    lemma="consume",
                    sentence=sentence.index,
                    pos=actor.index,
                )
            )
    return facts


def listens_for_more(sentence: Sentence, found: list[Fact]) -> list[Fact]:
    """ "X listens for A to confirm the order, and for B and C to cancel it": X hears B and C."""
    listens = [f for f in found if f.verb == "subscribe" and f.events and f.target is None]
    if not listens:
        return []
    items = sentence.items
    facts: list[Fact] = []
    for j in range(1, len(items) - 1):
        if not (items[j - 1].token.low == "and" and items[j].token.low == "for"):
            continue
        if not any(f.pos < j for f in listens) or any(it.kind == "m" for it in items[j : j + 2]):
            continue
        named: list[str] = []
        for it in items[j + 1 :]:
            if it.kind == "e":
                named.append(it.key)
            elif it.token.low not in ("and", ",", "or", "the", "/"):
                break
        if named:
            for f in found:  # "to confirm, and for B": B is heard, not what "confirm" emits
                if f.verb != "subscribe" and f.pos < j and set(f.events) <= set(named):
                    f.events = []
            last = [f for f in listens if f.pos < j][-1]
            facts.append(
                Fact(
                    "subscribe",
                    last.source,
                    None,
                    events=named,
                    lemma=last.lemma,
                    sentence=sentence.index,
                    pos=j,
                )
            )
    return facts
