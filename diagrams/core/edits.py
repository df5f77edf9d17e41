"""Typed edit operations and the pure ``apply_edits(graph, edits) -> graph``.

A chat refinement never rewrites stored JSON: a planner (offline or LLM) turns the instruction
into a list of ``Edit`` operations, a discriminated union on ``op``, and ``apply_edits`` applies
them in order to produce the next revision's graph. Each operation is checked against the graph
as it stands; the first one that cannot apply raises ``EditError`` naming the problem, and the
input graph is never modified.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from diagrams.core.graph import (
    STORE_KINDS,
    Boundary,
    Component,
    ComponentKind,
    Event,
    EventName,
    Flow,
    FlowKind,
    Graph,
    Name,
    Pattern,
    PatternKind,
    ShortText,
    Slug,
    Text,
    describe_validation_error,
)


class EditError(ValueError):
    """An edit that cannot apply to the graph. ``str()`` is a readable sentence."""


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddComponent(_Op):
    op: Literal["add_component"] = "add_component"
    component: Component


class UpdateComponent(_Op):
    """Change fields of a component in place; its id (and so every reference) stays."""

    op: Literal["update_component"] = "update_component"
    id: Slug
    name: Name | None = None
    kind: ComponentKind | None = None
    technology: ShortText | None = None
    description: Text | None = None
    responsibilities: list[ShortText] | None = None


class ReplaceComponent(_Op):
    """Swap a component for another (e.g. RabbitMQ for Kafka), rewiring every reference."""

    op: Literal["replace_component"] = "replace_component"
    id: Slug
    component: Component


class RemoveComponent(_Op):
    """Remove a component, its flows, and its place in events and patterns.

    Events it produced are removed; it is dropped from consumer lists. With
    ``remove_private_stores`` a store that only this component used goes too.
    """

    op: Literal["remove_component"] = "remove_component"
    id: Slug
    remove_private_stores: bool = True


class AddFlow(_Op):
    op: Literal["add_flow"] = "add_flow"
    flow: Flow


class RemoveFlow(_Op):
    """Remove flows from ``source`` to ``target`` (of ``kind`` when given)."""

    op: Literal["remove_flow"] = "remove_flow"
    source: Slug
    target: Slug
    kind: FlowKind | None = None


class AddEvent(_Op):
    op: Literal["add_event"] = "add_event"
    event: Event


class UpdateEvent(_Op):
    """Replace an event's definition (it may be renamed: references follow)."""

    op: Literal["update_event"] = "update_event"
    name: EventName
    event: Event


class RemoveEvent(_Op):
    op: Literal["remove_event"] = "remove_event"
    name: EventName


class AddBoundary(_Op):
    """Add a boundary and move ``members`` into it."""

    op: Literal["add_boundary"] = "add_boundary"
    boundary: Boundary
    members: list[Slug] = Field(default_factory=list)


class SetBoundary(_Op):
    """Move components into a boundary (or out of any, with ``boundary=None``)."""

    op: Literal["set_boundary"] = "set_boundary"
    components: list[Slug]
    boundary: Slug | None


class RemoveBoundary(_Op):
    op: Literal["remove_boundary"] = "remove_boundary"
    id: Slug


class AddPattern(_Op):
    op: Literal["add_pattern"] = "add_pattern"
    pattern: Pattern


class RemovePattern(_Op):
    """Remove patterns of ``kind`` (only the one called ``name`` when given)."""

    op: Literal["remove_pattern"] = "remove_pattern"
    kind: PatternKind
    name: Name | None = None


class SetTitle(_Op):
    op: Literal["set_title"] = "set_title"
    title: Name


Edit = Annotated[
    AddComponent
    | UpdateComponent
    | ReplaceComponent
    | RemoveComponent
    | AddFlow
    | RemoveFlow
    | AddEvent
    | UpdateEvent
    | RemoveEvent
    | AddBoundary
    | SetBoundary
    | RemoveBoundary
    | AddPattern
    | RemovePattern
    | SetTitle,
    Field(discriminator="op"),
]

EDIT_LIST = TypeAdapter(list[Edit])


def parse_edits(data: Any) -> list[Edit]:
    """Validate untrusted JSON-like data as a list of edits, raising EditError if invalid."""
    try:
        return EDIT_LIST.validate_python(data)
    except ValidationError as exc:
        raise EditError(describe_validation_error(exc)) from None


def apply_edits(graph: Graph, edits: list[Edit]) -> Graph:
    """Apply ``edits`` in order and return the new, fully validated graph.

    Raises EditError when an operation refers to something that does not exist, would
    duplicate an id, or leaves the graph breaking the contract.
    """
    state = graph.to_json()
    for edit in edits:
        _APPLY[type(edit)](state, edit)
    try:
        return Graph.model_validate(state)
    except ValidationError as exc:
        raise EditError(describe_validation_error(exc)) from None


# Each applier mutates ``state`` (a JSON dict of the graph, private to apply_edits).
State = dict[str, Any]


def _require_component(state: State, component_id: str) -> dict[str, Any]:
    for c in state["components"]:
        if c["id"] == component_id:
            return c  # type: ignore[no-any-return]
    raise EditError(f"there is no component with id '{component_id}'")


def _require_event(state: State, name: str) -> dict[str, Any]:
    for e in state["events"]:
        if e["name"] == name:
            return e  # type: ignore[no-any-return]
    raise EditError(f"there is no event named '{name}'")


def _add_component(state: State, edit: AddComponent) -> None:
    if any(c["id"] == edit.component.id for c in state["components"]):
        raise EditError(f"a component with id '{edit.component.id}' already exists")
    state["components"].append(edit.component.model_dump(mode="json"))


def _update_component(state: State, edit: UpdateComponent) -> None:
    component = _require_component(state, edit.id)
    changes = edit.model_dump(mode="json", exclude={"op", "id"}, exclude_none=True)
    component.update(changes)


def _replace_component(state: State, edit: ReplaceComponent) -> None:
    index = state["components"].index(_require_component(state, edit.id))
    new_id = edit.component.id
    if new_id != edit.id and any(c["id"] == new_id for c in state["components"]):
        raise EditError(f"a component with id '{new_id}' already exists")
    state["components"][index] = edit.component.model_dump(mode="json")
    _rewire(state, edit.id, new_id)


def _rewire(state: State, old: str, new: str) -> None:
    def swap(value: str) -> str:
        return new if value == old else value

    for f in state["flows"]:
        f["source"], f["target"] = swap(f["source"]), swap(f["target"])
    for e in state["events"]:
        e["producer"] = swap(e["producer"])
        e["consumers"] = _dedupe([swap(c) for c in e["consumers"]])
        if e["channel"] is not None:
            e["channel"] = swap(e["channel"])
    for p in state["patterns"]:
        p["components"] = _dedupe([swap(c) for c in p["components"]])
    state["flows"] = _dedupe_flows(state["flows"])


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _dedupe_flows(flows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for f in flows:
        key = (f["source"], f["target"], f["kind"])
        if key in seen:
            seen[key]["events"] = _dedupe(seen[key]["events"] + f["events"])
        else:
            seen[key] = f
    return list(seen.values())


def _remove_component(state: State, edit: RemoveComponent) -> None:
    _require_component(state, edit.id)
    doomed = {edit.id}
    if edit.remove_private_stores:
        doomed |= _private_stores(state, edit.id)
    _drop_components(state, doomed)


def _private_stores(state: State, owner: str) -> set[str]:
    stores = {c["id"] for c in state["components"] if c["kind"] in STORE_KINDS}
    users: dict[str, set[str]] = {s: set() for s in stores}
    for f in state["flows"]:
        for end, other in ((f["target"], f["source"]), (f["source"], f["target"])):
            if end in users:
                users[end].add(other)
    return {s for s, who in users.items() if who == {owner}}


def _drop_components(state: State, doomed: set[str]) -> None:
    state["components"] = [c for c in state["components"] if c["id"] not in doomed]
    state["flows"] = [
        f for f in state["flows"] if f["source"] not in doomed and f["target"] not in doomed
    ]
    dropped_events = {e["name"] for e in state["events"] if e["producer"] in doomed}
    events = []
    for e in state["events"]:
        if e["name"] in dropped_events:
            continue
        e["consumers"] = [c for c in e["consumers"] if c not in doomed]
        if e["channel"] in doomed:
            e["channel"] = None
        if e["compensates"] in dropped_events:
            e["compensates"] = None
        events.append(e)
    state["events"] = events
    for f in state["flows"]:
        f["events"] = [n for n in f["events"] if n not in dropped_events]
    for p in state["patterns"]:
        p["components"] = [c for c in p["components"] if c not in doomed]


def _add_flow(state: State, edit: AddFlow) -> None:
    flow = edit.flow.model_dump(mode="json")
    _require_component(state, flow["source"])
    _require_component(state, flow["target"])
    state["flows"] = _dedupe_flows(state["flows"] + [flow])


def _remove_flow(state: State, edit: RemoveFlow) -> None:
    def matches(f: dict[str, Any]) -> bool:
        same_ends = f["source"] == edit.source and f["target"] == edit.target
        return same_ends and (edit.kind is None or f["kind"] == edit.kind.value)

    kept = [f for f in state["flows"] if not matches(f)]
    if len(kept) == len(state["flows"]):
        raise EditError(f"there is no flow from '{edit.source}' to '{edit.target}'")
    state["flows"] = kept


def _add_event(state: State, edit: AddEvent) -> None:
    if any(e["name"] == edit.event.name for e in state["events"]):
        raise EditError(f"an event named '{edit.event.name}' already exists")
    state["events"].append(edit.event.model_dump(mode="json", by_alias=True))


def _update_event(state: State, edit: UpdateEvent) -> None:
    index = state["events"].index(_require_event(state, edit.name))
    new_name = edit.event.name
    if new_name != edit.name and any(e["name"] == new_name for e in state["events"]):
        raise EditError(f"an event named '{new_name}' already exists")
    state["events"][index] = edit.event.model_dump(mode="json", by_alias=True)
    for f in state["flows"]:
        f["events"] = [new_name if n == edit.name else n for n in f["events"]]
    for e in state["events"]:
        if e["compensates"] == edit.name:
            e["compensates"] = new_name


def _remove_event(state: State, edit: RemoveEvent) -> None:
    _require_event(state, edit.name)
    state["events"] = [e for e in state["events"] if e["name"] != edit.name]
    for f in state["flows"]:
        f["events"] = [n for n in f["events"] if n != edit.name]
    for e in state["events"]:
        if e["compensates"] == edit.name:
            e["compensates"] = None


def _add_boundary(state: State, edit: AddBoundary) -> None:
    if any(b["id"] == edit.boundary.id for b in state["boundaries"]):
        raise EditError(f"a boundary with id '{edit.boundary.id}' already exists")
    state["boundaries"].append(edit.boundary.model_dump(mode="json"))
    _set_boundary(state, SetBoundary(components=edit.members, boundary=edit.boundary.id))


def _set_boundary(state: State, edit: SetBoundary) -> None:
    if edit.boundary is not None and not any(b["id"] == edit.boundary for b in state["boundaries"]):
        raise EditError(f"there is no boundary with id '{edit.boundary}'")
    for component_id in edit.components:
        _require_component(state, component_id)["boundary"] = edit.boundary


def _remove_boundary(state: State, edit: RemoveBoundary) -> None:
    if not any(b["id"] == edit.id for b in state["boundaries"]):
        raise EditError(f"there is no boundary with id '{edit.id}'")
    state["boundaries"] = [b for b in state["boundaries"] if b["id"] != edit.id]
    for c in state["components"]:
        if c["boundary"] == edit.id:
            c["boundary"] = None


def _add_pattern(state: State, edit: AddPattern) -> None:
    pattern = edit.pattern.model_dump(mode="json")
    for component_id in pattern["components"]:
        _require_component(state, component_id)
    state["patterns"] = [
        p
        for p in state["patterns"]
        if not (p["kind"] == pattern["kind"] and p["name"] == pattern["name"])
    ] + [pattern]


def _remove_pattern(state: State, edit: RemovePattern) -> None:
    def matches(p: dict[str, Any]) -> bool:
        return p["kind"] == edit.kind.value and (edit.name is None or p["name"] == edit.name)

    kept = [p for p in state["patterns"] if not matches(p)]
    if len(kept) == len(state["patterns"]):
        raise EditError(f"the graph has no {edit.kind.value.replace('_', ' ')} pattern to remove")
    state["patterns"] = kept


def _set_title(state: State, edit: SetTitle) -> None:
    state["title"] = edit.title


_APPLY: dict[type[Any], Any] = {
    AddComponent: _add_component,
    UpdateComponent: _update_component,
    ReplaceComponent: _replace_component,
    RemoveComponent: _remove_component,
    AddFlow: _add_flow,
    RemoveFlow: _remove_flow,
    AddEvent: _add_event,
    UpdateEvent: _update_event,
    RemoveEvent: _remove_event,
    AddBoundary: _add_boundary,
    SetBoundary: _set_boundary,
    RemoveBoundary: _remove_boundary,
    AddPattern: _add_pattern,
    RemovePattern: _remove_pattern,
    SetTitle: _set_title,
}
