"""From facts to wiring: synchronous flows, publications, subscriptions, fan-outs, triggers.

The kind of each end decides what a verb means: "sends to Kafka" publishes, "sends requests to
the payment service" calls, "reads from the orders queue" subscribes, "reads from Postgres"
reads. Messages then become events with a producer, consumers and a channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diagrams.core.planners.rule_based.clauses import Fact
from diagrams.core.planners.rule_based.mention_types import EVENT_NAME
from diagrams.core.planners.rule_based.registry import ACTORS, MESSAGING, Registry

STORES = frozenset({"database", "cache", "storage", "event_store", "read_model"})
_ALSO_HEARS = re.compile(r"\balso (?:subscrib|listen|consum|react|hear)", re.IGNORECASE)
# "race pack svc also reads it": the event just named, when nothing says where from
_READS_IT = re.compile(r"\breads? (?:it|them)\b(?! (?:from|in|out of|back)\b)", re.IGNORECASE)
_POINTS_BACK = re.compile(
    r"\b(?:it|them|those|these|that event|the events?|the messages?|"
    r"that message|such events|the same \w+|both(?=\s*(?:[.;,]|$))|"
    r"(?:(?<=to )|(?<=for )|(?<=on )|(?<=consumes )|(?<=handles )|(?<=receives )|"
    r"(?<=processes ))(?:that|this)(?=\s*(?:[.;,]|and\b|to\b|so\b|$))|"
    r"(?:that|this)(?=\s+up\b)|all(?: the)?(?: \w+)? (?:events|messages)|"
    r"both (?:events|messages)|all (?:two|three|four|five|six)\b|"
    r"also (?:subscribed|subscribes|listens|consumes|reacts|hears)(?= *(?:[.;,:(]|$)))\b",
    re.IGNORECASE,
)
_GETS = re.compile(
    r"\b(?:gets?|receives?|is notified|hears)\s+(?:it|them|those|these|the \w+)\s+"
    r"(?:via|through|from)\b",
    re.IGNORECASE,
)
_READ_LEMMAS = frozenset({"query", "look", "lookup", "show", "display", "review", "serve"})
_EVENT_LEMMAS = frozenset(
    {"publish", "emit", "produce", "raise", "fire", "broadcast", "announce", "signal"}
)
_LISTEN_LEMMAS = frozenset(
    {
        "listen",
        "subscribe",
        "consume",
        "react",
        "handle",
        "pick",
        "receive",
        "process",
        "poll",
        "watch",
        "ingest",
        "wait",
        "await",
    }
)


@dataclass
class Pub:
    producer: str
    channel: str | None
    events: list[str]
    sentence: int
    consumer: str | None = None
    command: bool = False
    pos: int = 0


@dataclass
class Sub:
    consumer: str
    channel: str | None
    events: list[str]
    sentence: int
    producer: str | None = None
    pos: int = 0
    owned: bool = False  # "each consumer has its own queue": a queue, not a stated interest
    anyone: bool = False  # said of "each consumer": whoever consumes, not everyone
    fallback: bool = False  # "each service reacts to what it sees": if nothing else is said
    also: bool = False  # "alerting svc also subscribes": to what the one before subscribed to


@dataclass
class Wiring:
    """Everything the text says about how components talk."""

    sync: list[tuple[str, str, str, str]] = field(default_factory=list)
    pubs: list[Pub] = field(default_factory=list)
    subs: list[Sub] = field(default_factory=list)
    fans: list[tuple[str, str]] = field(default_factory=list)
    triggers: list[tuple[str, str, list[str]]] = field(default_factory=list)
    commands: list[tuple[str, str]] = field(default_factory=list)
    hints: list[tuple[str, str, int]] = field(default_factory=list)
    duties: dict[str, list[str]] = field(default_factory=dict)


def interpret(facts: list[Fact], registry: Registry) -> Wiring:
    """Turn facts into wiring, reading each verb in the light of the kinds at its two ends."""
    wiring = Wiring()
    for fact in facts:
        if fact.target is None:
            _unary(fact, registry, wiring)
        elif fact.verb == "write" and fact.events and registry.kind(fact.target) in ACTORS:
            # "writes ItemPurchased into an outbox table, and a Cloud Function ...": the events
            # are published; the component after them is not where they are stored
            wiring.pubs.append(Pub(fact.source, None, fact.events, fact.sentence, pos=fact.pos))
        elif fact.source != fact.target:
            _binary(fact, registry.kind(fact.source), registry.kind(fact.target), wiring)
    return wiring


def _unary(fact: Fact, registry: Registry, wiring: Wiring) -> None:
    kind = registry.kind(fact.source)
    if fact.verb == "publish" and (fact.events or fact.lemma in _EVENT_LEMMAS):
        wiring.pubs.append(
            Pub(fact.source, None, fact.events, fact.sentence, command=fact.command, pos=fact.pos)
        )
    elif fact.events and fact.verb in ("write", "other", "arrow") and kind in ACTORS:
        wiring.pubs.append(Pub(fact.source, None, fact.events, fact.sentence, pos=fact.pos))
    elif (
        fact.verb in ("use", "read")
        and kind in ACTORS
        and kind not in MESSAGING
        and (fact.events or (fact.verb == "read" and _READS_IT.search(fact.text)))
    ):
        # "X uses E to ...", "X reads E", "E -> X confirms; Y also reads it": they hear E
        said = None if fact.events else _READS_IT.search(fact.text)
        events = fact.events or (EVENT_NAME.findall(fact.text[: said.start()])[-1:] if said else [])
        sub = Sub(fact.source, None, events, fact.sentence, pos=fact.pos)
        sub.also = bool(_ALSO_HEARS.search(fact.text))
        wiring.subs.append(sub)
    elif fact.verb == "subscribe" and fact.lemma in _LISTEN_LEMMAS and kind not in MESSAGING:
        if fact.collective and not fact.events:  # "every service just reacts to what it
            sub = Sub(fact.source, None, [], fact.sentence, pos=fact.pos)  # sees": only for
            sub.fallback = True  # a service the text gives nothing else to consume
            wiring.subs.append(sub)
        elif fact.events or _POINTS_BACK.search(fact.text):
            sub = Sub(fact.source, None, fact.events, fact.sentence, pos=fact.pos)
            sub.also = bool(_ALSO_HEARS.search(fact.text))
            wiring.subs.append(sub)
    elif fact.verb in ("other", "publish", "command") and kind in ACTORS:
        _duty(fact, wiring)


def _duty(fact: Fact, wiring: Wiring) -> None:
    words = fact.text.split()
    lows = [w.lower().strip(",.;:") for w in words]
    for i, w in enumerate(lows):
        if w.startswith(fact.lemma[:4]):
            phrase = " ".join(words[i : i + 7]).rstrip(",.;:")
            for cut in (",", ";", " and the ", " while ", " which ", " so "):
                phrase = phrase.split(cut)[0]
            if len(phrase.split()) >= 2:
                wiring.duties.setdefault(fact.source, []).append(phrase[:1].upper() + phrase[1:])
            return


def _binary(fact: Fact, sk: str, tk: str, wiring: Wiring) -> None:
    s, t, verb = fact.source, fact.target or "", fact.verb
    if verb in ("for", "via"):
        _via(fact, sk, tk, wiring)
        return
    if tk in MESSAGING or sk in MESSAGING:
        _messaging(fact, sk, tk, wiring)
    elif tk in STORES:
        _store(fact, sk, wiring)
    elif tk == "external" and verb in ("other", "write", "publish", "read") and sk in ACTORS:
        wiring.sync.append((s, t, "call", ""))
        _duty(fact, wiring)
    elif sk in STORES and tk in ACTORS:
        if verb in ("trigger", "publish", "fanout", "arrow", "call", "other"):
            wiring.triggers.append((s, t, fact.events))
    else:
        _between_actors(fact, sk, tk, wiring)
    if verb == "other" and sk in ACTORS:
        _duty(fact, wiring)


def _via(fact: Fact, sk: str, tk: str, wiring: Wiring) -> None:
    """ "for the X service" is a hint; "via X" a call through X (or a push to a client)."""
    s, t = fact.source, fact.target or ""
    if fact.verb == "for":
        wiring.hints.append((s, t, fact.sentence))
    elif sk == "client" and tk in ("service", "gateway", "function") and _GETS.search(fact.text):
        wiring.subs.append(Sub(t, None, [], fact.sentence, pos=fact.pos or 10**6))
        wiring.sync.append((t, s, "call", "pushes"))  # "the app gets it via the push svc"
    elif tk in ("external", "service", "gateway", "function") and sk not in MESSAGING:
        wiring.sync.append((s, t, "call", ""))


def _between_actors(fact: Fact, sk: str, tk: str, wiring: Wiring) -> None:
    """A verb between two actors: a command, a call, an event published or listened to."""
    s, t, verb = fact.source, fact.target or "", fact.verb
    if verb == "command":
        wiring.commands.append((s, t))
    elif (
        verb == "publish"
        and sk == "client"
        and tk in ("service", "gateway", "function")
        and fact.lemma not in _EVENT_LEMMAS
    ):
        wiring.sync.append((s, t, "call", fact.lemma))  # "phones stream GPS pings to a service"
    elif verb == "publish" and (fact.events or fact.lemma in _EVENT_LEMMAS):
        wiring.pubs.append(
            Pub(s, None, fact.events, fact.sentence, consumer=t, command=fact.command, pos=fact.pos)
        )
    elif verb == "publish" and tk in ("service", "gateway", "function"):
        wiring.sync.append((s, t, "call", fact.lemma))
    elif verb == "subscribe" and fact.lemma == "poll":
        wiring.sync.append((s, t, "call", "polls"))
    elif verb == "subscribe" and fact.lemma in _LISTEN_LEMMAS:
        wiring.subs.append(Sub(s, None, fact.events, fact.sentence, producer=t, pos=fact.pos))
    elif verb == "trigger" and tk == "orchestrator" and not fact.events and fact.lemma != "trigger":
        wiring.sync.append((s, t, "call", "starts"))  # "starts the workflows in Temporal"
    elif verb == "trigger" and sk == "scheduler" and not fact.events:
        wiring.sync.append((s, t, "call", "triggers"))  # "a CronJob triggers the renewal run"
    elif fact.lemma == "serve" and tk == "client":
        wiring.sync.append((t, s, "call", ""))  # "the search API serves the buyer website"
    elif verb == "trigger":
        wiring.triggers.append((s, t, fact.events))
    elif verb == "arrow" and fact.events:
        wiring.pubs.append(Pub(s, None, fact.events, fact.sentence, consumer=t, pos=fact.pos))
    elif verb in ("call", "use", "arrow", "fanout", "read") and (tk != "client" or verb == "arrow"):
        wiring.sync.append((s, t, "call", ""))


def _messaging(fact: Fact, sk: str, tk: str, wiring: Wiring) -> None:
    s, t, verb = fact.source, fact.target or "", fact.verb
    if tk in MESSAGING and sk in MESSAGING:
        if verb in ("subscribe", "read"):
            wiring.fans.append((t, s))
        else:
            wiring.fans.append((s, t))
    elif tk == "dead_letter_queue" and not fact.events and verb in ("arrow", "other", "use"):
        return  # "5 failed receives -> DLQ": the broker dead-letters, no one publishes there
    elif tk in MESSAGING:
        if verb in ("subscribe", "read", "own") or fact.lemma in ("pull",):
            sub = Sub(s, t, fact.events, fact.sentence, pos=fact.pos)
            sub.owned = verb == "own" and not fact.events
            sub.anyone = fact.collective and not fact.events
            wiring.subs.append(sub)
        elif sk in STORES or sk in ACTORS:
            wiring.pubs.append(
                Pub(s, t, fact.events, fact.sentence, command=fact.command, pos=fact.pos)
            )
    elif tk not in STORES:
        wiring.subs.append(Sub(t, s, fact.events, fact.sentence, pos=fact.pos))


def _store(fact: Fact, sk: str, wiring: Wiring) -> None:
    s, t = fact.source, fact.target or ""
    if sk in STORES:
        return
    reading = fact.verb in ("read", "subscribe") or fact.lemma in _READ_LEMMAS
    if sk in ("cdn", "gateway", "load_balancer"):
        reading = True
    label = "" if fact.lemma in ("->", "use", "have", "own") else fact.lemma
    wiring.sync.append((s, t, "read" if reading else "write", label))
    if fact.events and not reading:
        wiring.pubs.append(Pub(s, None, fact.events, fact.sentence, pos=fact.pos))
