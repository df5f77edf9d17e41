"""Who does what to whom: the subject and objects of one verb, and the events it carries.

The subject is found to the verb's left (or inherited across "and", or the antecedent of
"which"), the objects to its right up to the next clause boundary; passives with "by" swap them.
"""

from __future__ import annotations

from dataclasses import dataclass

from diagrams.core.planners.rule_based.items import (
    ADVERBS,
    BOUNDARY,
    GROUP_PRONOUNS,
    INHERIT,
    PARTICIPLES,
    PASSIVE_AUX,
    PLAIN_EVENT_NOUNS,
    PRONOUNS,
    RELATIVE,
    Item,
    events_in,
)
from diagrams.core.planners.rule_based.lexicon import VERB_CLASSES
from diagrams.core.planners.rule_based.naming import default_event
from diagrams.core.planners.rule_based.relatives import closed_relative
from diagrams.core.planners.rule_based.text import pascal, singular
from diagrams.core.planners.rule_based.words import DESCRIPTIVE, DETERMINERS
from diagrams.core.planners.rule_based.words import STOP as STOP_WORDS


@dataclass
class _Verb:
    """One verb and what surrounds it, for the role rules below."""

    items: list[Item]
    n: int
    stop: int
    previous: list[str]
    group: list[str]
    everyone: list[str]
    within: bool
    left: list[Item]
    before: Item | None
    objects: list[str]

    @property
    def verb(self) -> Item:
        return self.items[self.n]


Roles = tuple[list[str], list[str]]


def _roles(
    items: list[Item],
    floor: int,
    n: int,
    stop: int,
    previous: list[str],
    verb: Item,
    group: list[str],
    everyone: list[str],
    within: bool = True,
) -> Roles:
    """(subjects, objects) of the verb at ``items[n]``."""
    before = _before(items, n)
    relative = before is not None and before.token.low in RELATIVE
    right = _right_segment(items, n + 1, stop, verb, relative)
    objects = [
        it.key
        for j, it in enumerate(right)
        if it.kind == "m" and not _parent_of_next(right, j) and not _negated_object(right, j)
    ]
    ctx = _Verb(items, n, stop, previous, group, everyone, within, items[floor:n], before, objects)
    for rule in (_arrow, _passive, _mention_before, _pronoun_before):
        found = rule(ctx)
        if found is not None:
            return found
    return _from_left(ctx)


def _arrow(ctx: _Verb) -> Roles | None:
    if ctx.verb.lemma != "->":
        return None
    mentions = [it for it in ctx.left if it.kind == "m"]
    start = ctx.items.index(ctx.left[0]) if ctx.left else ctx.n
    after_verb = (
        start > 0 and ctx.items[start - 1].kind == "v" and ctx.items[start - 1].lemma != "->"
    )
    if after_verb and ctx.previous and all(_passive_kind(it) for it in mentions):
        mentions = []  # "job: reads the ledger from Cassandra -> pays vendors": the job goes on
    subject = [it.key for it in mentions][-1:]
    right = ctx.items[ctx.n + 1 : ctx.stop]
    if not ctx.objects and any(it.kind == "e" for it in right):
        # "consumes A, checks the rider (Postgres) -> B / C": the actor, not the store, emits
        actors = [
            it.key
            for it in ctx.left
            if it.kind == "m" and not _passive_kind(it) and not _in_phrase(ctx.items, it)
        ]
        subject = actors[-1:] or ctx.previous[-1:] or subject
    subject = subject or ctx.previous[-1:]
    return subject, ctx.objects if _listed(right) else ctx.objects[:1]


def _passive_kind(item: Item) -> bool:
    """A store, third party or client named in a note: it does not act on its own."""
    return item.mention is not None and item.mention.kind in _NOT_ACTORS


_NOT_ACTORS = frozenset({"database", "cache", "storage", "external", "read_model", "event_store"})


def _listed(right: list[Item]) -> bool:
    """ "-> fulfilment Lambda, analytics Lambda": a plain list of targets after an arrow."""
    seen, glue = 0, False
    for it in right:
        if it.kind == "m":
            seen += 1
        elif it.token.low == "(" or (seen and it.token.low not in _LIST_GLUE):
            break
        elif seen and it.token.low in (",", "and", "&"):
            glue = True
    return seen > 1 and glue


_LIST_GLUE = frozenset({",", "and", "&", "the", "a", "an"})


def _passive(ctx: _Verb) -> Roles | None:
    if not ctx.verb.passive:
        return None
    by = _after_by(ctx.items, ctx.n + 1, ctx.stop)
    cut = max(
        (j + 1 for j, it in enumerate(ctx.left) if _clause_break(ctx.left, j)),
        default=0,
    )
    subj_left = [it.key for it in ctx.left[cut:] if it.kind == "m"][-1:]
    if by and subj_left and ctx.verb.lemma in ("back", "power", "host"):
        return subj_left, by[:1]
    if by and subj_left:
        return by, subj_left
    if by:
        return by, [o for o in ctx.objects if o not in by]
    before = ctx.before
    published = VERB_CLASSES.get(ctx.verb.lemma) == "publish"
    plain = before is not None and before.kind == "w"
    if plain and not subj_left and VERB_CLASSES.get(ctx.verb.lemma) == "write":
        return [], []  # "appointments are kept in MySQL": passives.py finds the owner
    if plain and not subj_left and cut and ctx.left[cut - 1].token.low in _CAUSE:
        return [], []  # "... when an alert is raised": causes.py names the event
    inherited = ctx.previous if (ctx.within or not plain or published) else []
    return subj_left or inherited, [o for o in ctx.objects if o not in by] or by


_CAUSE = frozenset({"when", "whenever", "once", "after", "if", "until"})


def _clause_break(left: list[Item], j: int) -> bool:
    """ "... when", "...;" and ", and" start a new clause (and a new passive subject)."""
    low = left[j].token.low
    return low in _CAUSE or low == ";" or (low == "and" and j > 0 and left[j - 1].token.low == ",")


def _mention_before(ctx: _Verb) -> Roles | None:
    before, items, objects = ctx.before, ctx.items, ctx.objects
    if before is not None and before.kind == "w" and _participle(ctx.verb) and ctx.previous:
        return ctx.previous, objects
    if before is None or before.kind != "m":
        return None
    if _in_phrase(items, before):
        heads = [it for it in ctx.left if it.kind == "m" and not _in_phrase(items, it)]
        if heads:
            return [heads[-1].key], objects  # "the search API in front of that index serves"
    group = _coordinated_group(items, before)
    if _relative_object(items, before, group):
        antecedent = _antecedent(items, items.index(before) - len(group))
        return group, objects or ([antecedent] if antecedent else [])
    return group, objects


def _pronoun_before(ctx: _Verb) -> Roles | None:
    before, items, objects = ctx.before, ctx.items, ctx.objects
    low = before.token.low if before is not None else ""
    closed = closed_relative(items, items.index(before)) if before is not None else None
    if closed:
        return [closed], objects
    if low in RELATIVE:
        k = items.index(before)  # type: ignore[arg-type]
        if _plain_antecedent(items, k):
            return [], objects  # "anything that fails ...": no component does it
        antecedent = _antecedent(items, k)
        return ([antecedent] if antecedent else ctx.previous[-1:]), objects
    if low in ("both", "all", "each"):
        k = items.index(before) - 1  # type: ignore[arg-type]
        if k >= 0 and items[k].kind == "m":
            return _coordinated_group(items, items[k]), objects
        while k >= 0 and items[k].token.low in (",", "and"):
            k -= 1  # "the web app or the iOS app, and both go through Kong"
        if k >= 0 and items[k].kind == "m" and len(_coordinated_group(items, items[k])) > 1:
            return _coordinated_group(items, items[k]), objects
    if low in GROUP_PRONOUNS and ctx.group:
        return ctx.group, objects
    aside = _before_aside(items, items.index(before)) if low in (",", ":") else None  # type: ignore[arg-type]
    if aside is not None:
        return [aside], objects
    if ctx.verb.token.low.endswith("ing"):
        return ctx.previous, objects
    if before is not None and before.lemma == "collective":
        k = items.index(before)
        paired = k and items[k - 1].token.low in ("both", "two") and len(ctx.group) == 2
        return (ctx.group if paired else ctx.everyone), objects
    if before is None or low in INHERIT or low in PRONOUNS:
        first = [it.key for it in items[: ctx.n] if it.kind == "m"][:1]
        return ctx.previous or _from_client(items[ctx.n + 1 : ctx.stop]) or first, objects
    return None


def _from_left(ctx: _Verb) -> Roles:
    """The nearest mention to the left in this clause (a plain noun subject inherits nothing)."""
    before = ctx.before
    plain = before is not None and before.kind == "w" and before.token.low not in PRONOUNS
    mentions: list[Item] = []
    elaborated: list[Item] = []  # "incident svc is event-sourced: A, B appended to X": it
    fresh_noun = False  # ", and every recorded wash goes out ...": a new subject, no component
    for k, it in enumerate(ctx.left):
        if it.token.low in (";", ":", "\u2014", "\u2013"):
            elaborated = mentions if it.token.low == ":" else []
            mentions = []
        elif it.kind == "m":
            mentions.append(it)
            fresh_noun = False
        elif it.token.low in _NEW_SUBJECT and k and ctx.left[k - 1].token.low == "and":
            fresh_noun = True
    if not mentions and elaborated and _events_before(ctx):
        return [elaborated[-1].key], ctx.objects
    if mentions and plain and fresh_noun and ctx.previous:
        return ctx.previous[-1:], ctx.objects
    if mentions and plain and _opens_clause(ctx.left, mentions[-1]):
        return [], ctx.objects  # "... through Stripe when a club cancels": the club cancels
    heads = [m for m in mentions if not _in_phrase(ctx.items, m)]
    if heads and heads[-1] is not mentions[-1]:
        mentions = heads  # "the Search API in front of that index serves ...": the API
    if mentions and plain:
        return _coordinated_group(ctx.items, mentions[-1]), ctx.objects
    subject = [m.key for m in mentions[-1:]] or _from_client(ctx.items[ctx.n + 1 : ctx.stop])
    return (subject or ([] if plain else ctx.previous[-1:])), ctx.objects


_NEW_SUBJECT = frozenset({"every", "each", "all", "any"})
_PREPOSITIONS = frozenset(
    {"of", "in", "on", "at", "behind", "for", "with", "from", "inside", "within", "near"}
)


_VIA = frozenset({"to", "through", "via", "into", "by", "over", "using"})


def _before_aside(items: list[Item], comma: int) -> str | None:
    """ "The Scoring Service, on Cloud Run, subscribes", "headcount projector = separate
    consumer on the same stream, maintains": the mention before a verbless aside."""
    for k in range(comma - 1, max(comma - 10, -1), -1):
        it = items[k]
        if it.kind == "v" or it.token.low in (";", ":", "and"):
            return None
        if it.token.low == ",":
            before = items[k - 1]
            return before.key if before.kind == "m" and k - 1 < comma - 2 else None
        if k == 0:
            return it.key if it.kind == "m" and comma > 1 else None
    return None


def _negated_object(right: list[Item], j: int) -> bool:
    """ "answered from Redis, never from Spanner": an object the clause rules out."""
    for it in reversed(right[max(0, j - 3) : j]):
        low = it.token.low
        if low in ("never", "not"):
            return True
        if low not in _PREPOSITIONS | _VIA | DETERMINERS:
            return False
    return False


def _plain_antecedent(items: list[Item], k: int) -> bool:
    """Whether the relative at ``k`` follows a noun phrase that opens its clause and names no
    component: "Anything that fails", "; messages that expire" (not "an app on the floor that")."""
    if not k or not _plain_word(items[k - 1]):
        return False
    j = k - 1
    while j >= 0 and (_plain_word(items[j]) or items[j].token.low in DETERMINERS):
        j -= 1
    return j < 0 or items[j].token.low in _CLAUSE_OPENERS


_CLAUSE_OPENERS = frozenset({",", ";", ":", "and", "but", "("}) | _CAUSE


def _plain_word(item: Item) -> bool:
    """A noun or pronoun that is no component: "anything", "messages", "a club"."""
    low = item.token.low
    return item.kind == "w" and item.token.is_word and low not in STOP_WORDS | _CONJUNCTIONS


_CONJUNCTIONS = frozenset({"such", "now", "sure", "given", "except", "means", "ensure"})


def _opens_clause(left: list[Item], last: Item) -> bool:
    """Whether a clause opener ("when", "if", ...) stands between ``last`` and the verb."""
    after = left[left.index(last) + 1 :]
    return any(it.token.low in _CAUSE for it in after)


def _events_before(ctx: _Verb) -> bool:
    return bool(ctx.before is not None and ctx.before.kind == "e")


def _in_phrase(items: list[Item], m: Item) -> bool:
    """Whether mention ``m`` sits in a prepositional phrase ("in front of that index")."""
    k = items.index(m) - 1
    while k >= 0 and items[k].token.low in ("the", "a", "an", "that", "this", "its", "our"):
        k -= 1
    return k >= 0 and items[k].token.low in _PREPOSITIONS


def _participle(verb: Item) -> bool:
    """ "profiles held in a Redis cache": a participle after a noun, with no auxiliary."""
    low = verb.token.low
    return low != verb.lemma and (low.endswith("ed") or low in PARTICIPLES or low == "held")


def _new_clause(items: list[Item], j: int) -> bool:
    """ "..., and the billing service consumes it": a subject and its verb start a clause."""
    while j < len(items) and items[j].token.low in ("the", "a", "an", "and", "our", "then"):
        j += 1
    return (
        j + 1 < len(items)
        and items[j].kind == "m"
        and (
            items[j + 1].kind == "v"
            or (
                items[j + 1].token.low in ADVERBS
                and j + 2 < len(items)
                and items[j + 2].kind == "v"
            )
        )
    )


def _parent_of_next(right: list[Item], j: int) -> bool:
    """ "to the Kafka topic card-transactions": the object is the topic, not Kafka."""
    nxt = right[j + 1] if j + 1 < len(right) else None
    if nxt is not None and nxt.token.low == "," and j + 2 < len(right):
        named = right[j + 2]  # "to Redis Streams, stream wallet-events": that stream of it
        broker = right[j].mention
        return bool(
            named.kind == "m"
            and named.mention
            and named.mention.kind in ("topic", "queue")
            and not named.mention.technology
            and broker is not None
            and broker.kind == "broker"
        )
    return bool(nxt and nxt.kind == "m" and nxt.mention and nxt.mention.parent)


def _from_client(right: list[Item]) -> list[str]:
    """ "users upload photos from the web app": the client is the actor."""
    for j, it in enumerate(right[:-1]):
        nxt = right[j + 1]
        if (
            it.token.low == "from"
            and nxt.kind == "m"
            and nxt.mention
            and nxt.mention.kind == "client"
        ):
            return [nxt.key]
    return []


def _before(items: list[Item], n: int) -> Item | None:
    j = n - 1
    while j >= 0 and (items[j].token.low in ADVERBS or items[j].token.low in PASSIVE_AUX):
        j -= 1
    return items[j] if j >= 0 else None


def _coordinated_group(items: list[Item], last: Item) -> list[str]:
    """``the accounts service, the cards service and the transactions service`` as subjects."""
    group = [last.key]
    j = items.index(last) - 1
    while j >= 1 and items[j].token.low in (",", "and", "or", "the", "a", "an"):
        j -= 1
        if items[j].kind == "m" and items[j + 1].token.low in (",", "and", "or", "the", "a", "an"):
            if _clause_object(items, j):
                break  # "maintains a read model in Redis, and the query API shall serve ..."
            group.insert(0, items[j].key)
            j -= 1
        elif items[j].kind != "p" and items[j].token.low not in ("and", "or", "the"):
            break
    if len(group) > 1:
        last_gap = items[max(0, items.index(last) - 3) : items.index(last)]
        if not any(it.token.low in ("and", "or", "&") for it in last_gap):
            return group[-1:]
    return group


def _clause_object(items: list[Item], j: int) -> bool:
    """Whether the mention at ``j`` is the object of a verb and ", and" follows it."""
    after = [it.token.low for it in items[j + 1 : j + 3]]
    if after != [",", "and"]:
        return False
    k = j - 1
    while k >= 0 and items[k].kind == "w" and items[k].token.low not in _PREPOSITIONS | _VIA:
        k -= 1
    return k >= 0 and (items[k].kind == "v" or items[k].token.low in _PREPOSITIONS | _VIA)


def _relative_object(items: list[Item], subject: Item, group: list[str]) -> bool:
    j = items.index(subject) - len(group)
    while j >= 0 and items[j].kind != "m" and items[j].token.low in ("the", "a", "an", ",", "and"):
        j -= 1
    return j >= 0 and items[j].token.low in ("that", "which")


def _antecedent(items: list[Item], j: int) -> str | None:
    found = [k for k in range(j) if items[k].kind == "m"]
    if not found:
        return None
    last = found[-1]
    if len(found) > 1 and _located(items, found[-2], last):
        return items[found[-2]].key  # "the Order Router on the in-store server, which ..."
    return items[last].key


def _located(items: list[Item], k: int, last: int) -> bool:
    """Whether only "on/in/at the" stands between mention ``k`` and the ``last`` one."""
    between = [it.token.low for it in items[k + 1 : last]]
    return (
        bool(between)
        and between[0] in ("on", "in", "at", "inside")
        and all(w in ("on", "in", "at", "inside", "the", "a", "an", "our", "its") for w in between)
    )


def _after_by(items: list[Item], start: int, stop: int) -> list[str]:
    for j in range(start, min(stop, len(items))):
        low = items[j].token.low
        if low in (";", ":") or (
            low == "," and j + 1 < len(items) and items[j + 1].token.low == "and"
        ):
            return []  # ", and the balance shall be derived by replaying ...": another clause
        if low == "by":
            found = [it for it in items[j + 1 : stop] if it.kind == "m"]
            if not found:
                return []
            group = _coordinated_group(items, found[-1]) if len(found) > 1 else []
            return group if found[0].key in group else [found[0].key]
    return []


def _right_segment(
    items: list[Item], start: int, stop: int, verb: Item, relative: bool = False
) -> list[Item]:
    out: list[Item] = []
    skip_next, skip_at = False, start
    closed: Item | None = None
    for j in range(start, stop):
        it = items[j]
        low = it.token.low
        if _opens_aside(out) and out[-1] is not closed:
            closed = out[-1] if low == ")" else None
            continue  # "calls the profile service (Go, Postgres)": what it uses, not an object
        if (low == "," and relative) or (low in ("and", ",") and _new_clause(items, j + 1)):
            break
        if low == ":" and not any(x.kind == "m" for x in out):
            continue
        if (
            low in BOUNDARY
            or (low == "(" and any(x.kind == "m" for x in out))
            or (low in RELATIVE and j > start and _relative(items, j, stop))
        ):
            break
        if low == "," and j + 1 < stop and items[j + 1].token.low in RELATIVE:
            break
        if low == "," and out and out[-1].token.low in ("it", "them", "that", "those", "both"):
            break  # "subscribes to it, holds a vehicle": the pronoun was the object
        if low in ("for", "via", "through", "using", "with", "behind", "like", "from") and (
            verb.lemma != "->"
        ):
            skip_next = low != "from" or VERB_CLASSES.get(verb.lemma) not in ("subscribe", "read")
            skip_at = j
            continue
        if skip_next and (
            it.kind == "m"
            or low in (":", ",", ";", "to", "into", "in", "on", "onto")
            or j - skip_at > 3
        ):
            skip_next = False
            if it.kind == "m" and j - skip_at <= 3:
                continue
        out.append(it)
    return out


def _opens_aside(out: list[Item]) -> bool:
    last = out[-1].mention if out and out[-1].kind == "m" else None
    return last is not None and last.open_aside


def _relative(items: list[Item], j: int, stop: int) -> bool:
    """ "that" starts a clause when a verb follows (not "that queue")."""
    if items[j].token.low != "that":
        return True
    nxt = [it for it in items[j + 1 : j + 5] if it.token.low not in ("the", "a", "an", "our")]
    return bool(nxt) and (nxt[0].kind == "v" or (len(nxt) > 1 and nxt[1].kind == "v"))


def _events_near(items: list[Item], n: int, stop: int) -> list[str]:
    names = events_in(items[n + 1 : stop])
    if names:
        return names
    phrase = phrase_event(items[n + 1 : stop])
    if phrase:
        return [phrase]
    if not items[n].passive and items[n].lemma != "->":
        return []
    j = n - 1
    skip = {"and", "or", "is", "are", "was", "were", "be", "been", "the", "an", "a"}
    while j >= 0 and (
        items[j].kind in ("e", "p")
        or items[j].token.low in skip
        or items[j].token.low in PLAIN_EVENT_NOUNS
    ):
        j -= 1
    named = events_in(items[j + 1 : n])
    if named or not items[n].passive:
        return named
    phrase = phrase_event(items[max(0, n - 5) : n])
    return [phrase] if phrase else []


def phrase_event(items: list[Item]) -> str:
    """``payment events``, ``location updates``, ``order placed events`` -> an event name."""
    for j, it in enumerate(items):
        low = it.token.low
        if low not in PLAIN_EVENT_NOUNS or it.kind == "m":
            continue
        words: list[str] = []
        k = j - 1
        while (
            k >= 0
            and len(words) < 2
            and items[k].kind in ("w", "v")
            and items[k].token.low not in STOP_WORDS
            and items[k].token.low not in DESCRIPTIVE
        ):
            words.insert(0, items[k].token.low)
            k -= 1
        return phrase_name(words, low)
    return ""


_TO_PEOPLE = frozenset({"push", "email", "sms", "text", "in-app", "mobile", "slack", "whatsapp"})


def phrase_name(words: list[str], noun: str) -> str:
    """The event a phrase like ``<words> <noun>`` names ("" if it names none)."""
    if not words or (noun.startswith(("notification", "message")) and words[-1] in _TO_PEOPLE):
        return ""
    if noun.startswith(("update", "change")):
        return pascal([*words, "Updated" if noun.startswith("update") else "Changed"])
    if noun.startswith(("command",)):
        return pascal(words)
    if words[-1].endswith("ed") or words[-1] in PARTICIPLES:
        return pascal(words) if len(words) > 1 else ""
    if noun.startswith(("reading", "ping", "report")):
        return pascal([*words, noun.rstrip("s"), "Received"])
    return default_event(tuple(singular(w) for w in words))
