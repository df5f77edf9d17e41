"""Sentence parsing: who does what to whom, as facts about components.

Each sentence becomes a row of items (component mentions, verbs, event names, words). For each
verb the subject is found to its left (or inherited across "and", or the antecedent of
"which"), the objects to its right up to the next clause boundary; passives swap the two.
"""

from __future__ import annotations

from itertools import pairwise

from diagrams.core.planners.rule_based.items import (
    PASSIVE_AUX,
    RELATIVE,
    Fact,
    Item,
    Sentence,
    parse_sentence,
)
from diagrams.core.planners.rule_based.lexicon import VERB_CLASSES
from diagrams.core.planners.rule_based.naming import event_name
from diagrams.core.planners.rule_based.registry import Registry
from diagrams.core.planners.rule_based.relatives import on_event
from diagrams.core.planners.rule_based.roles import _before, _events_near, _roles
from diagrams.core.planners.rule_based.text import pascal, singular

__all__ = ["Fact", "Item", "Sentence", "clause_facts", "parse_sentence"]


def clause_facts(
    sentence: Sentence, registry: Registry, carried: str | None, group: list[str] | None = None
) -> list[Fact]:
    """Facts stated by the verbs of ``sentence``; ``carried`` is the subject of the sentence
    before (for "it" and for note lines with no subject), ``group`` the last list of several
    components (for "both", "each of those")."""
    group = list(group or [])
    everyone = [k for k, c in registry.comps.items() if c.kind == "service"]
    items = sentence.items
    verbs = [n for n, it in enumerate(items) if it.kind == "v"]
    facts: list[Fact] = []
    topic = _topic(items) or carried
    previous_subject: list[str] = [topic] if topic else []
    mains: list[tuple[int, list[str]]] = []
    started: list[str] = []  # "X triggers Y's run: it charges ...": "it" is Y
    last_heard: list[str] = []  # "E, which X uses to ... and Y uses to ...": Y hears E too
    for v_pos, n in enumerate(verbs):
        verb = items[n]
        stop = verbs[v_pos + 1] if v_pos + 1 < len(verbs) else len(items)
        left_floor = verbs[v_pos - 1] + 1 if v_pos else 0
        inherited = _main_again(items, n, mains) or previous_subject
        if _topic(items) and n > 0 and items[n - 1].token.low == ";":
            inherited = [items[0].key]  # "Stream Analytics job: ...; raises X": the note's subject
        if started and n > 0 and items[n - 1].token.low == "it":
            inherited, started = started, []
        elif _third_party_it(items, n, inherited, registry):
            # "If Braintree declines, it publishes X": not Braintree; "the app sends pings to the
            # Location Service, and when one lands in the geofence it publishes X": the service
            workers = [
                it.key
                for it in items[:n]
                if it.kind == "m" and registry.kind(it.key) in _PUBLISHERS
            ]
            inherited = workers[-1:] or ([carried] if carried else inherited)
        subjects, objects = _roles(
            items, left_floor, n, stop, inherited, verb, group, everyone, bool(mains)
        )
        facts += _done_by(items, n, stop, sentence, facts)
        if not subjects:
            continue
        if len(objects) >= 2:
            group = objects
        if VERB_CLASSES.get(verb.lemma) in ("trigger", "command") or verb.lemma == "invoke":
            started = [o for o in objects if registry.kind(o) in _WORKERS][-1:]
        heard = _relative_event(items, n) or _and_also_heard(items, n, last_heard, objects)
        last_heard = heard or last_heard
        if heard and verb.lemma in _USING:
            verb.lemma, objects = "consume", []  # "..., which the Notifier uses to text ..."
        events = (
            _events_near(items, n, stop)
            or heard
            or _arrow_payload(items, left_floor, n)
            or _passive_payload(items, left_floor, n)
        )
        surface = _surface_subject(items, n, subjects, objects, bool(mains))
        if verb.lemma == "->" and objects and registry.kind(objects[-1]) in _WORKERS:
            surface = objects[-1:]  # "SNS -> queue -> moderation svc, calls X": the svc calls
        previous_subject = surface or previous_subject
        made = _verb_facts(items, n, stop, subjects, objects, events, sentence, registry)
        if len(subjects) > 1 and set(subjects) == set(everyone):
            for f in made:
                f.collective = True
        facts += made
        facts += _prepositional(items, n, stop, subjects, sentence, registry)
        if not (_before(items, n) and _before(items, n).token.low in RELATIVE):  # type: ignore[union-attr]
            mains.append((n, surface or subjects))
    return _handled_onward(on_event(sentence) + facts) + _orphans(items, facts, mains, sentence)


def _third_party_it(items: list[Item], n: int, inherited: list[str], registry: Registry) -> bool:
    """ "it" before a verb of publishing, when the last subject is a third party."""
    return (
        n > 0
        and items[n - 1].token.low == "it"
        and VERB_CLASSES.get(items[n].lemma) == "publish"
        and bool(inherited)
        and all(registry.kind(k) in ("external", "client") for k in inherited)
    )


_PUBLISHERS = frozenset({"service", "function", "stream_processor", "orchestrator"})


def _handled_onward(facts: list[Fact]) -> list[Fact]:
    """ "consumes UsageBilled -> SendGrid": the arrow is what the consumer does with the event
    (a call), not a second publication of it. "EntryPaid -> registration api confirms" after a
    line about the registration api: the api hears EntryPaid (an arrow to itself is that)."""
    for f in facts:
        if f.verb == "arrow" and f.events and f.source == f.target:
            f.verb, f.lemma, f.target = "subscribe", "consume", None
    for before, arrow in pairwise(facts):
        if (
            arrow.verb == "arrow"
            and before.verb == "subscribe"
            and before.source == arrow.source
            and before.events == arrow.events
        ):
            arrow.events = []
    return facts


def _surface_subject(
    items: list[Item], n: int, subjects: list[str], objects: list[str], within: bool
) -> list[str]:
    """Who the next coordinated verb is about ([] keeps the one before): not the object of a
    purpose infinitive ("to compute"), but the surface subject of a "by" passive."""
    verb = items[n]
    if verb.passive and objects and any(it.token.low == "by" for it in items[n + 1 : n + 3]):
        return objects  # "X shall be invoked by Y and shall read ...": X
    purpose = n > 0 and items[n - 1].token.low == "to" and within
    if (verb.passive and items[n - 1].token.low not in PASSIVE_AUX) or purpose:
        return []
    return subjects


def _verb_facts(
    items: list[Item],
    n: int,
    stop: int,
    subjects: list[str],
    objects: list[str],
    events: list[str],
    sentence: Sentence,
    registry: Registry,
) -> list[Fact]:
    verb = items[n]
    targets: list[str | None] = list(objects) or [None]
    via = _via_actor(items, n, stop, registry)
    gate = _gateway_between(items, n, stop, registry, objects)
    facts = [_fact(verb, s, gate, events, sentence) for s in subjects] if gate else []
    for s in [gate] if gate else subjects:
        for o in targets:
            if gate is not None and o == gate:
                continue
            stored = o is not None and registry.kind(o) in _STORES
            facts.append(_fact(verb, via if via and stored else s, o, events, sentence))
    return facts


_STORES = frozenset({"database", "cache", "storage", "event_store", "read_model"})
_MODALS = frozenset({"shall", "will", "must", "should", "can", "may"})


def _main_again(items: list[Item], n: int, mains: list[tuple[int, list[str]]]) -> list[str]:
    """ "X calls Y, which queries Z, and shall persist ...": back to the main clause's subject."""
    j = n - 1
    modal = j >= 0 and items[j].token.low in _MODALS
    j -= 1 if modal else 0
    if not mains or j < 1 or items[j].token.low != "and":
        return []
    if items[j - 1].token.low == "," or modal:
        return mains[-1][1]
    return []


_WORKERS = frozenset({"service", "function", "stream_processor"})
_MANNER = frozenset({"over", "via", "through", "using", "with", "every", "at", "in"})
_GROUP_GLUE = frozenset({"the", "a", "an", "also", "and", "both", "all"})


_OUTCOMES = frozenset(
    {"success", "failure", "fail", "done", "ok", "error", "timeout", "yes", "no", "approval"}
)
_ACTORS = frozenset({"service", "gateway", "function", "load_balancer", "orchestrator"})
_STORED = frozenset({"table", "outbox", "row", "wal", "binlog", "changelog"})
_MESSAGE_WORDS = frozenset(
    (  # noqa: SIM905
        "event message alert notification update reading ping command signal record change "
        "order payment"
    ).split()
)
_COUNTS = frozenset(
    {"all", "both", "two", "three", "four", "five", "six", "several", "many", "any", "none"}
)
_USING = frozenset({"use", "need", "get", "want", "take", "read", "see", "hear"})
_TRANSPORT = frozenset(
    {"webhook", "http", "https", "rest", "grpc", "request", "call", "api", "callback", "sync"}
)


def _arrow_payload(items: list[Item], floor: int, n: int) -> list[str]:
    """ "stock-out alerts -> Service Bus": the words before an arrow name the message."""
    left = items[floor:n]
    if items[n].lemma != "->" or not left or any(it.kind in ("m", "e", "v") for it in left):
        return []
    cut = next((j for j, it in enumerate(left) if it.token.low in _MANNER), len(left))
    left = left[:cut]  # "reads over HTTPS -> the API": how it is sent is not what
    words = [singular(it.token.low) for it in left if it.kind == "w" and it.token.is_word]
    words = [w for w in words if w not in ("the", "a", "an", "all", "every", "each")]
    if set(words) & _TRANSPORT:
        return []  # "-> HTTP webhook ->": how it is sent, a call, not a message
    if len(words) == 1 and words[0] in _OUTCOMES:
        return []  # "success -> workflow publishes ...": a condition, not a message
    target = next((it for it in items[n + 1 :] if it.kind == "m"), None)
    mention = target.mention if target is not None else None
    target_kind = mention.kind if mention else ""
    dead = mention is not None and bool({"dlq", "dead"} & set(mention.domain))  # "DLQ topic"
    if target_kind == "dead_letter_queue" or dead:
        return []  # "retry 3x w/ backoff, then -> DLQ topic": failures, not a named message
    if target_kind in _STORES or set(words) & _STORED:
        return []  # "rating + tip -> Postgres", "the outbox table -> Kafka": data, not a message
    words = [w for w in words if w not in ("and", "or")]
    to_actor = target_kind in _ACTORS
    if to_actor and not set(words) & _MESSAGE_WORDS:
        return []  # "till -> spend svc": where requests come from, not a message
    numbered = bool(left) and left[0].token.low.isdigit()
    if numbered or any(w in _COUNTS or w.isdigit() for w in words):
        return []  # "consumes all three ->", "5 failed receives ->": not a message's name
    name = pascal(words[-3:])
    return [name] if name[:1].isupper() and name.isascii() else []


def _passive_payload(items: list[Item], floor: int, n: int) -> list[str]:
    """ "every change (PointsEarned, PointsRedeemed) shall be appended to ...", "OrderPlaced is
    published to Kafka": the events a passive verb of sending or storing is about."""
    verb = items[n]
    participle = n > 0 and items[n - 1].kind == "e" and verb.token.low.endswith("ed")
    if not (verb.passive or participle) or VERB_CLASSES.get(verb.lemma) not in ("publish", "write"):
        return []  # "A, B, C appended to EventStoreDB" is a passive too
    start = max(
        (j + 1 for j in range(floor, n) if items[j].token.low in (":", ";", "when", "if")),
        default=floor,
    )
    return list(dict.fromkeys(it.key for it in items[start:n] if it.kind == "e"))


def _relative_event(items: list[Item], n: int) -> list[str]:
    """ "emits CustomerSynced, which the analytics service listens to": that event."""
    if VERB_CLASSES.get(items[n].lemma) != "subscribe" and items[n].lemma not in _USING:
        return []
    j = n - 1
    while j >= 0 and (items[j].kind == "m" or items[j].token.low in _GROUP_GLUE):
        j -= 1
    if j < 1 or items[j].token.low not in ("which", "that") or j == n - 1:
        return []
    k = j - 1 if items[j - 1].token.low != "," else j - 2
    return [items[k].key] if k >= 0 and items[k].kind == "e" else []


def _and_also_heard(items: list[Item], n: int, heard: list[str], objects: list[str]) -> list[str]:
    """ "PayoutCompleted, which the Transfer Service uses to mark it done and the Notification
    Service uses to text them": the second user hears the same event."""
    if not heard or objects or items[n].lemma not in _USING | {"consume", "need"}:
        return []
    j = n - 1
    while j >= 0 and (items[j].kind == "m" or items[j].token.low in ("the", "a", "an")):
        j -= 1
    return heard if j >= 0 and j < n - 1 and items[j].token.low == "and" else []


def _gateway_between(
    items: list[Item], n: int, stop: int, registry: Registry, objects: list[str]
) -> str | None:
    """ "talks to the ordering service through an API gateway": the gateway sits between."""
    if not objects or registry.kind(objects[0]) not in ("service", "function"):
        return None
    for j in range(n + 1, min(stop, len(items) - 1)):
        if items[j].token.low in ("through", "via", "behind"):
            nxt = [it for it in items[j + 1 : j + 4] if it.token.low not in ("the", "a", "an")]
            if nxt and nxt[0].kind == "m" and registry.kind(nxt[0].key) in _GATES:
                return nxt[0].key
    return None


_GATES = frozenset({"gateway", "load_balancer", "cdn"})
_NOT_A_THING = frozenset(
    {"one", "ones", "each", "both", "another", "either", "neither", "it", "them", "which", "that"}
)


def _via_actor(items: list[Item], n: int, stop: int, registry: Registry) -> str | None:
    """ "reads the status view through the Status API": the API does the reading."""
    for j in range(n + 1, min(stop, len(items) - 1)):
        if items[j].token.low in ("through", "via"):
            nxt = [it for it in items[j + 1 : j + 4] if it.token.low not in ("the", "a", "an")]
            if nxt and nxt[0].kind == "m":
                key = nxt[0].key
                return key if registry.kind(key) in ("service", "gateway", "function") else None
    return None


def _done_by(
    items: list[Item], n: int, stop: int, sentence: Sentence, facts: list[Fact]
) -> list[Fact]:
    """ "threshold breaches detected by the Flink job": Flink publishes ThresholdBreachDetected,
    and whoever consumes "threshold breaches" in this sentence consumes that event."""
    verb = items[n]
    if not (verb.passive and n >= 1 and items[n - 1].kind == "w") or n + 2 >= len(items):
        return []
    if items[n - 1].token.low in PASSIVE_AUX or items[n - 1].token.low in ("are", "was", "be"):
        return []
    agent = [it for it in items[n + 2 : n + 5] if it.token.low not in ("the", "a", "an")][:1]
    if items[n + 1].token.low != "by" or not agent or agent[0].kind != "m":
        return []
    nouns = [it.token.low for it in items[max(0, n - 2) : n] if it.kind == "w"]
    if set(nouns) & _NOT_A_THING:
        return []  # "two SQS queues: one consumed by X, and one consumed by Y": no event
    name = event_name(nouns, participle_word=verb.token.low)
    for fact in facts:
        if fact.verb == "subscribe" and not fact.events and fact.sentence == sentence.index:
            fact.events = [name]
    producer = agent[0].key
    return [
        Fact(
            "publish", producer, None, [name], "emit", sentence.index, sentence.text, pos=verb.index
        )
    ]


def _orphans(
    items: list[Item], facts: list[Fact], mains: list[tuple[int, list[str]]], sentence: Sentence
) -> list[Fact]:
    """ "fans out to queue A for X, which ..., and another queue B": B is fanned out to too."""
    used = {k for f in facts for k in (f.source, f.target)}
    targets = {f.target for f in facts}
    extra: list[Fact] = []
    for j, it in enumerate(items):
        if it.kind != "m" or j < 2 or it.key in targets:
            continue
        relative = (
            j + 2 < len(items)
            and items[j + 1].token.low == ","
            and (items[j + 2].token.low in ("which", "who"))
        )
        if it.key in used and not relative:
            continue  # "..., then B, which records ...": B is still the list's next object
        k = j - 1
        while k > 0 and items[k].token.low in ("the", "a", "an", "another", "one", "second"):
            k -= 1
        earlier = [(n, s) for n, s in mains if n < k]
        listed = items[k].token.low in ("and", "then") and items[k - 1].token.low == ","
        if listed and earlier:  # "invoke A, which ..., then B, which ..."
            n, subjects = earlier[-1]
            extra += [_fact(items[n], s, it.key, [], sentence) for s in subjects]
    return extra


def _fact(verb: Item, s: str, o: str | None, events: list[str], sentence: Sentence) -> Fact:
    cls = "arrow" if verb.lemma == "->" else VERB_CLASSES.get(verb.lemma, "other")
    source, target = s, o
    command = any(t.low in ("command", "commands") for t in sentence.tokens)
    return Fact(
        cls,
        source,
        target,
        list(events),
        verb.lemma,
        sentence.index,
        sentence.text,
        command,
        verb.index,
    )


def _topic(items: list[Item]) -> str | None:
    """A note line's subject: "order service: ...", "Basket service \u2014 ..."."""
    if (
        len(items) > 1
        and items[0].kind == "m"
        and items[1].token.low in (":", "\u2014", "\u2013", "(")
    ):
        return items[0].key
    return None


_REQUESTS = frozenset({"request", "requests", "calls", "call", "traffic", "queries", "query"})


def _prepositional(
    items: list[Item],
    n: int,
    stop: int,
    subjects: list[str],
    sentence: Sentence,
    registry: Registry,
) -> list[Fact]:
    """``via Stripe``, ``through the gateway``, ``for the matching service``, ``behind X``."""
    facts: list[Fact] = []
    for j in range(n + 1, min(stop, len(items) - 1)):
        target = _next_mention(items, j + 1, stop)
        if target is None:
            continue
        if _passes_through(items, n, j, stop, target, registry):
            facts += [
                Fact("via", s, target, sentence=sentence.index, text=sentence.text)
                for s in subjects
            ]
        elif items[j].token.low == "for":
            facts += [
                Fact("for", s, target, sentence=sentence.index, text=sentence.text)
                for s in subjects
            ]
        else:
            facts += _from_facts(items, n, j, stop, target, subjects, sentence, registry)
    return facts


def _passes_through(
    items: list[Item], n: int, j: int, stop: int, target: str, registry: Registry
) -> bool:
    """ "via X", "through X", "using X", or "calls ... with the X service"."""
    low = items[j].token.low
    return low in ("via", "through", "using") or (
        low == "with"
        and VERB_CLASSES.get(items[n].lemma) in ("other", "call", None)
        and registry.kind(target) in ("service", "external")
        and _next_mention(items, j + 1, min(stop, j + 4)) == target
    )


def _from_facts(
    items: list[Item],
    n: int,
    j: int,
    stop: int,
    target: str,
    subjects: list[str],
    sentence: Sentence,
    registry: Registry,
) -> list[Fact]:
    """ "accepts orders from the app" (the app calls in), "gets prices from X" (calls X)."""
    if items[j].token.low != "from":
        return []
    if _REQUESTS.intersection(t.token.low for t in items[n + 1 : j]) or (
        items[n].lemma in ("accept", "receive", "take")
        and registry.kind(target) in ("client", "gateway", "service", "external")
    ):
        return [
            Fact("arrow", target, s, lemma="->", sentence=sentence.index, text=sentence.text)
            for s in subjects
        ]
    if VERB_CLASSES.get(items[n].lemma) not in ("other", None, "call"):
        return []
    facts: list[Fact] = []
    for t in _from_group(items, j + 1, stop):
        if registry.kind(t) in ("service", "external") and registry.kind(subjects[0]) in (
            "gateway",
            "service",
            "client",
            "function",
        ):
            facts += [Fact("via", s, t, sentence=sentence.index) for s in subjects]
    return facts


def _from_group(items: list[Item], start: int, stop: int) -> list[str]:
    """ "from the catalog service and the reviews service": every component listed."""
    found: list[str] = []
    for it in items[start:stop]:
        if it.kind == "m":
            found.append(it.key)
        elif it.token.low not in ("the", "a", "an", "and", ",", "(", ")", "our"):
            break
    return found


def _next_mention(items: list[Item], start: int, stop: int) -> str | None:
    for j in range(start, min(stop, start + 4)):
        if items[j].kind == "m":
            return items[j].key
        if items[j].kind == "v" or items[j].token.low in (",", ";"):
            return None
    return None
