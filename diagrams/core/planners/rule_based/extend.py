"""Instructions that describe more of the system ("add a notification service that listens for
ClaimAssessed and emails customers via SendGrid"): read them like a description, then merge
the result into the diagram, reusing the components it already has and wiring new ones."""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.diff import find_component, kind_named_in, named_in
from diagrams.core.planners.rule_based.draft import STORES, DComponent, DEvent, Draft
from diagrams.core.planners.rule_based.patterns import main_broker
from diagrams.core.planners.rule_based.understand import understand
from diagrams.core.planners.rule_based.words import HEADS

_LEAD = re.compile(
    r"^(?:please |also |and |then )*(?:add|include|introduce|insert|put in|"
    r"we need|there should be|let's have|let's add|bring in|plug in|create|"
    r"show)\s+",
    re.IGNORECASE,
)
# "Shippo as a fallback carrier-rate provider": Shippo, whatever role the words give it
_AS_ROLE = re.compile(r"^(?P<name>(?:[A-Z][\w.-]*\s?)+?) as (?:an?|the|our) [\w -]+?(?=,|$)")
_ASKING = re.compile(r"(?:have|let|make|get|use|put|send|connect|wire|hook)\b", re.IGNORECASE)
# "new svc Crew Rostering, consumes ...": the name after the kind word
_NAME_AFTER = re.compile(
    r"^(?P<new>(?:an? |the )?(?:new |extra |separate )?)(?P<head>svc|service|lambda|fn|function|"
    r"worker|consumer|microservice|api|app) (?-i:(?P<name>[A-Z][\w-]*(?: [A-Z][\w-]*)*))\b",
    re.IGNORECASE,
)
_LISTENS = re.compile(r"consum|listen|subscrib|react|receiv|handl|record|process|pick|track")
SINKS = ("audit", "notification", "analytics", "email", "logging", "monitoring", "reporting")


def extend(draft: Draft, text: str, aside_ok: bool = True) -> str | None:
    """Merge what ``text`` describes into ``draft``; a summary, or None if it adds nothing.
    Without ``aside_ok`` a remark that only names things ("the Camunda licence is getting
    pricey") is not a request: it must ask to add something or describe a relation."""
    body = _NAME_AFTER.sub(
        r"\g<new>\g<name> \g<head>", _AS_ROLE.sub(r"\g<name>", _LEAD.sub("", text))
    )
    if not body.strip():
        return None
    mini = understand(body)
    if not mini.components:
        return None
    asks = _ASKING.match(body) or re.search(r"(?:\b(?:a|an) |^)new\b", body, re.IGNORECASE)
    if not aside_ok and body == text and not (mini.flows or mini.events) and not asks:
        return None
    mapping, added = _map(draft, mini, fresh=body != text)
    _merge_flows(draft, mini, mapping)
    _merge_events(draft, mini, mapping)
    _named_events(draft, text, added)
    for cid in added:
        _wire_new(draft, draft.components[cid], body, mapping)
    if added:
        return "Added " + ", ".join(draft.components[c].name for c in added) + "."
    if not (mini.flows or mini.events):
        return None  # it only names what is there: nothing to change
    return "Updated the wiring."


def _map(draft: Draft, mini: Draft, fresh: bool) -> tuple[dict[str, str], list[str]]:
    """Mini-draft ids -> diagram ids; ``fresh``: the instruction adds its first component."""
    mapping: dict[str, str] = {}
    added: list[str] = []
    broker = main_broker(draft)
    for n, (cid, c) in enumerate(mini.components.items()):
        existing = _same(draft, c) or (find_component(draft, c.name) if n or not fresh else None)
        if existing is None and c.name == "Event Bus" and broker:
            existing = broker
        name = c.name
        if existing is not None and fresh and not n and _generic(c) and len(mini.components) > 1:
            # "add a cache in front of the Tuner Service" when a Cache exists: a second one
            name = f"{_base(list(mini.components.values())[1].name)} {c.name}"
            existing = next((d for d in draft.components.values() if d.name == name), None)
        if existing is not None:
            mapping[cid] = existing.id
            continue
        made = draft.add_component(
            name,
            c.kind,
            technology=c.technology,
            description=c.description,
            responsibilities=list(c.responsibilities),
        )
        mapping[cid] = made.id
        added.append(made.id)
    return mapping, added


def _generic(c: DComponent) -> bool:
    """A component named only by its kind ("Cache", "Queue"): no name of its own."""
    return not c.technology and (tuple(c.name.lower().split()) in HEADS)


def _base(name: str) -> str:
    """ "Tuner Directory Service" -> "Tuner Directory": the name without its kind word."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and (words[-1].lower(),) in HEADS else name


def _same(draft: Draft, c: DComponent) -> DComponent | None:
    found = find_component(draft, c.name)
    if found is None:
        return None
    exact = found.name.lower() == c.name.lower() or found.id == c.id
    tech = bool(c.technology) and c.name == c.technology == found.technology
    return found if exact or tech else None


def _merge_flows(draft: Draft, mini: Draft, mapping: dict[str, str]) -> None:
    for f in mini.flows.values():
        events = [e for e in f.events if e in mini.events]
        draft.add_flow(mapping[f.source], mapping[f.target], f.kind, events, f.label)


def _merge_events(draft: Draft, mini: Draft, mapping: dict[str, str]) -> None:
    for name, e in mini.events.items():
        consumers = [mapping[c] for c in e.consumers]
        channel = mapping.get(e.channel or "")
        if name in draft.events:
            target = draft.events[name]
            target.consumers = list(dict.fromkeys(target.consumers + consumers))
            draft.route_event(target)
            continue
        event = DEvent(
            name,
            mapping[e.producer],
            consumers,
            channel,
            e.kind,
            schema=e.schema,
            description=e.description,
        )
        draft.events[name] = event
        draft.route_event(event)


def _named_events(draft: Draft, text: str, added: list[str]) -> None:
    """ "an audit service that consumes FraudSuspected": the new component hears that event."""
    if not _LISTENS.search(text.lower()):
        return
    names = [n for n in draft.events if re.search(r"\b" + n + r"\b", text)]
    listeners = (
        [
            c
            for c in added
            if draft.components[c].kind in ("service", "function", "stream_processor")
        ]
        or [  # "add a notification svc that also consumes X" when it is there already
            c.id
            for c in named_in(draft, text)[:1]
            if c.kind in ("service", "function", "stream_processor")
        ]
    )
    if not names and re.search(r"\b(every|all|each)\b", text.lower()):
        names = list(draft.events)
    for name in names:
        event = draft.events[name]
        for cid in listeners:
            if cid not in event.consumers and cid != event.producer:
                event.consumers.append(cid)
        draft.route_event(event)


def _wire_new(draft: Draft, c: DComponent, text: str, mapping: dict[str, str]) -> None:
    others = [mapping[k] for k in mapping if mapping[k] != c.id and mapping[k] in draft.components]
    others = list(dict.fromkeys([*others, *(o.id for o in named_in(draft, text) if o.id != c.id)]))
    others += [o.id for o in kind_named_in(draft, text) if o.id not in others and o.id != c.id]
    invoked = re.search(
        r"\b(?:that|which|whom) (?P<who>(?:the |our )?[\w -]+?) (?:invokes|calls|uses|triggers|"
        r"runs)\b",
        text,
    )
    if invoked and not draft.neighbours(c.id):  # "a service that the workflow invokes"
        who = find_component(draft, invoked["who"]) or next(
            iter(kind_named_in(draft, invoked["who"])), None
        )
        if who is not None and who.id != c.id:
            draft.add_flow(who.id, c.id, "call")
            return
    fronting = c.kind in ("gateway", "load_balancer", "cdn") and re.search(
        r"\bin front of\b", text, re.IGNORECASE
    )
    if c.kind in ("gateway", "load_balancer") and _BYPASS.search(text):
        _no_bypass(draft, c)
    if draft.neighbours(c.id) and not fronting:
        return
    actor = next((o for o in others if draft.components[o].kind not in STORES), None)
    if c.kind in STORES and actor:
        draft.add_flow(actor, c.id, "read" if c.kind == "cache" else "write")
    elif c.kind in ("gateway", "load_balancer", "cdn") and others:
        fronted = [o for o in others if draft.components[o].kind != "client"]
        if re.search(r"\bin front of\b", text, re.IGNORECASE) and len(fronted) > 1:
            for target in fronted:  # "an API gateway in front of the Reservation API and ..."
                _in_front(draft, c, target)
        else:
            _in_front(draft, c, actor or others[0])  # "CloudFront in front of the S3 bucket"
    elif any(w in c.name.lower() for w in SINKS) and draft.events:
        for event in draft.events.values():
            if event.channel and c.id not in event.consumers:
                event.consumers.append(c.id)
                draft.route_event(event)
    elif actor:
        draft.add_flow(c.id, actor, "call")


# "the app should go through a gateway instead of hitting the ETA API directly"
_BYPASS = re.compile(
    r"\b(?:instead of|rather than) (?:\w+ing|going to)\b|\bgo(?:es)? through\b|\bdirectly\b",
    re.IGNORECASE,
)


def _no_bypass(draft: Draft, gateway: DComponent) -> None:
    """Callers of a new gateway stop calling what it fronts directly."""
    callers = [k[0] for k in draft.flows if k[1] == gateway.id and k[2] == "call"]
    fronted = [k[1] for k in draft.flows if k[0] == gateway.id and k[2] == "call"]
    for caller in callers:
        for target in fronted:
            draft.flows.pop((caller, target, "call"), None)


def _in_front(draft: Draft, gateway: DComponent, target: str) -> None:
    callers = [
        k
        for k in list(draft.flows)
        if k[1] == target and k[2] == "call" and draft.components[k[0]].kind == "client"
    ]
    for key in callers:
        flow = draft.flows.pop(key)
        draft.add_flow(key[0], gateway.id, "call", label=flow.label)
    draft.add_flow(
        gateway.id, target, "read" if draft.components[target].kind in STORES else "call"
    )
