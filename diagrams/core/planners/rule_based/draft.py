"""A mutable working copy of a graph, shared by planning and refinement.

``plan`` builds a Draft from a description and validates it into a Graph. ``refine`` loads the
current Graph into a Draft, changes it with the same builders, and ``diff_edits`` turns the
difference into typed edit operations for ``apply_edits``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from diagrams.core.graph import MESSAGING_KINDS, STORE_KINDS, Graph, slugify, unique_slug

MESSAGING = frozenset(k.value for k in MESSAGING_KINDS)
STORES = frozenset(k.value for k in STORE_KINDS)


@dataclass
class DComponent:
    id: str
    name: str
    kind: str
    technology: str = ""
    boundary: str | None = None
    description: str = ""
    responsibilities: list[str] = field(default_factory=list)


@dataclass
class DEvent:
    name: str
    producer: str
    consumers: list[str] = field(default_factory=list)
    channel: str | None = None
    kind: str = "event"
    compensates: str | None = None
    schema: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    version: int = 1
    partition_key: str | None = None


@dataclass
class DFlow:
    source: str
    target: str
    kind: str
    events: list[str] = field(default_factory=list)
    label: str = ""


@dataclass
class Draft:
    """Components, events, flows, boundaries and patterns, keyed for quick lookup."""

    title: str = "Untitled architecture"
    components: dict[str, DComponent] = field(default_factory=dict)
    boundaries: dict[str, tuple[str, str]] = field(default_factory=dict)
    events: dict[str, DEvent] = field(default_factory=dict)
    flows: dict[tuple[str, str, str], DFlow] = field(default_factory=dict)
    patterns: list[dict[str, Any]] = field(default_factory=list)
    replaced: dict[str, str] = field(default_factory=dict)

    def copy(self) -> Draft:
        """An independent copy, to try a change on."""
        return copy.deepcopy(self)

    def adopt(self, other: Draft) -> None:
        """Take over everything ``other`` holds (a tried change that worked)."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(other, name))

    # Components -------------------------------------------------------------------------------
    def add_component(self, name: str, kind: str, **fields: Any) -> DComponent:
        """A new component with a unique id derived from ``name``."""
        cid = unique_slug(name, set(self.components))
        component = DComponent(cid, name[:80], kind, **fields)
        self.components[cid] = component
        return component

    def ensure_component(self, name: str, kind: str, **fields: Any) -> DComponent:
        """The component called ``name`` (any case), or a new one."""
        slug = slugify(name)
        for c in self.components.values():
            if c.id == slug or c.name.lower() == name.lower():
                return c
        return self.add_component(name, kind, **fields)

    def of_kind(self, *kinds: str) -> list[DComponent]:
        """Components whose kind is one of ``kinds``, in order."""
        return [c for c in self.components.values() if c.kind in kinds]

    def neighbours(self, cid: str) -> set[str]:
        """Ids of components joined to ``cid`` by a flow (either way)."""
        out = {f.target for f in self.flows.values() if f.source == cid}
        return out | {f.source for f in self.flows.values() if f.target == cid}

    def remove_component(self, cid: str) -> None:
        """Drop ``cid`` with its flows, the events it produced, and its place elsewhere."""
        self.components.pop(cid, None)
        self.flows = {k: f for k, f in self.flows.items() if cid not in (f.source, f.target)}
        dropped = {n for n, e in self.events.items() if e.producer == cid}
        for name in dropped:
            self.remove_event(name)
        for e in self.events.values():
            e.consumers = [c for c in e.consumers if c != cid]
            e.channel = None if e.channel == cid else e.channel
        for p in self.patterns:
            p["components"] = [c for c in p["components"] if c != cid]

    def replace_id(self, old: str, component: DComponent) -> None:
        """Put ``component`` in place of ``old`` and point every reference at it."""
        self.components = {
            (component.id if k == old else k): (component if k == old else c)
            for k, c in self.components.items()
        }
        self.replaced[old] = component.id
        self._repoint(old, component.id)

    def fold_into(self, old: str, new: str) -> None:
        """``old`` goes; its flows, events and patterns move to ``new`` ("replace SNS/SQS with
        EventBridge": SQS folds into the EventBridge that replaced SNS)."""
        self.components.pop(old, None)
        self._repoint(old, new)

    def _repoint(self, old: str, new: str) -> None:
        def swap(value: str) -> str:
            return new if value == old else value

        flows: dict[tuple[str, str, str], DFlow] = {}
        for f in self.flows.values():
            f.source, f.target = swap(f.source), swap(f.target)
            if f.source != f.target:  # a flow between the two folded ones is gone
                self._merge_flow(flows, f)
        self.flows = flows
        for e in self.events.values():
            e.producer = swap(e.producer)
            e.consumers = list(dict.fromkeys(swap(c) for c in e.consumers))
            e.channel = swap(e.channel) if e.channel else None
        for p in self.patterns:
            p["components"] = list(dict.fromkeys(swap(c) for c in p["components"]))

    # Flows and events -------------------------------------------------------------------------
    def add_flow(
        self, source: str, target: str, kind: str, events: list[str] | None = None, label: str = ""
    ) -> None:
        """Add (or merge into) the flow source -> target of ``kind``."""
        if source == target:
            return
        self._merge_flow(self.flows, DFlow(source, target, kind, list(events or []), label))

    @staticmethod
    def _merge_flow(flows: dict[tuple[str, str, str], DFlow], flow: DFlow) -> None:
        key = (flow.source, flow.target, flow.kind)
        if key in flows:
            old = flows[key]
            old.events = list(dict.fromkeys(old.events + flow.events))
            old.label = old.label or flow.label
        else:
            flows[key] = flow

    def remove_event(self, name: str) -> None:
        """Drop event ``name`` and every mention of it in flows and compensations."""
        self.events.pop(name, None)
        for key, f in list(self.flows.items()):
            if name not in f.events:
                continue
            f.events = [n for n in f.events if n != name]
            if not f.events and not f.label and f.kind in ("publish", "subscribe"):
                del self.flows[key]  # it carried only that event; other empty flows stay
        for e in self.events.values():
            if e.compensates == name:
                e.compensates = None

    def route_event(self, event: DEvent) -> None:
        """Add the publish/subscribe flows that carry ``event`` through its channel."""
        channel = event.channel
        if channel is None:
            for consumer in event.consumers:
                self.add_flow(event.producer, consumer, "call", [event.name])
            return
        self.add_flow(event.producer, channel, "publish", [event.name])
        for consumer in event.consumers:
            queue = self.queue_for(channel, consumer)
            if queue:
                self.add_flow(channel, queue, "publish", [event.name])
                self.add_flow(queue, consumer, "subscribe", [event.name])
            else:
                self.add_flow(channel, consumer, "subscribe", [event.name])

    def queue_for(self, channel: str, consumer: str) -> str | None:
        """A queue fed by ``channel`` that ``consumer`` reads, if there is one."""
        for f in self.flows.values():
            if f.source == channel and f.target != consumer and f.kind == "publish":
                q = self.components.get(f.target)
                if q and q.kind in MESSAGING and (f.target, consumer, "subscribe") in self.flows:
                    return f.target
        return None

    def add_pattern(
        self,
        kind: str,
        name: str,
        members: list[str],
        style: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Record a pattern (replacing one of the same kind and name)."""
        self.patterns = [p for p in self.patterns if not (p["kind"] == kind and p["name"] == name)]
        self.patterns.append(
            {
                "kind": kind,
                "name": name[:80],
                "style": style,
                "components": list(dict.fromkeys(members)),
                "details": details or {},
            }
        )

    def pattern_kinds(self) -> set[str]:
        return {p["kind"] for p in self.patterns}

    # Conversion -------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The graph contract's JSON form of this draft."""
        return {
            "schema_version": 1,
            "title": self.title[:80] or "Untitled architecture",
            "components": [
                vars(c) | {"responsibilities": c.responsibilities[:30]}
                for c in self.components.values()
            ],
            "boundaries": [
                {"id": b, "name": n, "description": d} for b, (n, d) in self.boundaries.items()
            ],
            "events": [_event_json(e) for e in self.events.values()],
            "flows": [
                vars(f) | {"label": (f.label or ", ".join(f.events))[:200]}
                for f in self.flows.values()
            ],
            "patterns": list(self.patterns),
        }

    def to_graph(self) -> Graph:
        """Validate into a Graph (raises pydantic ValidationError if the draft is broken)."""
        return Graph.model_validate(self.to_json())

    @classmethod
    def from_graph(cls, graph: Graph) -> Draft:
        """A draft holding a copy of ``graph``."""
        data = graph.to_json()
        draft = cls(title=data["title"])
        known = set(DComponent.__dataclass_fields__)
        for c in data["components"]:
            draft.components[c["id"]] = DComponent(**{k: v for k, v in c.items() if k in known})
        for b in data["boundaries"]:
            draft.boundaries[b["id"]] = (b["name"], b["description"])
        for e in data["events"]:
            draft.events[e["name"]] = DEvent(**e)
        for f in data["flows"]:
            if f["label"] == ", ".join(f["events"])[:200]:
                f = f | {"label": ""}  # derived from its events, so it follows them
            draft.flows[(f["source"], f["target"], f["kind"])] = DFlow(**f)
        draft.patterns = [dict(p) for p in data["patterns"]]
        return draft


def _event_json(e: DEvent) -> dict[str, Any]:
    data = dict(vars(e))
    data["consumers"] = [c for c in dict.fromkeys(e.consumers) if c != e.producer]
    return data
