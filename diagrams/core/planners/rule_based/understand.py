"""Description -> Draft: the planning pipeline of the offline planner.

sentences -> mentions (registry) -> facts (clauses, causes) -> wiring -> components, flows and
events -> patterns -> boundaries and title.
"""

from __future__ import annotations

import re
from itertools import pairwise

from diagrams.core.planners.rule_based.causes import apply_causes
from diagrams.core.planners.rule_based.clauses import (
    Fact,
    Item,
    Sentence,
    clause_facts,
    parse_sentence,
)
from diagrams.core.planners.rule_based.detect import apply_patterns, autowire
from diagrams.core.planners.rule_based.draft import Draft
from diagrams.core.planners.rule_based.events import EventBuilder
from diagrams.core.planners.rule_based.lexicon import VERB_LEMMA
from diagrams.core.planners.rule_based.passives import floating_stores, passive_stores
from diagrams.core.planners.rule_based.pronouns import object_pronouns, referent
from diagrams.core.planners.rule_based.registry import MESSAGING, Registry
from diagrams.core.planners.rule_based.sentence_facts import (
    adjacent_facts,
    chained_reactions,
    co_reactions,
    implicit_sources,
    in_which_case,
    listed_subscribers,
    listens_for_more,
    purpose,
    topic_stores,
)
from diagrams.core.planners.rule_based.text import split_sentences, title_word
from diagrams.core.planners.rule_based.wiring import STORES, Wiring, interpret
from diagrams.core.planners.rule_based.words import DESCRIPTIVE, DETERMINERS

# The text says the system has no messaging: "no queues or brokers anywhere", "we've never
# needed a queue", "shall not use a message broker", "everything is request/response".
SYNCHRONOUS = re.compile(
    r"\b(?:no|never|without|not use|not need)\b[^.;]{0,40}\b(?:queues?|brokers?|message bus|"
    r"event bus|messaging|events)\b|\b(?:all|everything|every call)\b[^.;]{0,40}\b(?:is|are|"
    r"shall be|stays?)\b[^.;]{0,25}\b(?:synchronous|request/response|request-response)\b",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"(?:design|build|create|model|draw|sketch|diagram|architect|building|need|want|run|is|"
    r"our|for the|for our)\s+(?:an?\s+|the\s+|our\s+)?((?:[\w/-]+\s+){0,4}?)"
    r"(system|platform|app|application|backend|architecture|pipeline|solution|marketplace|"
    r"shop|store|service)\b",
    re.IGNORECASE,
)
_BOUNDARY_NOUNS = r"(?:bounded context|context|domain|boundary|team|subsystem|zone|area|side|vpc)"
_GROUP_AFTER = re.compile(
    r"\b(?:belong to|are part of|live in|sit in|are in|form|make up|are grouped (?:in|into))"
    r"\s+(?:the|a|an|our)?\s*([\w-]+(?:\s[\w-]+)?)\s+" + _BOUNDARY_NOUNS,
    re.IGNORECASE,
)
_GROUP_BEFORE = re.compile(
    r"^(?:the\s+)?([\w-]+(?:\s[\w-]+)?)\s+"
    + _BOUNDARY_NOUNS
    + r"\s*(?::|contains|includes|owns|has|groups|consists of|covers)",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^([A-Za-z][\w /&-]{1,40}):$")
_QUANTIFIERS = frozenset({"both", "all", "each", "also", "then", "now", "still", "too"})
_ORCHESTRATOR_WORDS = frozenset(
    {"workflow", "orchestrator", "saga", "process", "coordinator", "execution"}
)
_CLAUSE_START = frozenset({"and", "then", "but", "so", "when", "once", "after", "while", "if"})
_STARTS = frozenset({"start", "trigger", "kick", "launch", "begin", "invoke", "run"})
_DISTRIBUTIVE = re.compile(r"\b(?:own|each|both|every|respective|per)\b", re.IGNORECASE)


def understand(prompt: str) -> Draft:
    """The draft graph a description implies."""
    sentences = split_sentences(prompt)
    registry = Registry()
    parsed = [parse_sentence(i, s, registry) for i, s in enumerate(sentences)]
    _drop_title_mention(parsed, registry)
    _bare_references(parsed, registry)
    facts = _facts(parsed, registry)
    facts += implicit_sources(parsed, facts, registry)
    wiring = interpret(facts, registry)
    synchronous = bool(SYNCHRONOUS.search(" ".join(sentences)))
    if not synchronous:  # "all interactions are request/response": no event is implied
        apply_causes(parsed, facts, registry, wiring)
    passive_stores(parsed, facts, registry, wiring)
    floating_stores(parsed, facts, registry, wiring)
    co_reactions(facts, registry, wiring)
    chained_reactions(facts, registry, wiring)
    draft = Draft(title=title_of(sentences, registry))
    ids = _components(draft, registry)
    for source, target, kind, label in wiring.sync:
        draft.add_flow(ids[source], ids[target], kind, label=label)
    _own_stores(parsed, facts, registry, draft, ids)
    builder = EventBuilder(draft, registry, ids, sentences, synchronous=synchronous)
    builder.build(wiring)
    _command_takers(draft, facts, registry, ids)
    _duties(draft, wiring, ids)
    text = " ".join(sentences).lower()
    apply_patterns(draft, text, parsed, registry, ids, wiring)
    autowire(draft, text)
    _boundaries(draft, parsed, ids)
    return draft


def _both(sentence: Sentence) -> bool:
    """ "both svcs", "the two services": a pair named earlier, not every service."""
    items = sentence.items
    return any(
        it.token.low in ("both", "two") and nxt.kind == "w" and nxt.lemma == "collective"
        for it, nxt in pairwise(items)
    )


def _facts(parsed: list[Sentence], registry: Registry) -> list[Fact]:
    facts: list[Fact] = []
    carried: str | None = None
    group: list[str] = []
    recent: list[str] = []
    pair: list[str] = []  # the last two components that acted: "both svcs publish ..."
    for sentence in parsed:
        found = clause_facts(sentence, registry, carried, pair if _both(sentence) else group)
        object_pronouns(found, sentence, registry, recent)
        recent += [it.key for it in sentence.items if it.kind == "m"]
        objects = [f.target for f in found if f.target and f.verb not in ("for", "via")]
        if len(set(objects)) >= 2:
            group = list(dict.fromkeys(o for o in objects if o))
        actors = [
            f.source
            for f in found
            if f.verb not in ("for", "via", "arrow")
            and registry.kind(f.source) in ("service", "function")
        ]
        if len(set(actors)) >= 2:
            group = list(dict.fromkeys(actors))
        for actor in dict.fromkeys(actors):
            pair = [*[p for p in pair if p != actor], actor][-2:]
        named = list(dict.fromkeys(it.key for it in sentence.items if it.kind == "m"))
        if not found and len(named) >= 2:
            group = named  # "Users sign in via the web portal or the app. Both call ..."
        carried = referent(found, registry) or carried
        found += adjacent_facts(sentence, registry)
        channels = [k for k in recent if registry.kind(k) in MESSAGING]
        found += listed_subscribers(sentence, registry, channels[-1] if channels else None)
        found += purpose(sentence, found) + topic_stores(sentence, registry)
        found += in_which_case(sentence, registry) + listens_for_more(sentence, found)
        facts += found
    return facts


_TITLE_HEADS = ("Backend", "System", "Platform", "App", "Application", "Architecture", "Shop")


def _channel_slot(items: list[Item], j: int) -> bool:
    """Where a bare word can be a topic's name: "writes to orders", "reads payments."."""
    prev = items[j - 1] if j else None
    nxt = items[j + 1].token.low if j + 1 < len(items) else ""
    if prev is not None and prev.token.low in ("to", "from", "on", "into", "onto"):
        return True
    return prev is not None and prev.kind == "v" and nxt in ("", ";", ",", "and")


def _is_channel_name(registry: Registry, word: str) -> bool:
    key = registry.by_name(word)
    return key is not None and registry.kind(key) in ("topic", "queue")


_SYSTEM_VERBS = frozenset({"run", "use", "be", "sit", "live", "build", "rely", "need"})
_WE_RUN = frozenset({"run", "operate", "build", "are", "own", "have"})


def _drop_title_mention(parsed: list[Sentence], registry: Registry) -> None:
    """ "Our ride-hailing backend: riders ...", "Our delivery backend runs on Kafka": the system
    being described, not a component."""
    items = parsed[0].items if parsed else []
    j = _title_position(items)
    if j is None:
        return
    key = items[j].key
    if registry.comps[key].name.endswith(_TITLE_HEADS) and not any(
        it.key == key for s in parsed for it in s.items if it is not items[j]
    ):
        items[j].kind = "w"
        registry.forget(key)


def _title_position(items: list[Item]) -> int | None:
    """Where the first sentence names the system: its subject before a colon or a system verb
    ("Our delivery backend runs on Kafka"), or the object of "we run/build" ("We run a small
    web shop")."""
    j = 0
    while j < len(items) and items[j].token.low in ("our", "the", "a", "an", "my"):
        j += 1
    if j + 1 >= len(items):
        return None
    if items[j].token.low == "we":
        if items[j + 1].token.low not in _WE_RUN:
            return None
        k = j + 2
        while k < len(items) and items[k].kind == "w" and items[k].token.low not in (",", ";"):
            k += 1
        return k if k < len(items) and items[k].kind == "m" else None
    nxt = items[j + 1]
    if items[j].kind != "m":
        return None
    if nxt.token.low != ":" and not (nxt.kind == "v" and nxt.lemma in _SYSTEM_VERBS):
        return None
    return j


def _bare_references(parsed: list[Sentence], registry: Registry) -> None:
    """ "checkout drops a message": a bare word naming a known component, before a verb."""
    for sentence in parsed:
        items = sentence.items
        for j, it in enumerate(items):
            if it.kind == "e":
                key = registry.by_name(it.token.text) or _workflow(it.token.text, registry)
                if key:
                    it.kind, it.key = "m", key
                continue
            if it.kind == "w" and (
                re.search(r"[-._]", it.token.text)
                or (_is_channel_name(registry, it.token.text) and _channel_slot(items, j))
            ):
                key = registry.by_name(it.token.text)
                if key:
                    it.kind, it.key = "m", key
                    continue
            if it.kind == "w" and it.token.low in _ORCHESTRATOR_WORDS:
                key = _the_orchestrator(items, j, registry)
                if key:
                    it.kind, it.key = "m", key
                continue
            verb_like = it.kind == "v" and it.lemma != "->"  # "-> orders cancels the preorder"
            if not (it.kind == "w" or verb_like) or (j and items[j - 1].token.low in DETERMINERS):
                continue
            if j + 1 >= len(items):
                continue
            nxt = items[j + 1]
            key = registry.by_word(it.token.low)
            after = [x for x in items[j + 1 : j + 4] if x.token.low not in _QUANTIFIERS]
            finite = after and after[0].kind == "v" and not after[0].token.low.endswith("ing")
            starts = not j or items[j - 1].kind == "p" or items[j - 1].token.low in _CLAUSE_START
            starts = starts or items[j - 1].token.low == "->"
            if verb_like and not (finite and items[j - 1].token.low in ("->", ";")):
                continue
            if key and starts and (finite or nxt.token.low in ("also", "then")):
                it.kind, it.key = "m", key


def _command_takers(
    draft: Draft, facts: list[Fact], registry: Registry, ids: dict[str, str]
) -> None:
    """A command sent with no one named to take it: the next service that acts takes it."""
    for event in draft.events.values():
        if event.kind != "command" or event.consumers:
            continue
        sent = [f.sentence for f in facts if event.name in f.events]
        later = [
            f.source
            for f in facts
            if sent
            and f.sentence > min(sent)
            and registry.kind(f.source) in ("service", "function")
            and ids[f.source] != event.producer
        ]
        if later:
            event.consumers.append(ids[later[0]])
            draft.route_event(event)


def _the_orchestrator(items: list[Item], j: int, registry: Registry) -> str | None:
    """ "the workflow calls X", "starts an execution": the one orchestrator there is."""
    found = [k for k, c in registry.comps.items() if c.kind == "orchestrator"]
    near = {x.token.low for x in items[max(0, j - 2) : j]}
    started = any(x.kind == "v" and x.lemma in _STARTS for x in items[max(0, j - 3) : j])
    after_arrow = j > 0 and items[j - 1].token.low in ("->", ":", ";")
    if len(found) == 1 and (j == 0 or {"the", "this", "our"} & near or started or after_arrow):
        return found[0]
    return None


def _workflow(name: str, registry: Registry) -> str | None:
    """ "starts a LoanWorkflow": the workflow runs on the one orchestrator there is."""
    if not name.endswith(("Workflow", "Saga", "StateMachine", "Process", "Orchestration")):
        return None
    found = [k for k, c in registry.comps.items() if c.kind == "orchestrator"]
    return found[0] if len(found) == 1 else None


def _components(draft: Draft, registry: Registry) -> dict[str, str]:
    ids: dict[str, str] = {}
    for key, comp in registry.comps.items():
        ids[key] = draft.add_component(comp.name, comp.kind, technology=comp.technology).id
    return ids


def _own_stores(
    parsed: list[Sentence],
    facts: list[Fact],
    registry: Registry,
    draft: Draft,
    ids: dict[str, str],
) -> None:
    """ "each service has its own Postgres database": one store per owner."""
    for sentence in parsed:
        if not _DISTRIBUTIVE.search(sentence.text):
            continue
        stores = {
            it.key: it
            for it in sentence.items
            if it.kind == "m"
            and it.mention
            and it.mention.generic
            and registry.kind(it.key) in STORES
        }
        for key, item in stores.items():
            owners = list(
                dict.fromkeys(
                    f.source
                    for f in facts
                    if f.sentence == sentence.index
                    and f.target == key
                    and registry.kind(f.source) in ("service", "function")
                )
            )
            if len(owners) >= 2 or (owners and item.mention and item.mention.own):
                _split_store(draft, ids[key], [ids[o] for o in owners])


def _split_store(draft: Draft, store_id: str, owners: list[str]) -> None:
    store = draft.components.get(store_id)
    if store is None or not owners:
        return
    for owner in owners:
        name = (
            " ".join(
                w
                for w in draft.components[owner].name.split()
                if w.lower() not in ("service", "api", "svc")
            )
            + " DB"
        )
        made = draft.add_component(name, store.kind, technology=store.technology)
        draft.add_flow(owner, made.id, "write")
    draft.remove_component(store_id)


def _duties(draft: Draft, wiring: Wiring, ids: dict[str, str]) -> None:
    for key, duties in wiring.duties.items():
        component = draft.components.get(ids[key])
        if component:
            for duty in duties[:5]:
                if duty not in component.responsibilities:
                    component.responsibilities.append(duty[:200])


def title_of(sentences: list[str], registry: Registry) -> str:
    """A short title: the system the first sentence names, else the first note line."""
    for sentence in sentences[:2]:
        match = _TITLE.search(sentence)
        if match:
            words = [
                w
                for w in match.group(1).split()
                if w.lower() not in DESCRIPTIVE
                and w.lower() not in ("event-driven", "simple", "an", "a", "the")
            ]
            head = match.group(2).lower()
            if words or head not in ("system", "service", "app"):
                return " ".join(title_word(w) for w in [*words, head])[:80]
    first = sentences[0] if sentences else ""
    if (
        first
        and len(first.split()) <= 7
        and not re.search(r"->|[:;(]", first)
        and not any(w.lower() in VERB_LEMMA for w in first.split())
    ):
        return first.rstrip(".:")[:80]
    comps = list(registry.comps.values())
    names = [c.name for c in comps if c.kind == "service"][:3] or [c.name for c in comps][:3]
    return (", ".join(names) + " architecture")[:80] if names else "Architecture"


def _boundaries(draft: Draft, parsed: list[Sentence], ids: dict[str, str]) -> None:
    """ "X and Y belong to the Payments context", "Payments context: X, Y", or a heading line
    ("Payments:" / "## Payments") over the lines that follow it."""
    section = ""
    for sentence in parsed:
        members = [ids[it.key] for it in sentence.items if it.kind == "m" and it.key in ids]
        heading = _SECTION.match(sentence.text)
        if heading and not members:
            section = heading.group(1)
            continue
        match = _GROUP_AFTER.search(sentence.text) or _GROUP_BEFORE.search(sentence.text)
        if match:
            _group(draft, match.group(1), members)
        elif section:
            shared = ("broker", "external", "topic")
            _group(draft, section, [m for m in members if draft.components[m].kind not in shared])


def _group(draft: Draft, label: str, members: list[str]) -> None:
    name = " ".join(title_word(w) for w in label.split())[:80]
    bid = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "boundary"
    draft.boundaries.setdefault(bid, (name, ""))
    for member in members:
        if member in draft.components and draft.components[member].boundary is None:
            draft.components[member].boundary = bid
