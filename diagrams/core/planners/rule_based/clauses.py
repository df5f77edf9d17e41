"""Sentence parsing: who does what to whom, as facts about components.

Each sentence becomes a row of items (component mentions, verbs, event names, words). For each
verb the subject is found to its left (or inherited across "and", or the antecedent of
"which"), the objects to its right up to the next clause boundary; passives swap the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diagrams.core.planners.rule_based.lexicon import VERB_CLASSES, VERB_LEMMA
from diagrams.core.planners.rule_based.mentions import EVENT_TOKEN, Mention, find_mentions
from diagrams.core.planners.rule_based.naming import default_event, normalise_event_name
from diagrams.core.planners.rule_based.registry import Registry
from diagrams.core.planners.rule_based.tech import TECH_INDEX
from diagrams.core.planners.rule_based.text import Token, pascal, singular, tokenize
from diagrams.core.planners.rule_based.words import DESCRIPTIVE
from diagrams.core.planners.rule_based.words import STOP as STOP_WORDS

PARTICIPLES = frozenset({"sent", "paid", "built", "written", "made", "sold", "held", "done"})

BOUNDARY = frozenset(
    {
        ";",
        "when",
        "whenever",
        "once",
        "if",
        "while",
        "because",
        "so",
        "before",
        "after",
        "unless",
        "where",
        "whereas",
        "but",
        ":",
        "—",
        "–",
    }
)
RELATIVE = frozenset({"which", "who", "that"})
INHERIT = frozenset({"and", ",", "then", "or", "but", ";", "also", "(", "—", "–", ":"})
ADVERBS = frozenset(
    {
        "also",
        "then",
        "only",
        "first",
        "finally",
        "later",
        "immediately",
        "directly",
        "still",
        "now",
        "just",
        "never",
        "always",
        "periodically",
        "automatically",
        "asynchronously",
        "synchronously",
        "eventually",
        "each",
        "simply",
        "actually",
        "will",
        "shall",
        "must",
        "should",
        "can",
        "may",
        "to",
        "not",
        "no",
        "longer",
        "straight",
        "afterwards",
        "next",
        "usually",
    }
)
PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
PRONOUNS = frozenset({"it", "they", "them", "those", "these", "both", "each", "this"})
GROUP_PRONOUNS = frozenset({"they", "those", "these", "both", "each", "all", "them"})
PLAIN_EVENT_NOUNS = frozenset(
    {
        "event",
        "events",
        "message",
        "messages",
        "notification",
        "notifications",
        "update",
        "updates",
        "change",
        "changes",
        "command",
        "commands",
        "alert",
        "alerts",
        "reading",
        "readings",
        "ping",
        "pings",
        "job",
        "jobs",
        "report",
        "reports",
    }
)


@dataclass
class Item:
    kind: str  # m: mention, v: verb, e: event name, w: word, p: punctuation
    index: int
    token: Token
    key: str = ""
    lemma: str = ""
    passive: bool = False
    mention: Mention | None = None


@dataclass
class Fact:
    """One relation stated by the text. ``verb`` is the verb class (or "arrow", "via"...)."""

    verb: str
    source: str
    target: str | None
    events: list[str] = field(default_factory=list)
    lemma: str = ""
    sentence: int = 0
    text: str = ""
    command: bool = False
    pos: int = 0


@dataclass
class Sentence:
    index: int
    text: str
    tokens: list[Token]
    items: list[Item]


def parse_sentence(index: int, text: str, registry: Registry) -> Sentence:
    """Tokens, mentions (registered in ``registry``) and verbs of one sentence."""
    tokens = tokenize(text)
    mentions = find_mentions(tokens)
    items: list[Item] = []
    at = {m.start: m for m in mentions}
    i = 0
    while i < len(tokens):
        m = at.get(i)
        if m is not None and m.end > i:
            key = registry.resolve(m)
            if key:
                items.append(Item("m", i, tokens[i], key=key, mention=m))
            else:
                items.append(Item("w", i, tokens[i], lemma="collective" if m.collective else ""))
            i = m.end
            continue
        item = _classify(tokens, i, items)
        if item.token.low in ("subscription", "subscriptions") and _last_verb(items, "have"):
            _last_verb(items, "have").lemma = "subscribe"  # type: ignore[union-attr]
        items.append(item)
        i += 1
    return Sentence(index, text, tokens, items)


def _last_verb(items: list[Item], lemma: str) -> Item | None:
    """The verb a few items back, if it is ``lemma`` ("have a subscription on ...")."""
    for it in reversed(items[-3:]):
        if it.kind == "v":
            return it if it.lemma == lemma else None
    return None


def _classify(tokens: list[Token], i: int, items: list[Item]) -> Item:
    token = tokens[i]
    if token.low == "->":
        return Item("v", i, token, lemma="->")
    if EVENT_TOKEN.match(token.text) and (token.low,) not in TECH_INDEX:
        return Item("e", i, token, key=normalise_event_name(token.text))
    lemma = VERB_LEMMA.get(token.low) or _ambiguous(tokens, i, items)
    if lemma and _verb_position(tokens, i, items):
        prev = tokens[i - 1].low if i else ""
        passive = prev in PASSIVE_AUX and token.low.endswith(("ed", "en", "t"))
        passive = passive or (token.low.endswith("ed") and _by_follows(tokens, i))
        return Item("v", i, token, lemma=lemma, passive=passive)
    kind = "w" if token.is_word else "p"
    return Item(kind, i, token)


AMBIGUOUS = {"update": "update", "updates": "update", "push": "push", "record": "record", "records": "record", "logs": "log",
             "streams": "stream", "pushes": "push", "reports": "report", "orders": "order",
             "returns": "return", "checks": "check", "tracks": "track", "syncs": "sync",
             "queries": "query", "indexes": "index", "caches": "cache", "scores": "score",
             "maps": "map", "prices": "price", "quotes": "quote", "sends": "send",
             "hits": "hit", "matches": "match", "alerts": "alert", "flags": "flag",
             "texts": "text", "emails": "email", "pages": "page", "feeds": "feed"}
_VERB_CONTEXT = frozenset({",", "and", "then", "also", "to", "it", "which", "that", "who",
                           "shall", "will", "should", "must", "can", "may", "they", "also"})


def _ambiguous(tokens: list[Token], i: int, items: list[Item]) -> str | None:
    """Words like "updates" are verbs after a subject or "and", nouns elsewhere."""
    lemma = AMBIGUOUS.get(tokens[i].low)
    prev = tokens[i - 1].low if i else ""
    after_subject = bool(items) and items[-1].kind == "m"
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if nxt in PLAIN_EVENT_NOUNS and nxt not in ("update", "updates", "change", "changes"):
        return None
    return lemma if lemma and (prev in _VERB_CONTEXT or after_subject or not i) else None


def _verb_position(tokens: list[Token], i: int, items: list[Item]) -> bool:
    """Rule out nouns that look like verbs: "the order", "a push notification"."""
    prev = tokens[i - 1].low if i else ""
    if prev in ("a", "an", "the", "its", "their", "our", "this"):
        return False
    if prev in ("each", "every") and not (items and items[-1].kind == "w" and i > 1
                                          and tokens[i].low in VERB_LEMMA
                                          and VERB_LEMMA[tokens[i].low] == tokens[i].low):
        return False
    if tokens[i].low.endswith("ed") and items and items[-1].kind == "v" and items[-1].lemma not in (
        "get", "have"
    ):
        return False
    return not (items and items[-1].kind == "w" and prev.endswith("ing"))


def _by_follows(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].low == "by"


def events_in(items: list[Item]) -> list[str]:
    """Event names written in ``items`` (CamelCase, dotted)."""
    return [it.key for it in items if it.kind == "e"]


def clause_facts(
    sentence: Sentence, registry: Registry, carried: str | None, group: list[str] | None = None
) -> list[Fact]:
    """Facts stated by the verbs of ``sentence``; ``carried`` is the subject of the sentence
    before (for "it" and for note lines with no subject), ``group`` the last list of several
    components (for "both", "each of those")."""
    group = list(group or [])
    everyone = [k for k, c in registry.comps.items() if c.kind == "service"]
    items = sentence.items
    verbs = [n for n, it in enumerate(items) if it.kind == "v"]
    facts: list[Fact] = []
    topic = _topic(items) or carried
    previous_subject: list[str] = [topic] if topic else []
    mains: list[tuple[int, list[str]]] = []
    for v_pos, n in enumerate(verbs):
        verb = items[n]
        stop = verbs[v_pos + 1] if v_pos + 1 < len(verbs) else len(items)
        left_floor = verbs[v_pos - 1] + 1 if v_pos else 0
        subjects, objects = _roles(
            items, left_floor, n, stop, previous_subject, verb, group, everyone
        )
        if not subjects:
            continue
        if len(objects) >= 2:
            group = objects
        events = _events_near(items, n, stop)
        previous_subject = subjects
        for s in subjects:
            for o in objects or [None]:
                facts.append(_fact(verb, s, o, events, sentence))
        facts += _prepositional(items, n, stop, subjects, sentence, registry)
        if not (_before(items, n) and _before(items, n).token.low in RELATIVE):  # type: ignore[union-attr]
            mains.append((n, subjects))
    return facts + _orphans(items, facts, mains, sentence)


def _orphans(items: list[Item], facts: list[Fact], mains: list[tuple[int, list[str]]],
             sentence: Sentence) -> list[Fact]:
    """"fans out to queue A for X, which ..., and another queue B": B is fanned out to too."""
    used = {k for f in facts for k in (f.source, f.target)}
    extra: list[Fact] = []
    for j, it in enumerate(items):
        if it.kind != "m" or it.key in used or j < 2:
            continue
        k = j - 1
        while k > 0 and items[k].token.low in ("the", "a", "an", "another", "one", "second"):
            k -= 1
        earlier = [(n, s) for n, s in mains if n < k]
        if items[k].token.low == "and" and items[k - 1].token.low == "," and earlier:
            n, subjects = earlier[-1]
            extra += [_fact(items[n], s, it.key, [], sentence) for s in subjects]
    return extra


def _fact(verb: Item, s: str, o: str | None, events: list[str], sentence: Sentence) -> Fact:
    cls = "arrow" if verb.lemma == "->" else VERB_CLASSES.get(verb.lemma, "other")
    source, target = s, o
    command = any(t.low in ("command", "commands") for t in sentence.tokens)
    return Fact(
        cls,
        source,
        target,
        list(events),
        verb.lemma,
        sentence.index,
        sentence.text,
        command,
        verb.index,
    )


def _topic(items: list[Item]) -> str | None:
    """A note line's subject: "order service: ...", "Basket service — ..."."""
    if len(items) > 1 and items[0].kind == "m" and items[1].token.low in (":", "—", "–", "("):
        return items[0].key
    return None


def _roles(
    items: list[Item], floor: int, n: int, stop: int, previous: list[str], verb: Item,
    group: list[str], everyone: list[str],
) -> tuple[list[str], list[str]]:
    left = [it for it in items[floor:n]]
    before = _before(items, n)
    relative = before is not None and before.token.low in RELATIVE
    right = _right_segment(items, n + 1, stop, verb, relative)
    objects = [
        it.key for j, it in enumerate(right) if it.kind == "m" and not _parent_of_next(right, j)
    ]
    if verb.lemma == "->":
        subj = [it.key for it in left if it.kind == "m"][-1:] or previous[-1:]
        return subj, objects[:1]
    if verb.passive:
        by = _after_by(items, n + 1, stop)
        subj_left = [it.key for it in left if it.kind == "m"][-1:]
        if by and subj_left and verb.lemma in ("back", "power", "host"):
            return subj_left, by[:1]
        if by and subj_left:
            return by, subj_left
        return subj_left or previous, [o for o in objects if o not in by] or by
    if before is not None and before.kind == "m":
        group = _coordinated_group(items, before)
        if _relative_object(items, before, group):
            antecedent = _antecedent(items, items.index(before) - len(group))
            return group, objects or ([antecedent] if antecedent else [])
        return group, objects
    if before is not None and before.token.low in RELATIVE:
        antecedent = _antecedent(items, items.index(before))
        return ([antecedent] if antecedent else previous[-1:]), objects
    if before is not None and before.token.low in GROUP_PRONOUNS and group:
        return group, objects
    if verb.token.low.endswith("ing"):
        return previous, objects
    raw = items[n + 1 : stop]
    if before is not None and before.lemma == "collective":
        return everyone, objects
    if before is not None and before.token.low in ("both", "all", "each"):
        k = items.index(before) - 1
        if k >= 0 and items[k].kind == "m":
            return _coordinated_group(items, items[k]), objects
    if before is None or before.token.low in INHERIT or before.token.low in PRONOUNS:
        return previous or _from_client(raw), objects
    plain = before is not None and before.kind == "w" and before.token.low not in PRONOUNS
    mentions = []
    for it in left:
        if it.token.low in (";", ":", "—", "–"):
            mentions = []
        elif it.kind == "m":
            mentions.append(it.key)
    return (mentions[-1:] or _from_client(raw) or ([] if plain else previous[-1:])), objects


def _new_clause(items: list[Item], j: int) -> bool:
    """"..., and the billing service consumes it": a subject and its verb start a clause."""
    while j < len(items) and items[j].token.low in ("the", "a", "an", "and", "our", "then"):
        j += 1
    return j + 1 < len(items) and items[j].kind == "m" and (
        items[j + 1].kind == "v" or items[j + 1].token.low in ADVERBS and j + 2 < len(items)
        and items[j + 2].kind == "v")


def _parent_of_next(right: list[Item], j: int) -> bool:
    """"to the Kafka topic card-transactions": the object is the topic, not Kafka."""
    nxt = right[j + 1] if j + 1 < len(right) else None
    return bool(nxt and nxt.kind == "m" and nxt.mention and nxt.mention.parent)


def _from_client(right: list[Item]) -> list[str]:
    """"users upload photos from the web app": the client is the actor."""
    for j, it in enumerate(right[:-1]):
        nxt = right[j + 1]
        if it.token.low == "from" and nxt.kind == "m" and nxt.mention and nxt.mention.kind == "client":
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
            group.insert(0, items[j].key)
            j -= 1
        elif items[j].kind != "p" and items[j].token.low not in ("and", "or", "the"):
            break
    return group


def _relative_object(items: list[Item], subject: Item, group: list[str]) -> bool:
    j = items.index(subject) - len(group)
    while j >= 0 and items[j].kind != "m" and items[j].token.low in ("the", "a", "an", ",", "and"):
        j -= 1
    return j >= 0 and items[j].token.low in ("that", "which")


def _antecedent(items: list[Item], j: int) -> str | None:
    for it in reversed(items[:j]):
        if it.kind == "m":
            return it.key
    return None


def _after_by(items: list[Item], start: int, stop: int) -> list[str]:
    for j in range(start, min(stop, len(items))):
        if items[j].token.low == "by":
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
    skip_next = False
    for j in range(start, stop):
        it = items[j]
        low = it.token.low
        if (low == "," and relative) or (low in ("and", ",") and _new_clause(items, j + 1)):
            break
        if low in BOUNDARY or (low == "(" and out) or (low in RELATIVE and j > start and
                                                        _relative(items, j, stop)):
            break
        if low == "," and j + 1 < stop and items[j + 1].token.low in RELATIVE:
            break
        if low in ("for", "via", "through", "using", "with", "behind", "like", "from") and (
            verb.lemma != "->"
        ):
            skip_next = low != "from" or VERB_CLASSES.get(verb.lemma) not in ("subscribe", "read")
            continue
        if it.kind == "m" and skip_next:
            skip_next = False
            continue
        out.append(it)
    return out


def _relative(items: list[Item], j: int, stop: int) -> bool:
    """"that" starts a clause when a verb follows (not "that queue")."""
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
    while (
        (j >= 0
        and items[j].kind in ("e", "p"))
        or (j >= 0
        and items[j].token.low in ("and", "or", "is", "are"))
    ):
        j -= 1
    return events_in(items[j + 1 : n])


def phrase_event(items: list[Item]) -> str:
    """``payment events``, ``location updates``, ``order placed events`` -> an event name."""
    for j, it in enumerate(items):
        low = it.token.low
        if low not in PLAIN_EVENT_NOUNS or it.kind == "m":
            continue
        words = []
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


def phrase_name(words: list[str], noun: str) -> str:
    """The event a phrase like ``<words> <noun>`` names ("" if it names none)."""
    if not words:
        return ""
    if noun.startswith(("update", "change")):
        return pascal([*words, "Updated" if noun.startswith("update") else "Changed"])
    if noun.startswith(("command",)):
        return pascal(words)
    if words[-1].endswith("ed") or words[-1] in PARTICIPLES:
        return pascal(words)
    if noun.startswith(("reading", "ping", "report")):
        return pascal([*words, noun.rstrip("s"), "Received"])
    return default_event(tuple(singular(w) for w in words))


_REQUESTS = frozenset({"request", "requests", "calls", "call", "traffic", "queries", "query"})


def _prepositional(
    items: list[Item],
    n: int,
    stop: int,
    subjects: list[str],
    sentence: Sentence,
    registry: Registry,
) -> list[Fact]:
    """``via Stripe``, ``through the gateway``, ``for the matching service``, ``behind X``."""
    facts: list[Fact] = []
    for j in range(n + 1, min(stop, len(items) - 1)):
        low = items[j].token.low
        target = _next_mention(items, j + 1, stop)
        if target is None:
            continue
        if low in ("via", "through", "using"):
            for s in subjects:
                facts.append(Fact("via", s, target, sentence=sentence.index, text=sentence.text))
        elif low == "for":
            for s in subjects:
                facts.append(Fact("for", s, target, sentence=sentence.index, text=sentence.text))
        elif low == "from" and _REQUESTS.intersection(t.token.low for t in items[n + 1 : j]):
            for s in subjects:
                facts.append(Fact("arrow", target, s, lemma="->", sentence=sentence.index,
                                  text=sentence.text))
    return facts


def _next_mention(items: list[Item], start: int, stop: int) -> str | None:
    for j in range(start, min(stop, start + 4)):
        if items[j].kind == "m":
            return items[j].key
        if items[j].kind == "v" or items[j].token.low in (",", ";"):
            return None
    return None
