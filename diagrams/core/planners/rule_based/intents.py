"""Chat instructions as changes to a Draft: one handler per kind of request.

Each handler gets the draft and its regular-expression match, changes the draft, and returns a
one-line summary; it raises PlannerError when the instruction names something that isn't there.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from diagrams.core.planners.base import PlannerError
from diagrams.core.planners.rule_based.detect import saga_name
from diagrams.core.planners.rule_based.diff import find_component, named_in
from diagrams.core.planners.rule_based.draft import MESSAGING, STORES, DComponent, DEvent, Draft
from diagrams.core.planners.rule_based.mention_types import EVENT_NAME
from diagrams.core.planners.rule_based.naming import (
    compensation_name,
    default_event,
    normalise_event_name,
    schema_for,
)
from diagrams.core.planners.rule_based.patterns import (
    apply_cqrs,
    apply_dlq,
    apply_event_sourcing,
    apply_idempotent,
    apply_messaging_pattern,
    apply_outbox,
    apply_retry,
    apply_schema_registry,
    consumers,
    main_broker,
    producers,
)
from diagrams.core.planners.rule_based.registry import Registry
from diagrams.core.planners.rule_based.saga import apply_choreography, apply_orchestration
from diagrams.core.planners.rule_based.tech import TECH_INDEX, techs_in
from diagrams.core.planners.rule_based.words import HEADS

Handler = Callable[[Draft, re.Match[str]], str]


def component(draft: Draft, phrase: str) -> DComponent:
    """The component ``phrase`` names, or a PlannerError listing the ones there are. A phrase
    that goes on past the name ("the Slack notifier anymore, the apps will poll") names the
    first component in it."""
    named = named_in(draft, phrase)
    found = find_component(draft, phrase)
    if named and (found is None or len(phrase.split()) > len(found.name.split()) + 3):
        found = named[0]  # the phrase says more than a name: the first component it names
    head = re.split(r"[,;(]| - ", phrase)[0]  # "the Market Data Service, we don't need it"
    head = re.sub(
        r"\s+(?:thing|things|stuff|bit|piece|one|part)$", "", head.strip()
    )  # "the fraud thing"
    if found is None and head != phrase:
        return component(draft, head)
    if found is None:
        names = ", ".join(c.name for c in list(draft.components.values())[:12])
        raise PlannerError(
            f"There is no component called '{phrase.strip()}' in the diagram. "
            f"Its components are: {names}."
        )
    return found


def event(draft: Draft, name: str) -> DEvent:
    """The event called ``name``, or a PlannerError listing the events there are."""
    key = normalise_event_name(name.strip(" .,;:!?'\"`"))
    for e in draft.events.values():
        if e.name.lower() == key.lower():
            return e
    names = ", ".join(list(draft.events)[:12]) or "none"
    raise PlannerError(f"There is no event called '{name}' in the diagram. Its events: {names}.")


def _owner(draft: Draft, phrase: str | None) -> str:
    if phrase:
        found = find_component(draft, phrase)
        if found:
            return found.id
        registry = Registry()
        for c in draft.components.values():
            registry.comps[c.id] = _as_comp(c)
        for word in reversed(phrase.lower().split()):
            key = registry.owner(word)
            if key:
                return key
        raise PlannerError(f"There is no component for '{phrase.strip()}' in the diagram.")
    made = producers(draft) or [c.id for c in draft.of_kind("service", "function")]
    if not made:
        raise PlannerError("The diagram has no service to apply that pattern to.")
    return made[0]


def _as_comp(c: DComponent):  # type: ignore[no-untyped-def]
    from diagrams.core.planners.rule_based.registry import Comp

    words = [w.lower() for w in c.name.split() if w.lower() not in ("service", "api", "svc")]
    return Comp(c.id, c.name, c.kind, c.technology, tuple(words))


def rename_event(draft: Draft, m: re.Match[str]) -> str:
    old = event(draft, m["old"])
    given = m["new"].strip(" .,?!'\"`")
    if given.lower() in ("that", "it", "this"):  # "calls it TransactionEnriched, rename X to that"
        others = [n for n in EVENT_NAME.findall(m.string) if n != old.name]
        given = others[0] if others else given
    new = normalise_event_name(given)
    if new in draft.events:
        raise PlannerError(f"An event called {new} already exists.")
    old_name = old.name
    draft.events = {(new if k == old_name else k): v for k, v in draft.events.items()}
    old.name = new
    for f in draft.flows.values():
        f.events = [new if n == old_name else n for n in f.events]
        if f.label and old_name in f.label:
            f.label = f.label.replace(old_name, new)
    for e in draft.events.values():
        e.compensates = new if e.compensates == old_name else e.compensates
    return f"Renamed event {old_name} to {new}."


def remove_event(draft: Draft, m: re.Match[str]) -> str:
    target = event(draft, m["name"])
    draft.remove_event(target.name)
    return f"Removed event {target.name}."


def partition_key(draft: Draft, m: re.Match[str]) -> str:
    target = event(draft, m["event"])
    field = m["field"].strip(" .'\"`")
    target.partition_key = field
    props = target.schema.setdefault("properties", {})
    props.setdefault(field, {"type": "string"})
    return f"{target.name} is now partitioned by {field}."


def compensating_event(draft: Draft, m: re.Match[str]) -> str:
    try:
        target = event(draft, m["name"])
    except PlannerError:
        target = _step_event(draft, m["name"]) or event(draft, m["name"])
    producer = draft.components[target.producer]
    given = m.groupdict().get("new")
    if given:  # "... published by the Payment Service ...": the one named publishes it
        by = re.search(
            r"\b(?:published|emitted|raised|sent) by (?P<who>.+?)(?:,| when| that|$)", m[0]
        )
        producer = component(draft, by["who"]) if by else producer
    name = (
        normalise_event_name(given)
        if given
        else compensation_name(target.name, tuple(producer.name.lower().split()[:-1]))
    )
    if given and name in draft.events and name != target.name:  # it is there: mark it
        draft.events[name].compensates = target.name
        return f"{name} now compensates {target.name}."
    if name in draft.events:
        raise PlannerError(f"{name} already exists; it cannot also compensate {target.name}.")
    undo = DEvent(
        name,
        producer.id,
        list(target.consumers),
        target.channel,
        compensates=target.name,
        schema=dict(target.schema) | {"title": name},
        description=f"Compensates {target.name}: undoes its effect when a later step fails.",
    )
    draft.events[name] = undo
    draft.route_event(undo)
    return f"Added {name}, which compensates {target.name}."


def _step_event(draft: Draft, name: str) -> DEvent | None:
    """ "a compensating event for FlightBooked" when the flight step is a call: the step's
    outcome as an event of the one component its name starts with ("Flight Service")."""
    key = normalise_event_name(name.strip(" .'\"`"))
    humps = [h.lower() for h in re.findall(r"[A-Z][a-z0-9]*", key)]
    if len(humps) < 2 or not humps[-1].endswith("ed"):
        return None
    owners = [
        c
        for c in draft.components.values()
        if c.kind in ("service", "function")
        and c.name.lower().split()[: len(humps) - 1] == humps[:-1]
    ]
    if len(owners) != 1:
        return None
    made = DEvent(
        key,
        owners[0].id,
        [],
        None,
        schema=schema_for(key, humps[:-1]),
        description=f"Published by {owners[0].name} when its step succeeds.",
    )
    draft.events[key] = made  # its reply travels back on the call: no flow of its own
    return made


def call_to_event(draft: Draft, m: re.Match[str]) -> str:
    source, target = component(draft, m["a"]), component(draft, m["b"])
    if (source.id, target.id, "call") not in draft.flows:
        raise PlannerError(f"There is no synchronous call from {source.name} to {target.name}.")
    del draft.flows[(source.id, target.id, "call")]
    broker = main_broker(draft) or draft.ensure_component("Event Bus", "broker")
    words = tuple(w.lower() for w in source.name.split()[:-1]) or (source.name.lower(),)
    name = default_event(words)
    if name in draft.events and draft.events[name].producer != source.id:
        name = f"{source.name.split()[0].title()}Requested"
    ev = draft.events.get(name) or DEvent(
        name,
        source.id,
        channel=broker.id,
        schema=schema_for(name, list(words)),
        description=f"Published by {source.name}.",
    )
    if target.id not in ev.consumers:
        ev.consumers.append(target.id)
    draft.events[name] = ev
    draft.route_event(ev)
    return f"{source.name} now publishes {name} to {broker.name} instead of calling {target.name}."


def outbox(draft: Draft, m: re.Match[str]) -> str:
    owner = _owner(draft, m["target"])
    apply_outbox(draft, owner)
    return f"Added a transactional outbox to {draft.components[owner].name}."


def retries(draft: Draft, m: re.Match[str]) -> str:
    ids = [_owner(draft, m["target"])] if m["target"] else consumers(draft)
    apply_retry(draft, ids or [_owner(draft, None)])
    return "Added retries with exponential backoff."


def idempotent(draft: Draft, m: re.Match[str]) -> str:
    phrase = m["target"] or ""
    if re.search(r"\b(consumers|all|every|them)\b", phrase) or not phrase:
        ids = consumers(draft)
    else:
        ids = [component(draft, phrase).id]
    if not ids:
        raise PlannerError("The diagram has no event consumers to make idempotent.")
    apply_idempotent(draft, ids)
    return "Consumers now deduplicate events (idempotent consumer)."


_HEARS = re.compile(r"\b(?:consum|listen|subscrib|react|handl|receiv|pick|hear)\w*", re.IGNORECASE)
_INSTEAD_OF_CALLING = re.compile(r"\b(?:rather than|instead of) (?:\w+ ){0,4}call", re.IGNORECASE)


def publish_event(draft: Draft, m: re.Match[str]) -> str:
    """ "the dedup service should publish DuplicateFound for triage to consume", "have X publish
    E and let Y consume it": a new (or wider) event from X, heard by those named after it."""
    actors = [c for c in named_in(draft, m["who"]) if c.kind not in MESSAGING | STORES]
    producer = actors[-1] if actors else component(draft, m["who"])  # "when ..., wardrobe"
    if actors and re.search(r"\b(?:have|let|make) it\b", m["who"]):
        producer = actors[0]  # "instead of Dispatch calling Y, have it publish ..."
    name = normalise_event_name(m["event"])
    rest = m["rest"] or ""
    if _HEARS.search(m["who"]):  # "X should listen for ReportSubmitted and publish ..."
        for heard in EVENT_NAME.findall(m["who"]):
            ev_in = draft.events.get(heard)
            if ev_in is not None and producer.id not in ev_in.consumers:
                ev_in.consumers.append(producer.id)
                draft.route_event(ev_in)
    named = [c for c in named_in(draft, rest) if c.id != producer.id]
    channels = [c for c in named if c.kind in MESSAGING] + _named_brokers(draft, rest)
    broker = channels[0] if channels else main_broker(draft)
    for_them = re.match(r"\s*(?:to (?:the )?[\w .-]+? )?for\b", rest)  # "publish E for the X"
    to_them = re.match(r"\s*(?:event )?to\b", rest) and not channels  # "emit E to the rider svc"
    heard = _HEARS.search(rest) or for_them or to_them
    hearers = [c for c in named if c.kind not in MESSAGING | STORES] if heard else []
    said = re.search(
        r"(?:and|,|that|which) (?:let |have )?(?:the )?(?P<h>[\w -]+?) (?:should |will |can |to "
        r"|shall )?(?:also )?(?:consume|listen|subscribe|react|handle|pick)",
        rest,
    )
    short = find_component(draft, said["h"]) if said else None  # "the snapshot service"
    if short is None and said and re.match(r"(?:an? )?new (?-i:[A-Z])", said["h"]):
        short = _new_named(draft, said["h"])  # "... that a new Billing Gateway consumes"
    if short is not None and short.id != producer.id and short not in hearers:
        hearers.append(short)
    ev = draft.events.get(name)
    if ev is None:
        ev = DEvent(
            name,
            producer.id,
            [],
            broker.id if broker else None,
            schema=schema_for(name, []),
            description=f"Published by {producer.name}.",
        )
        draft.events[name] = ev
    called = _CALLED_INSTEAD.search(m.string)  # "Instead of calling Stripe directly, ..."
    callee = find_component(draft, called["x"]) if called else None
    if callee is not None:
        draft.flows.pop((producer.id, callee.id, "call"), None)
    for c in hearers:
        if c.id not in ev.consumers:
            ev.consumers.append(c.id)
        if _INSTEAD_OF_CALLING.search(m.string):  # "rather than calling it, have X publish"
            for key in [k for k in draft.flows if {k[0], k[1]} == {c.id, producer.id}]:
                if key[2] == "call":
                    del draft.flows[key]
    draft.route_event(ev)
    heard = f", consumed by {', '.join(c.name for c in hearers)}" if hearers else ""
    return f"{producer.name} publishes {name}{heard}."


_CALLED_INSTEAD = re.compile(
    r"\b(?:rather than|instead of) (?:\w+ )?calling (?:the )?(?P<x>[\w .-]+?)(?: directly)?(?:,|$)",
    re.IGNORECASE,
)


def _new_named(draft: Draft, phrase: str) -> DComponent:
    """ "a new Billing Gateway": a component of the kind its last word names."""
    name = re.sub(r"^(?:an? )?new ", "", phrase.strip(), flags=re.IGNORECASE)
    kind = HEADS.get((name.split()[-1].lower(),), ("service", ""))[0]
    return draft.ensure_component(name, kind if kind in _NEW_KINDS else "service")


_NEW_KINDS = frozenset({"service", "function", "stream_processor"})  # a consumer of events


def _named_brokers(draft: Draft, text: str) -> list[DComponent]:
    """ "... publish X to RabbitMQ": the broker a request names, added when it is new."""
    for canonical, kind in techs_in(text):
        if kind in ("broker", "queue", "topic"):
            return [draft.ensure_component(canonical, kind, technology=canonical)]
    return []


def read_replica(draft: Draft, m: re.Match[str]) -> str:
    """ "a read replica of MySQL for the Pilot App's manifest reads": a replica database the
    primary feeds, read by whoever the request names."""
    primary = component(draft, m["db"])
    if primary.kind not in STORES:
        raise PlannerError(f"{primary.name} is not a database; a read replica copies a database.")
    replica = draft.add_component(
        f"{primary.name} Read Replica",
        "database",
        technology=primary.technology,
        description=f"Read-only copy of {primary.name}, kept up to date by replication.",
    )
    draft.add_flow(primary.id, replica.id, "write", label="replicates")
    readers = [c for c in named_in(draft, m["rest"] or "") if c.id not in (primary.id, replica.id)]
    readers = readers or [
        draft.components[f.source]
        for f in draft.flows.values()
        if f.target == primary.id and f.kind == "read"
    ]
    for reader in readers:
        draft.add_flow(reader.id, replica.id, "read")
    return f"Added {replica.name}" + (
        f", read by {', '.join(r.name for r in readers)}." if readers else "."
    )


def send_event(draft: Draft, m: re.Match[str], describe: Callable[[Draft, str], str | None]) -> str:
    """ "Also send TyrePressureLow to a new Telematics Export Service that forwards it to
    Samsara": one more consumer of the event, described (and added) when it is new."""
    ev = event(draft, m["event"])
    target = next((c for c in named_in(draft, m["rest"]) if c.kind not in MESSAGING), None)
    if target is None:
        before = set(draft.components)
        describe(draft, re.sub(r"^(?:an? |the )?(?:new )?", "a ", m["rest"].strip()))
        made = [c for c in draft.components.values() if c.id not in before]
        target = next(
            (c for c in made if c.kind in ("service", "function", "stream_processor")), None
        )
    if target is None:
        raise PlannerError(f"I could not tell which component should receive {ev.name}.")
    if target.id not in ev.consumers:
        ev.consumers.append(target.id)
    draft.route_event(ev)
    return f"{target.name} now consumes {ev.name}."


def consume(draft: Draft, m: re.Match[str]) -> str:
    """ "Have the Station Display Service also consume IncidentCreated", "... by consuming that
    message from the Florist Assignment Service": one more consumer of an existing event."""
    fresh = re.match(r"(?:an? )?new (?-i:[A-Z])", m["who"].strip())  # "have a new Waitlist
    named = named_in(draft, m["who"]) if not fresh else []  # Service consume it"
    who = (
        named[0] if named else _new_named(draft, m["who"]) if fresh else component(draft, m["who"])
    )
    if m.groupdict().get("event"):
        chosen = [event(draft, m["event"])]
    else:
        source = component(draft, m["source"])
        chosen = [e for e in draft.events.values() if e.producer == source.id][:1]
        if not chosen:
            raise PlannerError(f"{source.name} publishes no event for {who.name} to consume.")
    for ev in chosen:
        if who.id in ev.consumers:
            raise PlannerError(f"{who.name} already consumes {ev.name}.")
        ev.consumers.append(who.id)
        draft.route_event(ev)
    return f"{who.name} now consumes {', '.join(e.name for e in chosen)}."


def dlq(draft: Draft, m: re.Match[str]) -> str:
    """ "Add a DLQ for the orders queue", "... for messages the Payout Service can't process"."""
    source = None
    named = [c for c in named_in(draft, m.string[m.end() :]) if c.kind != "dead_letter_queue"]
    if named:
        found = named[0]
        if found.kind in MESSAGING:
            source = found.id
        elif found:
            feeds = [
                f.source
                for f in draft.flows.values()
                if f.target == found.id and f.kind == "subscribe"
            ]
            source = feeds[0] if feeds else None
    if not apply_dlq(draft, source):
        raise PlannerError(
            "There is no broker or queue for a dead letter queue to catch failed "
            "messages from. Add one first, e.g. 'the order service publishes "
            "OrderCreated to Kafka'."
        )
    return "Added a dead letter queue for messages that keep failing."


def schema_registry(draft: Draft, m: re.Match[str]) -> str:
    apply_schema_registry(draft)
    return "Added a schema registry for versioned event schemas."


def event_sourcing(draft: Draft, m: re.Match[str]) -> str:
    named = [c for c in named_in(draft, m.string) if c.kind in ("service", "function")]
    owner = named[-1].id if named else _owner(draft, m["target"])  # "... in the match service"
    apply_event_sourcing(draft, owner)
    return f"{draft.components[owner].name} is now event-sourced."


def cqrs(draft: Draft, m: re.Match[str]) -> str:
    owner = _owner(draft, m.groupdict().get("target"))
    apply_cqrs(draft, owner, replica=bool(re.search(r"replica", m.group(0))))
    return f"Split {draft.components[owner].name} into a write model and a read model (CQRS)."


def state_transfer(draft: Draft, m: re.Match[str]) -> str:
    if not apply_messaging_pattern(draft, "event_carried_state_transfer"):
        raise PlannerError("The diagram has no events to carry state.")
    return "Events now carry the state consumers need (event-carried state transfer)."


def add_saga(draft: Draft, m: re.Match[str]) -> str:
    """ "Show the saga pattern with compensating transactions", "add an orchestrated saga"."""
    if not draft.of_kind("service"):
        raise PlannerError("A saga needs services to coordinate; the diagram has none.")
    text = m.string
    return _saga(draft, "orchestration" if "orchestr" in text.lower() else "choreography", text)


def saga_style(draft: Draft, m: re.Match[str]) -> str:
    style = "orchestration" if m["style"].startswith("orchestr") else "choreography"
    return _saga(draft, style, m.string)


_DRIVER = re.compile(
    r"\bwith (?:a |an |the |our )?(?:new )?(?P<name>[\w -]+?) (?:driving|coordinating|"
    r"orchestrating|running|in charge of) (?:it|them|the steps|the saga|the flow|things)\b",
    re.IGNORECASE,
)


def _saga(draft: Draft, style: str, text: str) -> str:
    saga = next((p for p in draft.patterns if p["kind"] == "saga"), None)
    steps = saga["details"].get("steps", []) if saga else []
    if saga:
        for name in saga["details"].get("events", []):
            draft.remove_event(name)
        draft.patterns.remove(saga)
    steps = [s for s in steps if s in draft.components] or [c.id for c in draft.of_kind("service")]
    name = saga["name"] if saga else saga_name(text.lower())
    if style == "orchestration":
        orchestrator = _orchestrator(draft, text, name)
        apply_orchestration(draft, steps[1:], name, orchestrator, steps[0] if steps else None)
    else:
        for orch in draft.of_kind("orchestrator"):
            draft.remove_component(orch.id)
        apply_choreography(draft, steps, name)
    how = "orchestrated" if style == "orchestration" else "choreographed"
    return f"The saga is now {how}." if saga else f"Added {how} {name} with compensations."


def _orchestrator(draft: Draft, text: str, name: str) -> str:
    driver = _DRIVER.search(text)  # "with a Cashout Orchestrator driving it"
    if driver:
        found = find_component(draft, driver["name"])
        if found is not None:
            return found.id  # "with the Checkout Service driving the steps"
        if re.match(r"(?-i:[A-Z])", driver["name"]):
            return draft.add_component(
                driver["name"].strip(),
                "orchestrator",
                description="Drives the saga steps and their compensations.",
            ).id
    existing = draft.of_kind("orchestrator")
    if existing:
        return existing[0].id
    for words, (canonical, kind, _) in TECH_INDEX.items():
        if kind == "orchestrator" and re.search(
            r"\b" + re.escape(" ".join(words)) + r"\b", text.lower()
        ):
            return draft.add_component(canonical, "orchestrator", technology=canonical).id
    return draft.add_component(
        f"{name.replace(' saga', '')} Orchestrator".strip(),
        "orchestrator",
        description="Drives the saga steps and their compensations.",
    ).id


_PATTERN_WORDS = {
    "saga": "saga",
    "cqrs": "cqrs",
    "event sourcing": "event_sourcing",
    "outbox": "outbox",
    "dead letter queue": "dead_letter_queue",
    "dead-letter queue": "dead_letter_queue",
    "dlq": "dead_letter_queue",
    "schema registry": "schema_registry",
    "retries": "retry_backoff",
    "retry": "retry_backoff",
    "event-carried state transfer": "event_carried_state_transfer",
    "event carried state transfer": "event_carried_state_transfer",
    "event notification": "event_notification",
}
# Components that exist only for a pattern, and leave with it.
_PATTERN_PARTS = {
    "saga": "orchestrator",
    "dead_letter_queue": "dead_letter_queue",
    "schema_registry": "schema_registry",
}


def remove_pattern(draft: Draft, m: re.Match[str]) -> str:
    """ "remove the saga": the pattern, its own events and the components only it needed."""
    word = m["kind"].lower().rstrip("s") if m["kind"].lower() != "sagas" else "saga"
    kind = _PATTERN_WORDS.get(
        word,
        "idempotent_consumer"
        if word.startswith("idempoten")
        else _PATTERN_WORDS.get(m["kind"].lower(), ""),
    )
    found = [p for p in draft.patterns if p["kind"] == kind]
    if not found:
        raise PlannerError(f"The diagram has no {m['kind']} pattern to remove.")
    for pattern in found:
        for name in pattern["details"].get("events", []):
            draft.remove_event(name)
        for cid in pattern["components"]:
            part = draft.components.get(cid)
            if part is not None and part.kind == _PATTERN_PARTS.get(kind):
                draft.remove_component(cid)
        draft.patterns.remove(pattern)
    return f"Removed the {m['kind']} pattern."


def remove_component(draft: Draft, m: re.Match[str]) -> str:
    """ "drop the webhooks service", "we don't need the Slack notifier anymore, remove it along
    with the Slack integration": each component the request names goes, with its own store."""
    phrase = m["target"]
    if phrase.strip().lower() in ("it", "that", "this", "them"):  # "X is retired, so take it out"
        before = named_in(draft, m.string[: m.start()])
        phrase = before[0].name if before else phrase
    target = component(draft, phrase)
    also = re.search(r"\b(?:along with|together with|as well as|and also)\b(?P<more>.+)$", m.string)
    extra = named_in(draft, also["more"]) if also else []
    listed = re.split(r"[;.]| because | since | as ", phrase)[0]
    if re.search(r",| and ", listed):  # "take out the Fraud Scoring Service and Feedzai; ..."
        extra += named_in(draft, listed)
    summaries = [_remove_one(draft, c) for c in [target, *extra] if c.id in draft.components]
    return " ".join(summaries)


def _remove_one(draft: Draft, target: DComponent) -> str:
    private = [
        f.target
        for f in draft.flows.values()
        if f.source == target.id
        and draft.components[f.target].kind in STORES
        and draft.neighbours(f.target) == {target.id}
    ]
    for cid in [target.id, *private]:
        draft.remove_component(cid)
    gone = ", ".join(draft_name for draft_name in [target.name]) + (
        f" and its store{'s' if len(private) > 1 else ''}" if private else ""
    )
    return f"Removed {gone}."
