"""Which patterns a description uses, and who takes part; then the builders add the structure.

Cues are words ("saga", "outbox", "dead-letter"), components ("EventStoreDB" is an event
store), or the shape of the text ("with the full profile in the payload" is state transfer).
"""

from __future__ import annotations

import itertools
import re

from diagrams.core.planners.rule_based.clauses import Item, Sentence
from diagrams.core.planners.rule_based.draft import DEvent, Draft
from diagrams.core.planners.rule_based.lexicon import imperative
from diagrams.core.planners.rule_based.naming import default_event, schema_for
from diagrams.core.planners.rule_based.negation import affirmed
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
from diagrams.core.planners.rule_based.saga import (
    apply_choreography,
    apply_orchestration,
    record_described_choreography,
)
from diagrams.core.planners.rule_based.wiring import Wiring

CUES: dict[str, re.Pattern[str]] = {
    "saga": re.compile(
        r"\bsagas?\b|compensat|roll(?:s|ing)? ?back|distributed transaction|"
        r"\b(?:if|when|should)\b[^.;]{0,40}\bfails?\b[^.]{0,80}\b(?:release|refund|cancel|undo|"
        r"revert|reverse|void|unreserve|unlock)|"
        # a failure event and an undoing reaction: "publishes CreditRejected ... undoes the
        # booking", "DepositDeclined ... VehicleReleased"
        r"^(?=.*[a-z](?:rejected|declined|failed)\b)(?=.*(?:\b(?:undo(?:es)?|releases?|"
        r"refunds?|cancels?|reverts?|reverses?|voids?|unreserves?|unlocks?|frees?)\b|"
        r"[a-z](?:released|refunded|reversed|voided|unreserved|cancell?ed)\b))",
        re.DOTALL,
    ),
    "orchestration": re.compile(r"orchestrat|coordinated by|state machine|workflow engine"),
    "event_sourcing": re.compile(
        r"event[- ]sourc|event store|every (?:state )?change as"
        r" events|append-only|appended to|replay\w* (?:the |its |all |their )?(?:events|event|"
        r"stream|log|history)|(?:rebuil\w*|reconstruct\w*|derived?) [^.;]{0,40}by replaying"
    ),
    "cqrs": re.compile(
        r"\bcqrs\b|read models?\b|write model|query side|command side|read side|write side|"
        r"projection|projector|materiali[sz]ed view"
    ),
    "dead_letter_queue": re.compile(r"dead[- ]letter|\bdlq\b|poison|parking[- ]lot"),
    "schema_registry": re.compile(r"schema registry|schema versioning|avro|protobuf schema"),
    "outbox": re.compile(r"outbox|change data capture|\bcdc\b|debezium"),
    "idempotent_consumer": re.compile(r"idempoten|dedup|exactly[- ]once|at[- ]least[- ]once"),
    "retry_backoff": re.compile(r"\bretr(?:y|ies|ied)\b|back-?off|fails? (?:\w+ )?times"),
    "event_carried_state_transfer": re.compile(
        r"full (?:\w+ )?(?:in the )?payload|in the payload|local cop|own cop|instead of calling"
        r"|without calling|state transfer|carr(?:y|ies) (?:the|all|enough)|snapshot of"
    ),
}
SINK_WORDS = (
    "notification",
    "analytics",
    "audit",
    "email",
    "reporting",
    "search",
    "logging",
    "monitoring",
    "recommendation",
    "alert",
)
_ORCHESTRATOR_TECH = ("Temporal", "Step Functions", "Camunda", "Durable Functions", "Conductor")


def apply_patterns(
    draft: Draft,
    text: str,
    parsed: list[Sentence],
    registry: Registry,
    ids: dict[str, str],
    wiring: Wiring,
) -> None:
    """Detect the patterns ``text`` describes and add their structure to ``draft``."""
    cues = {k for k, rx in CUES.items() if rx.search(text)}
    kinds = {c.kind for c in draft.components.values()}
    if "event_store" in kinds:
        cues.add("event_sourcing")
    if "read_model" in kinds and kinds & {"event_store", "stream_processor"}:
        cues.add("cqrs")
    if "dead_letter_queue" in kinds:
        cues.add("dead_letter_queue")
    if "saga" in cues:
        _saga(draft, text, parsed, ids, wiring)
    owner = _aggregate_owner(draft)
    if "event_sourcing" in cues and owner:
        apply_event_sourcing(draft, owner)
    if "cqrs" in cues and owner:
        apply_cqrs(draft, owner, replica="replica" in text)
    if "dead_letter_queue" in cues and draft.events:
        apply_dlq(draft)
    if "schema_registry" in cues:
        apply_schema_registry(draft)
    for kind, builder in (
        ("outbox", _outbox),
        ("idempotent_consumer", _idempotent),
        ("retry_backoff", _retry),
    ):
        if kind in cues:
            builder(draft, parsed, ids)
    _messaging(draft, cues)


def _messaging(draft: Draft, cues: set[str]) -> None:
    kinds = {c.id: c.kind for c in draft.components.values()}
    if not any(
        e.channel or any(kinds.get(c) != "orchestrator" for c in e.consumers)
        for e in draft.events.values()
        if e.consumers
    ):
        return  # only "starts an execution" of an orchestrator: no event notification
    if "event_carried_state_transfer" in cues:
        apply_messaging_pattern(draft, "event_carried_state_transfer")
    elif not cues & {"saga", "event_sourcing"}:
        apply_messaging_pattern(draft, "event_notification")


def _aggregate_owner(draft: Draft) -> str | None:
    for store in draft.of_kind("event_store", "database"):
        writers = [
            f.source
            for f in draft.flows.values()
            if f.target == store.id
            and f.kind == "write"
            and draft.components[f.source].kind in ("service", "function")
        ]
        if writers and store.kind == "event_store":
            return writers[0]
    services = [c.id for c in draft.components.values() if c.kind in ("service", "function")]
    made = [p for p in producers(draft) if p in services]  # not the sensors or the web app
    found = made or services
    return found[0] if found else None


def _saga_steps(draft: Draft) -> list[str]:
    steps = [
        c.id
        for c in draft.components.values()
        if c.kind == "service" and not any(w in c.name.lower() for w in SINK_WORDS)
    ]
    return steps


def _saga(
    draft: Draft, text: str, parsed: list[Sentence], ids: dict[str, str], wiring: Wiring
) -> None:
    name = saga_name(text)
    orchestrators = draft.of_kind("orchestrator")
    if CUES["orchestration"].search(affirmed(text)) or orchestrators:
        orchestrator = orchestrators[0].id if orchestrators else None
        commanded = [ids[t] for s, t in wiring.commands if orchestrator and ids[s] == orchestrator]
        commanded += [
            t
            for (s, t, k) in draft.flows
            if s == orchestrator and draft.components[t].kind in ("service", "function")
        ]
        steps = list(dict.fromkeys(commanded)) or _saga_steps(draft)
        initiators = [e.producer for e in draft.events.values() if orchestrator in e.consumers]
        initiators += [
            s
            for (s, t, k) in draft.flows
            if t == orchestrator and draft.components[s].kind == "service"
        ]
        initiator = next((i for i in initiators if i not in steps), None)
        called = {
            t if s == orchestrator else s
            for (s, t, k) in draft.flows
            if orchestrator in (s, t) and k == "call"
        }
        commands, undos = _named_steps(parsed, ids, draft)
        if commands:  # the steps the text names, in its order, then any other it commands
            steps = list(dict.fromkeys([*commands, *commanded]))
            _forget_events(draft, {*commands.values(), *undos.values()})
        undoers = _compensators(draft, steps)
        steps = [s for s in steps if s not in undoers.values()]
        engine = orchestrator and draft.components[orchestrator].technology in _WORKFLOW_ENGINES
        if engine and not _commands_over_broker(draft, parsed, ids):
            called |= set(steps)  # workflow activities are calls, not messages
        apply_orchestration(
            draft,
            steps,
            name,
            orchestrator,
            initiator,
            called=called,
            names=(commands, undos),
            undoers=undoers,
        )
    elif not record_described_choreography(draft, name):
        apply_choreography(draft, _saga_steps(draft), name)


_UNDO_VERBS = frozenset(
    {"release", "cancel", "refund", "void", "undo", "reverse", "revert", "unreserve", "rollback"}
)


def _compensators(draft: Draft, steps: list[str]) -> dict[str, str]:
    """step -> the component that undoes it: "the Release Stock Lambda" undoes "the Reserve
    Stock Lambda", "the Cancel Courier Lambda" undoes "the Book Courier Lambda"."""
    found: dict[str, str] = {}
    for undoer in steps:
        words = draft.components[undoer].name.lower().split()
        if not words or words[0] not in _UNDO_VERBS:
            continue
        rest = set(words[1:]) - {"service", "lambda", "function", "worker", "activity", "svc"}
        for step in steps:
            other = draft.components[step].name.lower().split()
            if step != undoer and other[:1] != words[:1] and rest & set(other[1:]):
                found.setdefault(step, undoer)
                break
    return found


_WORKFLOW_ENGINES = frozenset(
    {"Temporal", "Step Functions", "Durable Functions", "Cadence", "Conductor", "Camunda"}
)
_UNDO_WORDS = re.compile(r"compensat|undo|revers|roll ?back|on failure|fails", re.IGNORECASE)


def _named_steps(
    parsed: list[Sentence], ids: dict[str, str], draft: Draft
) -> tuple[dict[str, str], dict[str, str]]:
    """ "ledger svc ReserveFunds -> fx svc ConvertCurrency", "compensate: fx svc
    ReverseConversion": the commands (and compensations) the text names for each step."""
    commands: dict[str, str] = {}
    undos: dict[str, str] = {}
    for sentence in parsed:
        undoing = bool(_UNDO_WORDS.search(sentence.text))
        commanding = "command" in sentence.text.lower()  # "send the command FileFlightPlan"
        for step, name in _step_commands(sentence.items):
            if not (undoing or commanding or imperative(name)):
                continue
            cid = ids.get(step)
            if cid is None or draft.components[cid].kind not in _STEP_KINDS:
                continue
            target = undos if undoing and cid in commands else commands
            target.setdefault(cid, name)
    return commands, undos


_STEP_KINDS = frozenset({"service", "function", "scheduler"})


_DONE = frozenset({"executed", "handled", "performed", "processed", "run", "served", "done"})


def _done_by_step(items: list[Item], j: int) -> str | None:
    """The step after "E, executed by the X" / "E (handled by X)", if any."""
    words = [it.token.low for it in items[j + 1 : j + 5]]
    k = j + 1 + (1 if words[:1] in ([","], ["("]) else 0)
    if k + 1 >= len(items) or items[k].token.low not in _DONE or items[k + 1].token.low != "by":
        return None
    k += 2
    while k < len(items) and items[k].token.low in ("the", "a", "an", "our"):
        k += 1
    return items[k].key if k < len(items) and items[k].kind == "m" else None


def _commands_over_broker(draft: Draft, parsed: list[Sentence], ids: dict[str, str]) -> bool:
    """ "All commands and replies shall travel over Azure Service Bus": the engine's steps are
    messages through that broker, not calls."""
    brokers = {c.id for c in draft.of_kind("broker")}
    return any(
        re.search(r"\bcommands?\b", sentence.text, re.IGNORECASE)
        and any(it.kind == "m" and ids.get(it.key) in brokers for it in sentence.items)
        for sentence in parsed
    )


def _step_commands(items: list[Item]) -> list[tuple[str, str]]:
    """(step, command) pairs: "ledger svc ReserveFunds", "the command AuthorizePayment to the
    Payment Service", "VoidPayment to the Payment Service"."""
    pairs = [
        (it.key, nxt.key)
        for it, nxt in itertools.pairwise(items)
        if it.kind == "m" and nxt.kind == "e"
    ]
    for j, it in enumerate(items):
        done_by = _done_by_step(items, j)  # "QuoteOrder, executed by the Pricing Worker"
        if it.kind == "e" and done_by is not None:
            pairs.append((done_by, it.key))
            continue
        if it.kind != "e" or j + 1 >= len(items) or items[j + 1].token.low not in ("to", "->"):
            continue  # "AllocateRunner -> runner pool svc", "ReleaseUnits to the Inventory ..."
        k = j + 2
        while k < len(items) and items[k].token.low in ("the", "a", "an", "our"):
            k += 1
        if k < len(items) and items[k].kind == "m":
            pairs.append((items[k].key, it.key))
    return pairs


def _forget_events(draft: Draft, names: set[str]) -> None:
    """Drop events the parser wired wrongly before the saga gives them their real route."""
    for name in names & set(draft.events):
        del draft.events[name]
    for key, flow in list(draft.flows.items()):
        if set(flow.events) & names:
            flow.events = [e for e in flow.events if e not in names]
            if not flow.events and flow.kind in ("publish", "subscribe"):
                del draft.flows[key]


def saga_name(text: str) -> str:
    match = re.search(r"saga (?:pattern )?for (?:the )?([a-z]+(?: [a-z]+)?)", text)
    if match:
        words = [w for w in match.group(1).split() if w not in ("with", "over", "and")]
        return " ".join(w.title() for w in words[:2]) + " saga"
    return "Fulfilment saga"


def _mentioned_near(
    parsed: list[Sentence],
    ids: dict[str, str],
    cue: re.Pattern[str],
    draft: Draft,
    kinds: tuple[str, ...],
) -> list[str]:
    found: list[str] = []
    for sentence in parsed:
        if cue.search(sentence.text.lower()):
            found += [
                ids[it.key]
                for it in sentence.items
                if it.kind == "m"
                and it.key in ids
                and draft.components.get(ids[it.key]) is not None
                and draft.components[ids[it.key]].kind in kinds
            ]
    return list(dict.fromkeys(found))


def _outbox(draft: Draft, parsed: list[Sentence], ids: dict[str, str]) -> None:
    owners = [
        c
        for c in _mentioned_near(parsed, ids, CUES["outbox"], draft, ("service",))
        if c in producers(draft)
    ] or producers(draft)
    if not owners:
        return
    relay = apply_outbox(draft, owners[0])[0]
    written = " ".join(sentence.text for sentence in parsed)
    for name, event in list(draft.events.items()):
        if event.producer == relay and name not in written:
            draft.remove_event(name)  # the relay publishes the owner's events, none of its own
            for key, flow in list(draft.flows.items()):
                if flow.kind == "publish" and not flow.events and key[0] == relay:
                    del draft.flows[key]


def _idempotent(draft: Draft, parsed: list[Sentence], ids: dict[str, str]) -> None:
    named = _mentioned_near(
        parsed, ids, CUES["idempotent_consumer"], draft, ("service", "function")
    )
    targets = [c for c in named if c in consumers(draft)] or consumers(draft)
    if targets:
        apply_idempotent(draft, targets)


def _retry(draft: Draft, parsed: list[Sentence], ids: dict[str, str]) -> None:
    named = _mentioned_near(parsed, ids, CUES["retry_backoff"], draft, ("service", "function"))
    targets = named or consumers(draft)
    if targets:
        apply_retry(draft, targets)


def autowire(draft: Draft, text: str) -> None:
    """Services named in an event-driven description but given no links: a sensible default.

    Each service publishes its domain event on the broker; the next service in the order
    they were named consumes it, and sink services (notifications, analytics...) consume all.
    """
    broker = main_broker(draft)
    if broker is None or "saga" in draft.pattern_kinds():
        return
    if not re.search(r"event|async|pub/?sub|publish|stream|messag|bus\b", text):
        return
    if any(e.consumers for e in draft.events.values()):
        return  # the text says who hears what: inventing more routes only adds wrong ones
    linked = {end for f in draft.flows for end in f[:2]}
    idle = [
        c
        for c in draft.components.values()
        if c.kind in ("service", "function") and c.id not in linked
    ]
    if len(idle) < 2:
        return
    sinks = [c.id for c in idle if any(w in c.name.lower() for w in SINK_WORDS)]
    chain = [c.id for c in idle if c.id not in sinks]
    for i, cid in enumerate(chain):
        name = default_event(tuple(draft.components[cid].name.lower().split()[:-1]))
        if name in draft.events:
            continue
        nxt = [chain[(i + 1) % len(chain)]] if len(chain) > 1 else []
        event = DEvent(
            name,
            cid,
            consumers=[*nxt, *sinks],
            channel=broker.id,
            schema=schema_for(name, []),
            description=f"Published by {draft.components[cid].name}.",
        )
        draft.events[name] = event
        draft.route_event(event)
    apply_messaging_pattern(draft, "event_notification")
