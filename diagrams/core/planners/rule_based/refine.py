"""Instruction -> Refinement: match the request, change a Draft, diff it into typed edits."""

from __future__ import annotations

import re

from diagrams.core.graph import Graph, slugify
from diagrams.core.planners.base import PlannerError, Refinement
from diagrams.core.planners.rule_based import intents
from diagrams.core.planners.rule_based.diff import diff_edits, find_component, named_in
from diagrams.core.planners.rule_based.draft import MESSAGING, STORES, DComponent, DEvent, Draft
from diagrams.core.planners.rule_based.extend import extend
from diagrams.core.planners.rule_based.messages import (
    EVENT,
    cleaned,
    it_is,
    name_that_event,
    parts_of,
    topic_first,
    use_instead,
)
from diagrams.core.planners.rule_based.naming import normalise_event_name, schema_for
from diagrams.core.planners.rule_based.tech import TECH_INDEX, techs_in
from diagrams.core.planners.rule_based.text import title_word

CAPABILITIES = (
    "I can add components ('add a Redis cache to the product service'), remove them ('drop "
    "the webhooks service'), rename them ('rename Catalog API to Product Service'), swap a "
    "technology ('swap RabbitMQ for Kafka'), connect or disconnect two components, add an event "
    "('add an event OrderShipped from shipping to notifications'), add patterns (dead letter "
    "queue, schema registry, outbox, retries, idempotent consumers, CQRS, event sourcing, "
    "sagas), group components into a boundary, rename or remove events, and undo."
)
_UNDO = re.compile(
    r"^(?:undo|revert|go back|roll ?back|take (?:that|it) back|never ?mind|cancel (?:that|the "
    r"last)|scratch that|put it back)\b"
)
_T = r"(?:the |a |an |our )?"


def refine(graph: Graph, instruction: str) -> Refinement:
    """The edits (or undo) that carry out ``instruction`` on ``graph``."""
    parts = [p for p in (cleaned(p) for p in parts_of(instruction.strip())) if p]
    if not parts:
        raise PlannerError("I did not understand that instruction. " + CAPABILITIES)
    if _UNDO.search(parts[0].lower()):
        return Refinement(undo=True, summary="Undid the last change.")
    parts = name_that_event(parts)
    draft = Draft.from_graph(graph)
    summaries: list[str] = []
    added: list[str] = []
    skipped: list[tuple[str, PlannerError]] = []
    named: list[str] = []  # components the sentences before named: "it" in the next one
    for n, part in enumerate(parts):
        before = set(draft.components)
        referent = added if len(added) == 1 else named[-1:]
        part = use_instead(draft, topic_first(part), named)
        try:
            summaries.append(_dispatch(draft, it_is(part, referent), first=n == 0))
        except PlannerError as exc:
            skipped.append((part, exc))
        added = [c for c in draft.components if c not in before] or added
        named = [c.id for c in named_in(draft, part)] or named
    if not summaries:
        raise skipped[0][1]
    summaries += [
        f"(I did not follow '{part}'.)"
        if str(exc).startswith("I did not understand")
        else f"(Not done: '{part}': {str(exc).split('. ')[0]}.)"
        for part, exc in skipped
    ]
    summary = " ".join(summaries)
    edits = diff_edits(graph, draft)
    if not edits:
        raise PlannerError(
            f"That would not change the diagram ({summary.rstrip('.')}). " + CAPABILITIES
        )
    return Refinement(edits=edits, summary=summary)


def _dispatch(draft: Draft, text: str, first: bool = True) -> str:
    """Apply one request; after the first, a part that only names things ("the Camunda licence
    is getting pricey") is a remark, not a request to add them."""
    main = _main_clause(text)
    failure: PlannerError | None = None
    for candidate in dict.fromkeys((text, main)):
        for pattern, handler in HANDLERS:
            match = pattern.search(candidate)
            if match is None:
                continue
            trial = draft.copy()
            try:
                summary = handler(trial, match)
            except PlannerError as exc:
                failure = failure or exc  # "... so the owner gets a heads-up": try without it
                break
            draft.adopt(trial)
            return summary
    if failure is not None:
        raise failure
    why = _PURPOSE.search(text)
    asks = why is not None and _ASKS.search(why[0])  # "so the aggregator needs to call X"
    main = text[: why.start()] if why is not None and not asks else text
    extended = extend(draft, main, first) or (main != text and extend(draft, text, first))
    if extended:
        return extended
    raise PlannerError("I did not understand that instruction. " + CAPABILITIES)


# "When a booking is cancelled, ...", "..., so the app can look up status", "... because ..."
_LEADING_CLAUSE = re.compile(r"^(?:when|whenever|if|once|after)\b[^,]*,\s*", re.IGNORECASE)
_TRAILING_CLAUSE = re.compile(
    r",?\s+(?:so that|so|because|since|in case|whenever|when|once|if)\s+.*$", re.IGNORECASE
)


# "..., so dashboards load faster": why, not what
_PURPOSE = re.compile(r",?\s+(?:so that|so|because|since)\s+.*$", re.I)
_ASKS = re.compile(
    r"\b(?:needs? to|has to|have to|should|must|shall|will have to) (?:also )?(?:call|use|"
    r"consume|publish|read|write|listen|subscribe|talk|send|query|hit|invoke)\b",
    re.I,
)


def _main_clause(text: str) -> str:
    """The instruction without a leading condition or a trailing purpose or condition."""
    return _TRAILING_CLAUSE.sub("", _LEADING_CLAUSE.sub("", text)).strip()


def rename_component(draft: Draft, m: re.Match[str]) -> str:
    target = intents.component(draft, m["old"])
    new = m["new"].strip(" .'\"`")
    old_name = target.name
    target.name = " ".join(title_word(w) for w in new.split())[:80]
    return f"Renamed {old_name} to {target.name}."


def migrate_tech(draft: Draft, m: re.Match[str]) -> str:
    """ "migrate the order database from Postgres to DynamoDB": a new technology, same box."""
    comp, old = known(draft, m["comp"]), known(draft, m["old"])
    if old is not None and (comp is None or (comp.kind not in STORES and comp != old)):
        return swap_tech(
            draft, m["old"], m["new"]
        )  # "can we move trips from Spanner to Firestore?"
    target = intents.component(draft, m["comp"])
    canonical, kind = _tech(m["new"], target.kind)
    if kind != target.kind and {kind, target.kind} - STORES:
        kind = target.kind
    target.technology, target.kind = canonical, kind
    return f"{target.name} now runs on {canonical}."


def replace_tech(draft: Draft, m: re.Match[str]) -> str:
    """ "swap RabbitMQ for Kafka", "use Postgres instead of MySQL for the wardrobe db", "pays
    for SendGrid, so use that instead", "SNS ... is a lot, swap it for X"."""
    old_phrase, new_phrase = m["old"], m["new"]
    if m.group(0).lower().startswith("use"):
        old_phrase, new_phrase = m["new"], m["old"]
    if new_phrase.strip().lower() in ("that", "it", "this", "them"):
        new_phrase = _tech_before(m.string[: m.start()]) or new_phrase
    comp = known(draft, m["comp"]) if m.groupdict().get("comp") else None
    if (
        comp is not None
        and comp.name != comp.technology
        and known(draft, old_phrase) in (None, comp)
    ):
        canonical, _ = _tech(new_phrase, comp.kind)  # "... for the wardrobe db": that one box
        comp.technology = canonical
        return f"{comp.name} now runs on {canonical}."
    if old_phrase.strip().lower() in ("it", "that", "this", "them", "those"):
        named = named_in(draft, m.string[: m.start()])
        old_phrase = named[0].name if named else old_phrase
    several = [p for p in re.split(r"\s*/\s*|\s+and\s+|\s*\+\s*", old_phrase.strip()) if p]
    if len(several) > 1 and all(known(draft, p) for p in several):
        return _replace_several(draft, several, new_phrase)  # "replace SNS/SQS with EventBridge"
    return swap_tech(draft, old_phrase, new_phrase)


def swap_tech(draft: Draft, old_phrase: str, new_phrase: str) -> str:
    """The component ``old_phrase`` names now runs on ``new_phrase``: a new box when it was
    named for its technology, the same box otherwise; every flow and event is kept."""
    target = intents.component(draft, old_phrase)
    canonical, kind = _tech(new_phrase, target.kind)
    if canonical == " ".join(title_word(w) for w in new_phrase.strip().split())[:80]:
        # not a known technology: "Photoroom for background removal" is Photoroom
        short = re.split(r"\s+(?:for|to|so|because|since|as|which|that)\s+", new_phrase.strip())[0]
        canonical, kind = _tech(short, target.kind)
    old_tech = target.technology
    bare = re.sub(r"^(?:the|a|an|our)\s+", "", old_phrase.strip(), flags=re.IGNORECASE)
    if target.name in (old_tech, bare) or slugify(target.name) == slugify(bare):
        new = DComponent(
            slugify(canonical),
            canonical,
            kind,
            canonical,
            target.boundary,
            target.description,
            list(target.responsibilities),
        )
        if new.id in draft.components and new.id != target.id:
            if draft.neighbours(new.id):
                raise PlannerError(f"The diagram already has {canonical}.")
            draft.remove_component(new.id)  # named just before, on its own: this one takes over
        draft.replace_id(target.id, new)
    else:
        target.technology = canonical
        vendor = old_tech or bare
        if vendor and target.name.lower().startswith(vendor.lower()):
            # "the remove.bg API" becomes "the Photoroom API"
            target.name = re.sub(re.escape(vendor), canonical, target.name, flags=re.IGNORECASE)
    for other in draft.components.values():
        if old_tech and other.technology == old_tech:
            other.technology = canonical
    return f"Replaced {old_phrase.strip()} with {canonical}; every flow and event is kept."


def _replace_several(draft: Draft, olds: list[str], new_phrase: str) -> str:
    """One technology in place of several: the first is replaced, the others fold into it."""
    summary = swap_tech(draft, olds[0], new_phrase)
    new = find_component(draft, _tech(new_phrase, "broker")[0])
    for phrase in olds[1:]:
        old = known(draft, phrase)
        if new is not None and old is not None and old.id != new.id:
            draft.fold_into(old.id, new.id)
    return summary.replace(olds[0], "/".join(olds), 1)


def _tech_before(text: str) -> str | None:
    """The last technology ``text`` names."""
    named = techs_in(text)
    return named[-1][0] if named else None


def _tech(phrase: str, fallback_kind: str) -> tuple[str, str]:
    phrase = re.split(r"[,;(]| - ", phrase)[0]  # "RabbitMQ, ops already runs it"
    words = tuple(re.findall(r"[\w./-]+", re.sub(r"^(?:the|a|an)\s+", "", phrase.strip().lower())))
    for length in range(len(words), 0, -1):
        for start in range(len(words) - length + 1):
            hit = TECH_INDEX.get(words[start : start + length])
            if hit:
                kind = hit[1] if hit[1] not in ("language", "protocol") else fallback_kind
                if fallback_kind in MESSAGING and kind in MESSAGING:
                    kind = fallback_kind if fallback_kind != "queue" else kind
                return hit[0], kind
    name = " ".join(title_word(w) for w in phrase.strip().split())
    return name[:80], fallback_kind


def connect(draft: Draft, m: re.Match[str]) -> str:
    first = m["a"]
    if first.strip().lower() in ("it", "them", "that", "this"):  # "the X needs ..., so connect it"
        named = named_in(draft, m.string[: m.start()])
        first = named[0].name if named else first
    a = intents.component(draft, first)
    phrase = re.sub(r"\s+(?:too|as well|also)$", "", m["b"].split(",")[0].strip())
    ends = [intents.component(draft, p) for p in re.split(r"\s+and\s+|\s*[&+]\s*", phrase)]
    for b in ends:
        source, target = a, b
        if b.kind in ("gateway", "load_balancer") and a.kind not in ("client", "gateway"):
            source, target = b, a  # "connect the loan car svc to the BFF": the BFF calls it
        if a.kind in STORES and b.kind not in STORES | MESSAGING:
            source, target = b, a  # "hook the cache up to the catalog api": the api uses it
        kind = "call"
        if target.kind == "cache":
            kind = "read"
        elif target.kind in STORES:
            kind = "write"
        elif target.kind in MESSAGING:
            kind = "publish"
        elif source.kind in MESSAGING:
            kind = "subscribe"
        draft.add_flow(source.id, target.id, kind)
    return f"Connected {a.name} to {', '.join(b.name for b in ends)}."


def disconnect(draft: Draft, m: re.Match[str]) -> str:
    a, b = intents.component(draft, m["a"]), intents.component(draft, m["b"])
    doomed = [k for k in draft.flows if {k[0], k[1]} == {a.id, b.id}]
    if not doomed:
        raise PlannerError(f"{a.name} and {b.name} are not connected.")
    for key in doomed:
        del draft.flows[key]
    return f"Disconnected {a.name} from {b.name}."


def group(draft: Draft, m: re.Match[str]) -> str:
    name = " ".join(title_word(w) for w in m["name"].strip(" '\"\u2018\u2019\u201c\u201d").split())[
        :80
    ]
    more = m.groupdict().get("more")
    members = _members(draft, f"{m['members']} and {more}" if more else m["members"])
    bid = slugify(name, fallback="boundary")
    draft.boundaries.setdefault(bid, (name, ""))
    for c in members:
        c.boundary = bid
    return f"Grouped {', '.join(c.name for c in members)} into {name}."


def _members(draft: Draft, phrase: str) -> list[DComponent]:
    parts = [p for p in re.split(r",\s*|\s+and\s+|\s*[&+]\s*", phrase) if p.strip()]
    plural = re.search(r"\s(services|svcs|apis|functions|lambdas|workers|apps)$", parts[-1])
    if plural and len(parts) > 1:  # "the weather check and ready-mix services": each a service
        head = plural[1][:-1]
        parts = [p if p is parts[-1] else f"{p} {head}" for p in parts]
        parts[-1] = parts[-1][: plural.start()] + f" {head}"
    found: list[DComponent] = []
    for part in parts:
        if re.search(r"\b(both|all|the two)\b.*\b(read models?|replicas?)\b", part):
            found += draft.of_kind("read_model")
            continue
        found.append(intents.component(draft, part))
    return list({c.id: c for c in found}.values())


def set_title(draft: Draft, m: re.Match[str]) -> str:
    draft.title = m["title"].strip(" .'\"")[:80]
    return f"Retitled the diagram '{draft.title}'."


def add_event(draft: Draft, m: re.Match[str]) -> str:
    name = normalise_event_name(m["name"])
    a, b = intents.component(draft, m["a"]), intents.component(draft, m["b"])
    if name in draft.events:
        raise PlannerError(f"An event called {name} already exists.")
    broker = next((c for c in draft.of_kind("broker")), None)
    channel = broker.id if broker else None
    ev = DEvent(
        name,
        a.id,
        [b.id],
        channel,
        schema=schema_for(name, []),
        description=f"Published by {a.name}.",
    )
    draft.events[name] = ev
    draft.route_event(ev)
    return f"Added event {name} from {a.name} to {b.name}."


def arrow_swap(draft: Draft, m: re.Match[str]) -> str:
    """ "memcached -> redis": a technology for another; any other arrow describes the system."""
    old = known(draft, m["old"])
    if old is not None and techs_in(m["new"]) and not known(draft, m["new"]):
        return swap_tech(draft, m["old"], m["new"])
    return _extended(draft, m)


def take_over(draft: Draft, m: re.Match[str]) -> str:
    """ "the payments svc talks to Stripe instead of the menu api": it calls Stripe, and the
    menu api no longer does."""
    a, b, c = (intents.component(draft, m[k]) for k in ("a", "b", "c"))
    draft.flows.pop((c.id, b.id, "call"), None)
    draft.add_flow(a.id, b.id, "call")
    return f"{a.name} now calls {b.name} instead of {c.name}."


def _known_pair(draft: Draft, m: re.Match[str]) -> str:
    """Connect the two components a request names, or read it as more of the system."""
    return (
        connect(draft, m) if known(draft, m["a"]) and known(draft, m["b"]) else _extended(draft, m)
    )


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Removal verbs; after the start of a request only in lower case ("... and Delete Merchant
# Account lambdas" names a component)
_REMOVE = (
    r"(?:remove|delete|drop|get rid of|take out|eliminate|we(?:'re| are) dropping|we no longer "
    r"need|we don't need|kill) "
)

HANDLERS = (
    (_rx(r"rename (?:the )?event (?P<old>\S+) (?:to|as|->) (?P<new>\S+)"), intents.rename_event),
    (
        _rx(
            r"(?:rename|call|name) (?:the )?(?P<old>" + EVENT + r") event (?:to |as |-> )?"
            r"(?P<new>" + EVENT + r")"
        ),
        intents.rename_event,
    ),
    (
        _rx(
            r"rename (?:the )?(?P<old>" + EVENT + r") (?:to|as|->) (?P<new>" + EVENT + r"|that|"
            r"it|this)\b"
        ),
        intents.rename_event,
    ),
    (
        _rx(
            r"\b(?:call|name) (?P<old>" + EVENT + r") (?:as )?(?P<new>" + EVENT + r")(?: instead)?"
        ),
        intents.rename_event,
    ),
    (
        _rx(
            r"add (?:an? |the )?(?:new )?(?P<name>" + EVENT + r") event from (?P<a>.+?) to "
            r"(?P<b>.+)$"
        ),
        add_event,
    ),
    (_rx(r"\b(?:remove|delete|drop) (?:the )?event (?P<name>\S+)"), intents.remove_event),
    (
        _rx(
            r"(?:remove|delete|drop|get rid of|kill|retire|scrap) (?:the )?(?P<name>"
            + EVENT
            + r") event\b"
        ),
        intents.remove_event,
    ),
    (
        _rx(r"(?P<name>" + EVENT + r")\b.*\b(?:remove|delete|drop) (?:that|this|the) event\b"),
        intents.remove_event,
    ),
    (  # "Add a compensating command RefundUsageFee for ChargeUsageFee"
        _rx(
            r"compensat\w* (?:event|command|action|step|transaction) (?P<new>" + EVENT + r") "
            r"(?:for|that undoes|to undo|undoing|which undoes) (?:the )?(?:event |command )?"
            r"(?P<name>" + EVENT + r")"
        ),
        intents.compensating_event,
    ),
    (
        _rx(
            r"\b(?:remove|drop|delete|get rid of|disable) (?:the )?(?P<kind>sagas?|cqrs|event "
            r"sourcing|outbox|dead[- ]letter queue|dlq|schema registry|retries|retry|idempoten\w*"
            r"|event[- ]carried state transfer|event notification)(?: pattern)?\b"
        ),
        intents.remove_pattern,
    ),
    (
        _rx(r"add (?:a |the )?partition key (?P<field>\S+) to (?:the )?(?:event )?(?P<event>\S+)"),
        intents.partition_key,
    ),
    (
        _rx(
            r"(?:set|make|change) (?:the )?partition(?:ing)? key (?:of|for|on) (?:the )?"
            r"(?:event )?(?P<event>\S+) (?:to|as|=) (?P<field>\S+)"
        ),
        intents.partition_key,
    ),
    (
        _rx(
            r"(?:use|make) (?P<field>\S+) (?:as )?the partition(?:ing)? key (?:of|for|on) "
            r"(?:the )?(?:event )?(?P<event>\S+)"
        ),
        intents.partition_key,
    ),
    (
        _rx(
            r"(?:partition|key) (?:the )?(?:event )?(?P<event>[A-Z]\S*|\S+\.\S+) (?:events )?"
            r"(?:by|on) (?P<field>\S+)"
        ),
        intents.partition_key,
    ),
    (
        _rx(r"compensat\w* (?:event|command|action|step) for (?:the )?(?:event )?(?P<name>\S+)"),
        intents.compensating_event,
    ),
    (  # "a compensating event that undoes / refunds / releases CourierAssigned"
        _rx(
            r"compensat\w* (?:event|command|action|step|transaction)s? (?:that |which |to )?"
            r"(?:undo|revers|refund|cancel|void|releas|roll)\w*(?: back)? (?:the )?(?:event )?"
            r"(?P<name>(?-i:[A-Z])\w+)"
        ),
        intents.compensating_event,
    ),
    (  # "add a PaymentVoided event, published by X when ..., that compensates PaymentAuthorised"
        _rx(
            r"add (?:an? )?(?:new )?(?:event )?(?P<new>(?-i:[A-Z])\w+)(?: event)?\b.*?"
            r"\bcompensates (?:the )?(?:event )?(?P<name>(?-i:[A-Z])\w+)"
        ),
        intents.compensating_event,
    ),
    (
        _rx(
            r"replace (?:the )?(?:synchronous |sync )?call from (?P<a>.+?) to (?P<b>.+?) with "
            r"(?:an? )?(?:event|message|async)"
        ),
        intents.call_to_event,
    ),
    (_rx(r"outbox(?: pattern)?(?: (?:to|for|in|on) (?P<target>.+))?$"), intents.outbox),
    (  # "the herd health svc should go through an outbox before publishing"
        _rx(
            r"^(?P<target>.+?) (?:should|must|shall|will|to|needs to|has to) (?:go through|use|"
            r"write to|get|have) (?:an? |the )?(?:transactional )?outbox\b"
        ),
        intents.outbox,
    ),
    (
        _rx(r"retr(?:y|ies)\b.*?(?:\b(?:to|for|on|in) (?P<target>(?!failed|transient).+))?$"),
        intents.retries,
    ),
    (
        _rx(r"make (?P<target>.+?) (?:an? )?idempotent|idempoten\w*(?: (?:to|for) (?P<t2>.+))?"),
        lambda d, m: intents.idempotent(d, m),
    ),
    (_rx(r"(?:dead[- ]letter|\bdlq\b)"), intents.dlq),
    (_rx(r"schema registry"), intents.schema_registry),
    (
        _rx(
            r"^(?:send|route|forward|deliver) (?:the )?(?:event )?(?P<event>" + EVENT + r")"
            r"(?: events?)? (?:also )?to (?P<rest>.+)$"
        ),
        lambda d, m: intents.send_event(d, m, extend),
    ),
    (
        _rx(
            r"^(?!(?:add|create|introduce|include|insert|bring|plug|put|we need|there)\b)"
            r"(?:have |make |let |get )?(?P<who>.+?) (?:should |shall |must |will |to )?(?:also )?"
            r"(?:publish|emit|raise|send|produce|fire)e?s? (?:an? |the )?(?:event )?(?P<event>"
            + EVENT
            + r")(?P<rest>.*)$"
        ),
        intents.publish_event,
    ),
    (
        _rx(
            r"^(?:have|make|let|get) (?P<who>.+?) (?:also )?(?:consume|subscribe to|listen (?:to|"
            r"for)|react to|receive|handle) (?:the )?(?:event )?(?P<event>(?-i:[A-Z])\w+)"
        ),
        intents.consume,
    ),
    (
        _rx(
            r"^(?P<who>.+?) should (?:also )?(?:consume|subscribe to|listen (?:to|for)|react to|"
            r"receive|handle) (?:the )?(?:event )?(?P<event>(?-i:[A-Z])\w+)"
        ),
        intents.consume,
    ),
    (
        _rx(
            r"^(?:have|make|let|get) (?P<who>.+?)\bby (?:consuming|subscribing "
            r"to|listening (?:to|for)) (?:that|the|its) (?:message|event)s? (?:from|of) "
            r"(?P<source>.+)$"
        ),
        intents.consume,
    ),
    (
        _rx(r"event[- ]sourc\w*(?: (?:for|to|on) (?:the )?(?P<target>.+?)(?: aggregate)?)?$"),
        intents.event_sourcing,
    ),
    (
        _rx(r"event[- ]sourc\w* (?:the )?(?P<target>.+?)(?: aggregate)?(?: (?:in|of|on) .+)?$"),
        intents.event_sourcing,
    ),
    (
        _rx(r"\bmake (?:the )?(?P<target>.+?) event[- ]sourced\b"),
        intents.event_sourcing,
    ),
    (
        _rx(
            r"make (?:the |this |it |the whole )?(?:saga |flow |process |workflow |thing |one )?"
            r"(?:an? )?(?P<style>orchestrat\w*|choreograph\w*)"
        ),
        intents.saga_style,
    ),
    (
        _rx(r"(?:use|switch to|convert to) (?:an? )?(?P<style>orchestrat\w*|choreograph\w*)"),
        intents.saga_style,
    ),
    (  # "could we do the billing run as a choreography instead of the Temporal workflow?"
        _rx(r"\b(?:do|run|have|make) .+? as an? (?P<style>orchestrat\w*|choreograph\w*)"),
        intents.saga_style,
    ),
    (_rx(r"\bsagas?\b"), intents.add_saga),
    (
        _rx(
            r"read replicas? (?:of|for) (?:the |our )?(?P<db>.+?)(?: (?:for|so|to) (?P<rest>.+))?$"
        ),
        intents.read_replica,
    ),
    (
        _rx(r"(?:cqrs|read models?|read replicas?)(?:.*? for (?:the )?(?P<target>[\w -]+?))?$"),
        intents.cqrs,
    ),
    (_rx(r"^(?:add|show|use|apply|introduce) (?:an? |the )?cqrs\b"), intents.cqrs),
    (_rx(r"\bcqrs\b"), intents.cqrs),
    (_rx(r"event[- ]carried state"), intents.state_transfer),
    (  # "move the event store off Cosmos onto EventStoreDB"
        _rx(
            r"\b(?:migrate|move|switch|take|migrating|moving|switching|taking) (?:the )?"
            r"(?P<comp>.+?) off (?P<old>.+?) (?:onto|to|and onto|in favou?r of) (?P<new>.+)$"
        ),
        migrate_tech,
    ),
    (
        _rx(
            r"\b(?:migrate|move|switch|change|convert|migrating|moving|switching|changing|"
            r"converting) (?:the )?(?P<comp>.+?) from (?P<old>.+?) "
            r"to (?P<new>.+)$"
        ),
        migrate_tech,
    ),
    (
        _rx(
            r"\b(?:swap|replace|switch|migrate|move|port|moving|migrating|switching|porting|"
            r"swapping|replacing|going|changing|change) (?:over )?(?:from )?"
            r"(?!(?:everything|all|us|it all|the whole thing)\b)(?P<old>.+?) "
            r"(?:over )?(?:for|with|to|by|onto) (?P<new>.+)$"
        ),
        replace_tech,
    ),
    (_rx(r"\buse (?P<old>.+?) instead of (?P<new>.+?)(?: for (?P<comp>.+))?$"), replace_tech),
    (  # "Kafka instead of Pulsar pls": a technology for another
        _rx(r"^(?P<new>[\w ./-]{2,30}?) instead of (?P<old>[\w ./-]{2,30}?)$"),
        lambda d, m: swap_tech(d, m["old"], m["new"]) if techs_in(m["new"]) else _extended(d, m),
    ),
    (
        _rx(r"\buse (?P<old>.+?) (?:rather )?than (?P<new>.+?)(?: for (?P<comp>.+?))?(?:,.*)?$"),
        replace_tech,
    ),
    (
        _rx(
            r"(?:rename|call|name) (?:the )?(?P<old>.+?) (?:to |as |into |-> )?[\"\u201c'](?P<new>"
            r"[^\"\u201d']+)[\"\u201d'](?: instead)?$"
        ),
        rename_component,
    ),
    (_rx(r"rename (?:the )?(?P<old>.+?) (?:to|as|into|->) (?P<new>.+)$"), rename_component),
    (
        _rx(
            r"^(?:change the name of|call) (?:the )?(?P<old>.+?) (?:to )?(?P<new>[\w -]+?) instead$"
        ),
        rename_component,
    ),
    (
        _rx(
            r"(?P<old>"
            + EVENT
            + r") should be (?:called|named|renamed(?: to)?) (?P<new>"
            + EVENT
            + r")"
        ),
        intents.rename_event,
    ),
    (_rx(r"(?P<old>.+?) should be (?:called|named) (?P<new>.+)$"), rename_component),
    (_rx(r"^(?P<old>[\w ./-]{2,40}?)\s*(?:->|\u2192|=>)\s*(?P<new>[\w ./-]{2,40})$"), arrow_swap),
    (
        _rx(r"\b(?:title|name|call) (?:the|this) (?:diagram|graph|architecture) (?P<title>.+)$"),
        set_title,
    ),
    (_rx(r"\b(?:disconnect|unlink|detach) (?P<a>.+?) (?:from|and) (?P<b>[^,;]+)"), disconnect),
    (
        _rx(
            r"\b(?:cut|remove|delete|drop|break|sever) the (?:link|connection|call|flow|arrow|line|"
            r"dependency)s? (?:between|from) (?P<a>.+?) (?:and|to) (?P<b>.+)$"
        ),
        disconnect,
    ),
    (
        _rx(
            r"(?P<a>.+?) (?:should|must|will|does|do|can)(?:n't| not| no longer| never| stop)+ "
            r"(?:call|talk to|depend on|use|"
            r"publish to|read from|write to|calling|talking to) (?P<b>.+)$"
        ),
        disconnect,
    ),
    (
        _rx(
            r"(?:remove|delete|drop) the (?:connection|link|flow|call|arrow)s? (?:between|from) "
            r"(?P<a>.+?) (?:and|to) (?P<b>.+)$"
        ),
        disconnect,
    ),
    (
        _rx(r"(?:^|\bso |\bthen )(?P<target>[\w .-]+?) can (?:go|be removed|be dropped|go away)$"),
        intents.remove_component,
    ),
    (
        _rx(r"\b(?:pull|take|rip|cut) (?:the )?(?P<target>[\w .-]+?) (?:out|off)\b"),
        intents.remove_component,
    ),
    (  # "Add CancelValuation as the compensation for OrderValuation"
        _rx(
            r"(?:add|make|mark|use|set) (?:the )?(?:event |command )?(?P<new>" + EVENT + r") as "
            r"(?:the |a |its )?compensat\w*(?: event| command| step)? (?:for|of) (?:the )?"
            r"(?P<name>" + EVENT + r")"
        ),
        intents.compensating_event,
    ),
    (
        _rx(
            rf"(?:^{_REMOVE}|(?:[,;:] |\b(?:so|then|and|also|just|please|now) )(?-i:{_REMOVE}))"
            + _T
            + r"(?P<target>.+?)(?: entirely| completely| altogether| from the diagram| service)?$"
        ),
        intents.remove_component,
    ),
    (
        _rx(
            r"\b(?:draw|add|create|put|make) (?:a |an |the )?[\"'\u2018\u201c]?(?P<name>[^\"'\u2019\u201d]+?)"
            r"[\"'\u2019\u201d]? (?:bounded )?(?:boundary|context|group|zone|domain) (?:around|for|"
            r"containing|with) (?P<members>.+)$"
        ),
        group,
    ),
    (
        _rx(
            r"(?:group|put|place|move) (?P<members>.+?) (?:in|into|inside|under) (?:a |an |the |one "
            r")?(?:new |single )?(?:team |bounded )?(?:boundary|context|domain|group|zone|team|"
            r"cluster) (?:called|named|labell?ed) (?P<name>.+)$"
        ),
        group,
    ),
    (
        _rx(
            r"(?:group|put|place|move) (?P<members>.+?) (?:in|into|inside|under) (?:the same |one "
            r"|a single )?(?:team |bounded )?(?:boundary|context|domain|group|zone|team|cluster)"
            r",? (?:and )?(?:call|name|label) (?:it|that|them) (?P<name>.+)$"
        ),
        group,
    ),
    (
        _rx(
            r"(?:group|put|place|move) (?P<members>.+?) (?:in|into|inside|under) "
            + _T
            + r"(?P<name>.+?) (?:bounded )?(?:boundary|context|domain|group|zone|team|cluster)$"
        ),
        group,
    ),
    (  # "put it in a 'Customer' boundary with the battery api"
        _rx(
            r"(?:group|put|place|move) (?P<members>.+?) (?:in|into|inside|under) " + _T + r"[\"'"
            r"\u2018\u201c]?(?P<name>[^\"'\u2019\u201d]+?)[\"'\u2019\u201d]? (?:bounded )?"
            r"(?:boundary|context|domain|group|zone|team|cluster),? (?:together )?with "
            r"(?P<more>.+)$"
        ),
        group,
    ),
    (
        _rx(
            r"(?P<members>.+?) (?:belong to|are part of|go in|live in) " + _T + r"(?P<name>.+?) "
            r"(?:bounded )?(?:boundary|context|domain|group|zone|team)$"
        ),
        group,
    ),
    (  # "group the spend api, mysql and the debezium relay as 'Card Requests'"
        _rx(
            r"^(?:group|bundle|box|cluster) (?P<members>.+?) (?:together )?(?:as|under|into) "
            r"(?:a |an |the )?[\"'\u2018\u201c]?(?P<name>[^\"'\u2019\u201d]+?)[\"'\u2019\u201d]?$"
        ),
        group,
    ),
    (_rx(r"add (?:an? )?(?:new )?event (?P<name>\S+) from (?P<a>.+?) to (?P<b>.+)$"), add_event),
    (
        _rx(r"^(?:connect|link|wire|hook) (?P<a>.+?) (?:up )?(?:to|with|and|into) (?P<b>.+)$"),
        connect,
    ),
    (
        _rx(
            r"\b(?:connect|link|wire) (?P<a>it|them|that|this) (?:to|with) (?P<b>.+?)(?: (?:with|"
            r"over|via) an? (?:sync(?:hronous)?|async|grpc|rest|http) call)?$"
        ),
        connect,
    ),
    (
        _rx(
            r"^(?:have|make|let|get) (?P<a>.+?) (?:call|use|invoke|talk to|hit|query|write to|"
            r"read from|store \w+ in|keep \w+ in) (?P<b>.+?)(?: instead| directly| too)?$"
        ),
        _known_pair,
    ),
    (  # "inventory can just keep its stock in the Postgres"
        _rx(
            r"^(?P<a>.+?) (?:can|should|will|could|must|shall) (?:now |just |also )?(?:keep|store|"
            r"save|put|write|persist) (?:its |their |the )?[\w -]+? (?:straight )?(?:in|into|to) "
            r"(?P<b>.+?)(?: instead| too| as well| directly)?$"
        ),
        _known_pair,
    ),
    (  # "it talks to Stripe instead of the menu api": the call moves
        _rx(
            r"^(?P<a>[\w -]+?) (?:talks to|calls|uses|hits|invokes) (?P<b>[\w .-]+?) instead of "
            r"(?:the |our )?(?P<c>[\w .-]+?)$"
        ),
        take_over,
    ),
    (  # "billing calls Adyen when Stripe is down"
        _rx(r"^(?P<a>[\w -]+?) (?:calls|uses|invokes|queries|hits) (?P<b>[\w .-]+?)$"),
        _known_pair,
    ),
    (  # "the approval svc can just get it over a direct call from picking svc": B calls A
        _rx(
            r"^(?P<b>.+?) (?:can|should|will|could|shall|must) (?:now |just |instead )?(?:get|"
            r"receive|be sent|be told) (?:it|them|that|this|those|the [\w ]+?) (?:over|via|"
            r"through|with|by|in) an? (?:direct |sync(?:hronous)? |rest |http |grpc |plain )*"
            r"(?:call|request|api call) from (?P<a>.+?)(?: directly| instead)?$"
        ),
        _known_pair,
    ),
    (  # "the receipt svc can fetch it from the fare svc": A calls B
        _rx(
            r"^(?P<a>.+?) (?:can|should|will|could|shall|must) (?:now |just |instead )?(?:get|"
            r"fetch|pull|request|ask for|look up|query|read) (?:it|them|that|this|those|the "
            r"[\w ]+?) from (?P<b>.+?)(?:'s api)?(?: directly| instead| on demand)?$"
        ),
        _known_pair,
    ),
    (
        _rx(
            r"^(?P<a>.+?) (?:can|should|will|must|shall|could) (?:now |just |also )?(?:call|talk to|"
            r"use|invoke|hit|query|feed|populate|fill|write to) (?P<b>.+?)(?:'s api)?(?: (?:for|to) [\w ]+?)?(?: itself| directly|"
            r" instead| from now on)?$"
        ),
        _known_pair,
    ),
)


def _extended(draft: Draft, m: re.Match[str]) -> str:
    """ "X should call a new Tax Service to ...": describes more of the system."""
    summary = extend(draft, m.string)
    if not summary:
        raise PlannerError("I did not understand that instruction. " + CAPABILITIES)
    return summary


def known(draft: Draft, phrase: str) -> DComponent | None:
    """A component the phrase names, if any (no error)."""
    return find_component(draft, phrase) or next(iter(named_in(draft, phrase)), None)
