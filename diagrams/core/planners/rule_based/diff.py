"""Draft differences as typed edits, and finding a component by the name a user types."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from diagrams.core.edits import (
    AddBoundary,
    AddComponent,
    AddEvent,
    AddFlow,
    AddPattern,
    Edit,
    RemoveBoundary,
    RemoveComponent,
    RemoveEvent,
    RemoveFlow,
    RemovePattern,
    ReplaceComponent,
    SetBoundary,
    SetTitle,
    UpdateComponent,
    UpdateEvent,
)
from diagrams.core.graph import (
    Boundary,
    Component,
    Event,
    Flow,
    FlowKind,
    Graph,
    Pattern,
    PatternKind,
)
from diagrams.core.planners.rule_based.draft import DComponent, Draft, _event_json
from diagrams.core.planners.rule_based.tech import TECH_INDEX
from diagrams.core.planners.rule_based.text import stem

_FIELDS = ("name", "kind", "technology", "description", "responsibilities")


def diff_edits(before: Graph, after: Draft) -> list[Edit]:
    """The edits that turn ``before`` into ``after`` (replacements first, removals last)."""
    old = Draft.from_graph(before)
    edits: list[Edit] = []
    for old_id, new_id in after.replaced.items():
        component = after.components[new_id]
        edits.append(ReplaceComponent(id=old_id, component=_component(component, None)))
        old.replace_id(old_id, DComponent(**vars(component)))
    edits += _component_updates(old, after)
    edits += [
        AddBoundary(boundary=Boundary(id=b, name=n, description=d))
        for b, (n, d) in after.boundaries.items()
        if b not in old.boundaries
    ]
    edits += [
        AddComponent(component=_component(c, c.boundary))
        for cid, c in after.components.items()
        if cid not in old.components
    ]
    edits += _event_edits(old, after)
    edits += _flow_edits(old, after)
    edits += _pattern_edits(old, after)
    edits += [
        RemoveComponent(id=cid, remove_private_stores=False)
        for cid in old.components
        if cid not in after.components
    ]
    edits += _boundary_moves(old, after)
    edits += [RemoveBoundary(id=b) for b in old.boundaries if b not in after.boundaries]
    if after.title != old.title:
        edits.append(SetTitle(title=after.title[:80]))
    return edits


def _component(c: DComponent, boundary: str | None) -> Component:
    return Component.model_validate(vars(c) | {"boundary": boundary})


def _component_updates(old: Draft, after: Draft) -> list[Edit]:
    edits: list[Edit] = []
    for cid, c in after.components.items():
        prev = old.components.get(cid)
        if prev is None:
            continue
        changes = {f: getattr(c, f) for f in _FIELDS if getattr(c, f) != getattr(prev, f)}
        if changes:
            edits.append(UpdateComponent.model_validate({"id": cid, **changes}))
    return edits


def _event_edits(old: Draft, after: Draft) -> list[Edit]:
    edits: list[Edit] = [RemoveEvent(name=n) for n in old.events if n not in after.events]
    for name, event in after.events.items():
        data = _event_json(event)
        model = Event.model_validate(data)
        if name not in old.events:
            edits.append(AddEvent(event=model))
        elif _event_json(old.events[name]) != data:
            edits.append(UpdateEvent(name=name, event=model))
    return edits


def _flow_edits(old: Draft, after: Draft) -> list[Edit]:
    edits: list[Edit] = []
    for key, flow in old.flows.items():
        new = after.flows.get(key)
        if new is None or (new.events, new.label) != (flow.events, flow.label):
            edits.append(RemoveFlow(source=key[0], target=key[1], kind=FlowKind(key[2])))
    for key, flow in after.flows.items():
        prev = old.flows.get(key)
        if prev is None or (prev.events, prev.label) != (flow.events, flow.label):
            label = (flow.label or ", ".join(flow.events))[:200]
            edits.append(AddFlow(flow=Flow.model_validate(vars(flow) | {"label": label})))
    return edits


def _pattern_edits(old: Draft, after: Draft) -> list[Edit]:
    def key(p: dict[str, Any]) -> tuple[str, str]:
        return p["kind"], p["name"]

    before = {key(p): p for p in old.patterns}
    now = {key(p): p for p in after.patterns}
    edits: list[Edit] = [
        RemovePattern(kind=PatternKind(k), name=n) for (k, n) in before if (k, n) not in now
    ]
    edits += [
        AddPattern(pattern=Pattern.model_validate(p)) for k, p in now.items() if before.get(k) != p
    ]
    return edits


def _boundary_moves(old: Draft, after: Draft) -> list[Edit]:
    moves: dict[str | None, list[str]] = defaultdict(list)
    for cid, c in after.components.items():
        prev = old.components.get(cid)
        if prev is not None and prev.boundary != c.boundary:
            moves[c.boundary].append(cid)
    return [SetBoundary(components=ids, boundary=b) for b, ids in moves.items()]


_NOISE = re.compile(r"\b(the|a|an|our|my|entire|entirely|whole|component|box|node)\b")
_SAME = {
    "db": "database",
    "svc": "service",
    "apis": "api",
    "fn": "function",
    "func": "function",
    "mgmt": "management",
    "gw": "gateway",
    "mgr": "manager",
    "notif": "notification",
    "notifs": "notification",
}
_ROLE = frozenset({"service", "svc", "microservice", "component"})


def _norm(text: str) -> list[str]:
    words = re.sub(r"[^a-z0-9]+", " ", _NOISE.sub(" ", text.lower())).split()
    words = [_SAME.get(w, w) for w in words]
    return [stem(w) for w in words if w not in _ROLE] or [stem(w) for w in words]


# "the cache", "the event bus": the one component of that kind the diagram has
_KIND_PHRASES = {
    tuple(_norm(phrase)): kind
    for phrase, kind in (
        ("cache", "cache"),
        ("event bus", "broker"),
        ("message bus", "broker"),
        ("bus", "broker"),
        ("broker", "broker"),
        ("message broker", "broker"),
        ("database", "database"),
        ("db", "database"),
        ("queue", "queue"),
        ("gateway", "gateway"),
        ("api gateway", "gateway"),
        ("orchestrator", "orchestrator"),
        ("workflow", "orchestrator"),
        ("read model", "read_model"),
        ("event store", "event_store"),
    )
}


def find_component(draft: Draft, phrase: str) -> DComponent | None:
    """The component ``phrase`` names: by name, id, technology, or a unique partial name."""
    target = _norm(phrase)
    if not target:
        return None
    kind = _KIND_PHRASES.get(tuple(target))
    if kind:
        of_kind = [c for c in draft.components.values() if c.kind == kind]
        named = [c for c in of_kind if _norm(c.name) == target]
        if len(of_kind) == 1 or len(named) == 1:
            return (named or of_kind)[0]
    bare = tuple(_NOISE.sub(" ", phrase.lower()).split())
    known = (
        TECH_INDEX.get(bare)
        or TECH_INDEX.get(("".join(bare),))  # "mongo db": MongoDB
        or (TECH_INDEX.get(bare[:-1]) if bare[-1:] in (("db",), ("database",)) else None)
    )  # "the mysql db": the database on MySQL
    scored: list[tuple[int, DComponent]] = []
    for c in draft.components.values():
        name = _norm(c.name)
        if name == target or _norm(c.id) == target:
            scored.append((0, c))
        elif c.technology and (
            _norm(c.technology) == target or (known and known[0] == c.technology)
        ):
            scored.append((1, c))  # "NATS JetStream": the component whose technology is NATS
        elif name[-len(target) :] == target or target[-len(name) :] == name:
            scored.append((2, c))
        elif set(target) <= set(name):
            scored.append((3, c))
    if not scored:
        return None
    scored.sort(key=lambda pair: pair[0])
    best = [c for s, c in scored if s == scored[0][0]]
    return best[0] if len(best) == 1 or scored[0][0] == 0 else None


_UNIT_WORDS = frozenset({"lambda", "function"})
_VENDORS = frozenset(
    {"azure", "aws", "amazon", "google", "gcp", "apache", "confluent", "microsoft"}
)


def named_in(draft: Draft, text: str) -> list[DComponent]:
    """The components ``text`` names anywhere, in the order it names them ("a dead letter queue
    for messages the Payout Service can't process": the Payout Service)."""
    words = _norm(text)
    found: list[tuple[int, DComponent]] = []
    for c in draft.components.values():
        full = _norm(c.name)
        short = full[:-1] if len(full) > 1 and full[-1] in _UNIT_WORDS else full
        first, *others = c.name.split()
        plain = _norm(" ".join(others)) if others and first.lower() in _VENDORS else full
        tech = _norm(c.technology) if c.technology else []
        brand = tech[:1] if len(tech) > 1 and (tech[0],) in TECH_INDEX else tech  # "aurora"
        names = (tuple(full), tuple(short), tuple(plain), tuple(tech), tuple(brand))
        for name in dict.fromkeys(names):  # "the Rental API"
            at = next(
                (
                    i
                    for i in range(len(words) - len(name) + 1)
                    if tuple(words[i : i + len(name)]) == name
                ),
                None,
            )
            if name and at is not None:
                found.append((at, c))
                break
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]


def kind_named_in(draft: Draft, text: str) -> list[DComponent]:
    """Components ``text`` names by their kind ("the workflow invokes it"): the one of its kind."""
    words = _norm(text)
    found: list[DComponent] = []
    for phrase, kind in _KIND_PHRASES.items():
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            of_kind = [c for c in draft.components.values() if c.kind == kind]
            if len(of_kind) == 1 and of_kind[0] not in found:
                found.append(of_kind[0])
    return found
