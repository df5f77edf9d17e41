"""The graph: InfraSketch's single source of truth, as strict pydantic models.

Glossary (one concept, one name, everywhere):

Component
    A box on the diagram: a service, broker, topic, queue, store, client, ... Identified by a
    lowercase slug ``id`` that is stable across revisions; ``kind`` is one of ``ComponentKind``.
    A topic or queue may carry an optional ``address``: its name on the broker
    (``orders.created``) when that is not its id. Exports use it, falling back to the id.
Boundary
    A named group of components (a bounded context, a team, a deployment zone); drawn as a
    cluster. A component belongs to at most one boundary.
Event
    A message with a PascalCase ``name``: past tense for events (``OrderShipped``), imperative
    for commands (``kind="command"``, ``ReserveInventory``). Has one producer, any number of
    consumers, an optional channel (the topic/queue/broker it travels on), a JSON Schema of its
    data, and ``compensates`` naming the event a compensating event undoes.
Flow
    A directed edge: publish (producer -> broker/topic/queue), subscribe (broker/topic/queue ->
    consumer), call (synchronous request), read and write (actor -> store).
Pattern
    A named architectural pattern in use (saga, cqrs, event_sourcing, ...) and the components
    that take part in it.
Revision
    One immutable version of a diagram's graph (Django layer).
Job
    One unit of planning work (a prompt or a refinement) carried out by a worker (Django layer).

The JSON form of ``Graph`` is the fixed contract of DESIGN.md: fields may be added, never
renamed. ``Graph.model_validate`` enforces referential integrity, unique ids and size limits.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

SCHEMA_VERSION = 1

MAX_COMPONENTS = 300
MAX_FLOWS = 1000
MAX_EVENTS = 500
MAX_BOUNDARIES = 60
MAX_PATTERNS = 60
MAX_NAME = 80
MAX_DESCRIPTION = 2000
MAX_RESPONSIBILITIES = 30
MAX_SCHEMA_CHARS = 20_000

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EVENT_NAME_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")

# Characters XML 1.0 forbids (C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF).
# They make SVG downloads unreadable, NUL ends Graphviz's input and PostgreSQL refuses it, and
# none is visible: text from users and models is cleaned of them on the way in.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: Any) -> Any:
    """``value`` with every string in it (recursively) stripped of ``_UNSAFE_CHARS``."""
    if isinstance(value, str):
        return _UNSAFE_CHARS.sub("", value)
    if isinstance(value, dict):
        return {clean_text(k): clean_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_text(v) for v in value]
    return value


Clean = BeforeValidator(clean_text)
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE.pattern, min_length=1, max_length=MAX_NAME)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME), Clean]
EventName = Annotated[
    str, StringConstraints(pattern=EVENT_NAME_RE.pattern, min_length=1, max_length=MAX_NAME)
]
Text = Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION), Clean]
ShortText = Annotated[str, StringConstraints(max_length=200), Clean]


class ComponentKind(StrEnum):
    SERVICE = "service"
    BROKER = "broker"
    TOPIC = "topic"
    QUEUE = "queue"
    DEAD_LETTER_QUEUE = "dead_letter_queue"
    DATABASE = "database"
    CACHE = "cache"
    GATEWAY = "gateway"
    LOAD_BALANCER = "load_balancer"
    CDN = "cdn"
    CLIENT = "client"
    EXTERNAL = "external"
    FUNCTION = "function"
    STORAGE = "storage"
    STREAM_PROCESSOR = "stream_processor"
    ORCHESTRATOR = "orchestrator"
    EVENT_STORE = "event_store"
    READ_MODEL = "read_model"
    SCHEMA_REGISTRY = "schema_registry"
    SCHEDULER = "scheduler"
    OTHER = "other"


# Kinds that carry messages: publish flows end at one, subscribe flows start at one.
MESSAGING_KINDS = frozenset(
    {
        ComponentKind.BROKER,
        ComponentKind.TOPIC,
        ComponentKind.QUEUE,
        ComponentKind.DEAD_LETTER_QUEUE,
    }
)
# Kinds that keep data: read and write flows end at one.
STORE_KINDS = frozenset(
    {
        ComponentKind.DATABASE,
        ComponentKind.CACHE,
        ComponentKind.STORAGE,
        ComponentKind.EVENT_STORE,
        ComponentKind.READ_MODEL,
    }
)


class FlowKind(StrEnum):
    PUBLISH = "publish"
    SUBSCRIBE = "subscribe"
    CALL = "call"
    READ = "read"
    WRITE = "write"


class EventKind(StrEnum):
    EVENT = "event"
    COMMAND = "command"


class PatternKind(StrEnum):
    EVENT_NOTIFICATION = "event_notification"
    EVENT_CARRIED_STATE_TRANSFER = "event_carried_state_transfer"
    EVENT_SOURCING = "event_sourcing"
    CQRS = "cqrs"
    SAGA = "saga"
    DEAD_LETTER_QUEUE = "dead_letter_queue"
    SCHEMA_REGISTRY = "schema_registry"
    OUTBOX = "outbox"
    IDEMPOTENT_CONSUMER = "idempotent_consumer"
    RETRY_BACKOFF = "retry_backoff"


class SagaStyle(StrEnum):
    CHOREOGRAPHY = "choreography"
    ORCHESTRATION = "orchestration"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Component(_Strict):
    id: Slug
    name: Name
    kind: ComponentKind
    technology: ShortText = ""
    boundary: Slug | None = None
    description: Text = ""
    responsibilities: list[ShortText] = Field(default_factory=list, max_length=MAX_RESPONSIBILITIES)
    # Added to the contract: a channel's name on its broker (a topic or queue name), if known.
    address: ShortText | None = None


class Boundary(_Strict):
    id: Slug
    name: Name
    description: Text = ""


class Event(_Strict):
    name: EventName
    version: int = Field(default=1, ge=1, le=1000)
    kind: EventKind = EventKind.EVENT
    producer: Slug
    consumers: list[Slug] = Field(default_factory=list, max_length=MAX_COMPONENTS)
    channel: Slug | None = None
    compensates: EventName | None = None
    schema_: Annotated[dict[str, Any], Clean] = Field(default_factory=dict, alias="schema")
    description: Text = ""
    partition_key: ShortText | None = None

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True
    )


class Flow(_Strict):
    source: Slug
    target: Slug
    kind: FlowKind
    events: list[EventName] = Field(default_factory=list, max_length=MAX_EVENTS)
    label: ShortText = ""


class Pattern(_Strict):
    kind: PatternKind
    name: Name
    style: SagaStyle | None = None
    components: list[Slug] = Field(default_factory=list, max_length=MAX_COMPONENTS)
    details: Annotated[dict[str, Any], Clean] = Field(default_factory=dict)


class Graph(_Strict):
    """A whole architecture. Validation enforces the contract's integrity rules."""

    schema_version: int = SCHEMA_VERSION
    title: Name = "Untitled architecture"
    components: list[Component] = Field(default_factory=list, max_length=MAX_COMPONENTS)
    boundaries: list[Boundary] = Field(default_factory=list, max_length=MAX_BOUNDARIES)
    events: list[Event] = Field(default_factory=list, max_length=MAX_EVENTS)
    flows: list[Flow] = Field(default_factory=list, max_length=MAX_FLOWS)
    patterns: list[Pattern] = Field(default_factory=list, max_length=MAX_PATTERNS)

    @model_validator(mode="after")
    def _check_integrity(self) -> Graph:
        problems = integrity_problems(self)
        if problems:
            raise ValueError("; ".join(problems[:20]))
        return self

    def component(self, component_id: str) -> Component | None:
        """The component with this id, or None."""
        return next((c for c in self.components if c.id == component_id), None)

    def event(self, name: str) -> Event | None:
        """The event with this name, or None."""
        return next((e for e in self.events if e.name == name), None)

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON form (the DESIGN.md contract)."""
        return self.model_dump(mode="json", by_alias=True)


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({v for v in values if v in seen or seen.add(v)})  # type: ignore[func-returns-value]


def integrity_problems(graph: Graph) -> list[str]:
    """Every way ``graph`` breaks the contract's cross-references, as readable sentences."""
    ids = {c.id for c in graph.components}
    boundary_ids = {b.id for b in graph.boundaries}
    event_names = {e.name for e in graph.events}
    problems = [
        f"duplicate component id '{d}'" for d in _duplicates([c.id for c in graph.components])
    ]
    problems += [
        f"duplicate boundary id '{d}'" for d in _duplicates([b.id for b in graph.boundaries])
    ]
    problems += [f"duplicate event name '{d}'" for d in _duplicates([e.name for e in graph.events])]
    for c in graph.components:
        if c.boundary is not None and c.boundary not in boundary_ids:
            problems.append(f"component '{c.id}' is in unknown boundary '{c.boundary}'")
    for e in graph.events:
        problems += _event_problems(e, ids, event_names)
    for f in graph.flows:
        for end in (f.source, f.target):
            if end not in ids:
                problems.append(
                    f"flow {f.source} -> {f.target} refers to unknown component '{end}'"
                )
        problems += [
            f"flow {f.source} -> {f.target} carries unknown event '{n}'"
            for n in f.events
            if n not in event_names
        ]
    for p in graph.patterns:
        problems += [
            f"pattern '{p.name}' refers to unknown component '{c}'"
            for c in p.components
            if c not in ids
        ]
    return problems


def _event_problems(event: Event, ids: set[str], event_names: set[str]) -> list[str]:
    problems = []
    if event.producer not in ids:
        problems.append(f"event '{event.name}' has unknown producer '{event.producer}'")
    problems += [
        f"event '{event.name}' has unknown consumer '{c}'" for c in event.consumers if c not in ids
    ]
    if event.channel is not None and event.channel not in ids:
        problems.append(f"event '{event.name}' travels on unknown channel '{event.channel}'")
    if event.compensates is not None and event.compensates not in event_names:
        problems.append(f"event '{event.name}' compensates unknown event '{event.compensates}'")
    if len(str(event.schema_)) > MAX_SCHEMA_CHARS:
        problems.append(f"event '{event.name}' has a schema over {MAX_SCHEMA_CHARS} characters")
    return problems


class GraphError(ValueError):
    """A graph (or data claiming to be one) that breaks the contract. ``str()`` is readable."""


def parse_graph(data: Any) -> Graph:
    """Validate untrusted JSON-like data as a Graph, raising GraphError with a readable message."""
    from pydantic import ValidationError

    try:
        return Graph.model_validate(data)
    except ValidationError as exc:
        raise GraphError(describe_validation_error(exc)) from None


def describe_validation_error(exc: Any) -> str:
    """A short, readable summary of a pydantic ValidationError."""
    parts = []
    for err in exc.errors()[:10]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts)


_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, fallback: str = "component") -> str:
    """A contract-valid slug for ``text`` (lowercase, hyphenated, at most MAX_NAME chars)."""
    slug = _SLUG_STRIP.sub("-", text.lower()).strip("-")[:MAX_NAME].strip("-")
    return slug or fallback


def unique_slug(text: str, taken: set[str], *, fallback: str = "component") -> str:
    """``slugify(text)``, suffixed with -2, -3, ... until it is not in ``taken``."""
    base = slugify(text, fallback=fallback)
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: MAX_NAME - len(suffix)].strip("-") + suffix
        n += 1
    return slug


def graph_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the graph contract, generated from the models."""
    schema = Graph.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "InfraSketch graph"
    return schema
