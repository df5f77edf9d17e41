"""Component mentions: where a sentence names a component, and what it names.

A mention is a technology name ("Kafka", "an EMQX broker"), or modifier words ending in a head
noun ("the basket service", "payment, inventory and shipping services", "ledger db (Postgres)").
"""

from __future__ import annotations

from diagrams.core.planners.rule_based.asides import merge_asides
from diagrams.core.planners.rule_based.component_names import (
    for_name,
    name_of,
    named_after,
    names_follow,
)
from diagrams.core.planners.rule_based.heads import head_at, head_words, tech_at
from diagrams.core.planners.rule_based.lexicon import VERB_LEMMA
from diagrams.core.planners.rule_based.mention_types import (
    GENERIC_HEAD_KINDS,
    NAMEABLE,
    Mention,
    eligible,
)
from diagrams.core.planners.rule_based.negation import NEGATION, drop_groups, drop_negated
from diagrams.core.planners.rule_based.proper_names import proper_names
from diagrams.core.planners.rule_based.tech import TECH_INDEX
from diagrams.core.planners.rule_based.text import Token, s_form, singular, title_word
from diagrams.core.planners.rule_based.words import (
    CLIENT_WORDS,
    COLLECTIVE_WORDS,
    DESCRIPTIVE,
    EXTERNAL_GATEWAY_WORDS,
    EXTERNAL_WORDS,
    NEEDS_MODIFIER,
    SERVER_APP_WORDS,
    STOP,
)


def find_mentions(tokens: list[Token]) -> list[Mention]:
    """Every component mention in ``tokens``, left to right, without overlaps."""
    found: list[Mention] = []
    i, floor = 0, 0
    while i < len(tokens):
        head = head_at(tokens, i)
        tech = tech_at(tokens, i)
        if head and tech and (tech[0] > head[0] or (tech[0] == head[0] and len(head) > 4)):
            head = None
        if head and _modifies_next(tokens, head):
            head = None  # "the broker portal": the later head makes the mention
        elif head:
            made = _head_mentions(tokens, floor, i, head)
            if made:
                found += made
                i = floor = made[-1].end
                continue
        if tech and i > 0 and tokens[i - 1].low in NEGATION:
            i, floor, tech = tech[0] - 1, tech[0], None  # "no Kafka", "without Redis"
        if tech:
            follows = _head_follows(tokens, tech[0])
            if follows is None:
                found.append(_tech_mention(tokens, i, tech))
                i = floor = tech[0]
            else:
                i = follows
            continue
        i += 1
    found = _named_before_aside(tokens, found)
    found = _streams_of_stores(tokens, proper_names(tokens, found))
    return drop_groups(tokens, drop_negated(tokens, merge_asides(tokens, found)))


_HOLDERS = frozenset({"cache", "database", "storage", "queue", "topic", "read_model"})


def _held_by(tokens: list[Token], holder: Mention, m: Mention) -> bool:
    adjacent = m.start == holder.end + 1 and tokens[holder.end].low == "of"
    return adjacent and holder.kind in _HOLDERS and m.kind == "client"


def _streams_of_stores(tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "appended to a per-member stream in EventStoreDB": a stream of an event store is part
    of the store, not a channel of its own."""
    out: list[Mention] = []
    for k, m in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        prev = found[k - 1] if k else None
        if prev is not None and _held_by(tokens, prev, m):
            continue  # "a Redis cache of robot positions": what it holds, not a component
        gap = [t.low for t in tokens[m.end : nxt.start]] if nxt is not None else []
        part_of_store = (
            nxt is not None
            and m.kind == "topic"
            and nxt.kind == "event_store"
            and 1 <= len(gap) <= 2
            and gap[0] in ("in", "on", "of", "through", "via", "from")
            and all(w in ("a", "an", "the", "its") for w in gap[1:])
        )
        if not part_of_store:
            out.append(m)
    return out


def _modifies_next(tokens: list[Token], head: tuple[int, str, str, bool]) -> bool:
    """ "the broker portal", "the CRM sync worker": a head noun naming what a later head
    serves."""
    if _verb_modifier_next(tokens, head[0]):
        return True  # "meter ingest api"
    if head[1] in ("service", "client", "gateway", "function"):
        return _names_next(tokens, head)
    for j in range(head[0], min(head[0] + 3, len(tokens))):
        nxt = head_at(tokens, j)
        if nxt is not None or tech_at(tokens, j):
            return nxt is not None and not tech_at(tokens, j) and nxt[1] in _SERVED
        if tokens[j].low in ("and", "or"):
            return False
        if not eligible(tokens[j]) and not (j > 0 and _noun_like_verb(tokens, j)):
            return False
    return False


def _names_next(tokens: list[Token], head: tuple[int, str, str, bool]) -> bool:
    """ "the Site Health Service", "the Portal Config API": a capitalised head word inside a
    longer capitalised name is a modifier of the name's own head."""
    end = head[0]
    if head[1] != "client" or end - 1 < 1 or not tokens[end - 1].capitalized:
        return False
    for j in range(end, min(end + 3, len(tokens))):
        if not tokens[j].capitalized:
            return False
        nxt = head_at(tokens, j)
        if nxt is not None and nxt[1] in ("service", "gateway", "function"):
            return True
    return False


def _verb_modifier_next(tokens: list[Token], j: int) -> bool:
    if j + 1 >= len(tokens) or not _noun_like_verb(tokens, j):
        return False
    nxt = head_at(tokens, j + 1)
    return nxt is not None and nxt[1] in _SERVED


_SERVED = frozenset({"service", "client", "gateway"})


def _head_follows(tokens: list[Token], i: int) -> int | None:
    for j in range(i, min(i + 3, len(tokens))):
        if head_at(tokens, j):
            return j
        if not eligible(tokens[j]):
            return None
    return None


_COMPUTE = frozenset({"function", "service", "stream_processor"})
_NOTE_STARTS = frozenset({",", ";", ":", "->", "(", "and"})


def _named_before_aside(tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "occupancy calc (Lambda) reads the stream": a note names a compute unit and gives its
    technology in parentheses; the words before them are its name."""
    taken = {j for m in found for j in range(m.start, m.end)}
    for m in found:
        bare = m.generic or not m.domain  # "(Lambda)", "(Azure Functions)"
        if not (bare and m.kind in _COMPUTE and m.start >= 2 and tokens[m.start - 1].low == "("):
            continue
        start = m.start - 1
        while start > 0 and m.start - 1 - start < 3 and start - 1 not in taken:
            if not eligible(tokens[start - 1]):
                break
            start -= 1
        opens = start == 0 or tokens[start - 1].low in _NOTE_STARTS
        if start == m.start - 1 or not opens:
            continue
        words = tokens[start : m.start - 1]
        close = m.end + 1 if m.end < len(tokens) and tokens[m.end].low == ")" else m.end
        m.name = " ".join(title_word(t.text) for t in words)
        m.domain, m.generic, m.start, m.end = tuple(t.low for t in words), False, start, close
    return found


def _tech_mention(tokens: list[Token], i: int, tech: tuple[int, str, str]) -> Mention:
    end, canonical, kind = tech
    m = Mention(i, end, canonical, kind, technology=canonical, generic=True)
    m.end = named_after(tokens, m, end)
    return m


def _modifiers(tokens: list[Token], floor: int, i: int) -> int:
    start = i
    while start > floor and i - start < 5:
        tech = next(
            (
                j
                for j in range(max(floor, start - 4), start)
                if (hit := tech_at(tokens, j)) and hit[0] == start
            ),
            None,
        )
        if tech is not None:
            start = tech
        elif start - 2 >= 0 and tokens[start - 2].low in _MODALS:
            break
        elif start - 1 == floor > 0 and _third_person(tokens[start - 1]):
            break  # "the Site Health Service notices sites": a verb after a component
        elif start == i - 1 and s_form(tokens[start - 1]) and s_form(tokens[i]):
            start = i  # "Diners book tables": a plural subject, a verb, then the object
            break
        elif tokens[start - 1].low in _TIMES and start - 2 >= 0 and tokens[start - 2].low in _EACH:
            break  # "each morning housekeeping api calls ...": when, not which
        elif eligible(tokens[start - 1]) or _title_case(tokens, start - 1, i):
            start -= 1
        else:
            break
    if start == i and i - 1 >= floor and _noun_like_verb(tokens, i - 1):
        if _subject_verb_object(tokens, i):
            return start  # "Diners book tables", "drivers accept rides": a clause, no name
        start -= 1
        prev = tokens[start - 1] if start - 1 >= floor else None
        if prev is not None and prev.low not in _OPENERS and not _verb_form(prev):
            start -= 1  # "-> meter ingest api": the noun before the verb-like modifier
    return start


_MODALS = frozenset({"shall", "will", "must", "should", "can", "may", "would", "could"})
_TIMES = frozenset(
    (  # noqa: SIM905
        "morning evening night afternoon day week month hour minute second year weekend "
        "quarter shift midnight"
    ).split()
)
_EACH = frozenset({"each", "every", "per", "this", "last", "next", "that"})
_STANDALONE = frozenset({"background", "standalone", "scheduled", "batch"})
_PICKED = frozenset(
    {
        "nearest",
        "closest",
        "cheapest",
        "fastest",
        "best",
        "next",
        "idle",
        "available",
        "least",
        "specific",
        "particular",
        "suitable",
        "individual",
    }
)


def _subject_verb_object(tokens: list[Token], i: int) -> bool:
    """ "Diners book tables": a plural noun, a base-form verb, then a plural head noun."""
    head, verb = tokens[i], tokens[i - 1]
    subject = tokens[i - 2] if i >= 2 else None
    plural_head = head.low.endswith("s") and not head.low.endswith("ss")
    return (
        plural_head
        and subject is not None
        and _third_person(subject)
        and subject.low not in VERB_LEMMA
        and VERB_LEMMA.get(verb.low) == verb.low
    )


def _verb_form(token: Token) -> bool:
    return _third_person(token) and token.low in VERB_LEMMA


def _third_person(token: Token) -> bool:
    return s_form(token) and not token.capitalized


def _title_case(tokens: list[Token], j: int, head: int) -> bool:
    """ "the Wallet Pass Service": a capitalised word inside a capitalised name is a modifier."""
    word = tokens[j]
    return (
        j > 0
        and word.is_word
        and word.capitalized
        and tokens[head].capitalized
        and word.low not in STOP
        and (tokens[j - 1].capitalized or tokens[j - 1].low in ("the", "a", "an"))
    )


def _noun_like_verb(tokens: list[Token], j: int) -> bool:
    """ "an upload API", "the search service": a base-form verb right before a head."""
    token = tokens[j]
    before = tokens[j - 1].low if j else ""
    lemma = VERB_LEMMA.get(token.low, "")
    nounish = lemma == token.low or token.low in (lemma + "s", lemma + "es")
    if before in _OPENERS:
        return nounish and token.is_word
    if j and lemma == token.low and _third_person(tokens[j - 1]) and before in VERB_LEMMA:
        return True  # "S3 upload triggers resize lambda": the verb, then the head's modifier
    earlier = tokens[j - 2].low if j > 1 else ""
    after_verb = earlier in VERB_LEMMA and j - 2 > 0 and not _third_person(tokens[j - 1])
    return lemma == token.low and eligible(tokens[j - 1]) and (earlier in _OPENERS or after_verb)


_OPENERS = frozenset({"a", "an", "the", "our", "its", "their", "->", "", ";", ":"})


def _head_mentions(
    tokens: list[Token], floor: int, i: int, head: tuple[int, str, str, bool]
) -> list[Mention]:
    start = _modifiers(tokens, floor, i)
    mention = _build(tokens, start, i, head)
    if mention is None:
        return []
    _quoted_before(tokens, floor, mention)
    mentions = [mention]
    if mention.parent:
        at = next((j for j in range(start, i) if tech_at(tokens, j)), None)
        tech = tech_at(tokens, at) if at is not None else None
        if at is not None and tech and tech[2] == "broker":
            broker = Mention(at, tech[0], tech[1], "broker", technology=tech[1], generic=True)
            mention.start = max(mention.start, tech[0])
            mentions.insert(0, broker)
    if head[3]:
        mentions = _coordinated(tokens, floor, start, head) + mentions
    if head[3] and head[1] in _LISTABLE:
        mentions += _listed(tokens, mentions[-1], head[1], head[2])
    return mentions


def _quoted_before(tokens: list[Token], floor: int, m: Mention) -> None:
    """ "the `payments` topic", "the 'restock' queue": a quoted word before a bare channel head
    is its name, written as the user wrote it."""
    j = m.start
    if m.kind not in ("topic", "queue") or m.domain or j - 3 < floor:
        return
    opening, word, closing = tokens[j - 3 : j]
    if opening.low not in _QUOTES or closing.low != opening.low or not word.is_word:
        return
    m.start, m.name, m.domain, m.generic, m.bare = j - 3, word.text, (word.low,), False, False
    m.parent = m.technology


_QUOTES = frozenset({"`", '"', "'"})
_LISTABLE = frozenset({"topic", "queue", "service", "function", "database", "client"})


def _listed(tokens: list[Token], owner: Mention, kind: str, display: str) -> list[Mention]:
    """ "Kafka topics: orders, payments, shipments": one topic per listed name."""
    j = owner.end
    if j >= len(tokens) or tokens[j].low != ":":
        return []
    found: list[Mention] = []
    j += 1
    while j < len(tokens) and tokens[j].is_word and len(found) < 30:
        word = tokens[j]
        if word.low not in ("and", "or"):
            verbatim = kind in ("topic", "queue")
            name = word.text if verbatim else f"{title_word(word.text)} {display}"
            parent = owner.technology if verbatim else ""
            found.append(
                Mention(
                    j,
                    j + 1,
                    name,
                    kind,
                    technology=owner.technology,
                    domain=(word.low,),
                    parent=parent,
                )
            )
        j += 1
        if j < len(tokens) and tokens[j].low == ",":
            j += 1
    return found


def _build(
    tokens: list[Token], start: int, i: int, head: tuple[int, str, str, bool]
) -> Mention | None:
    end, kind, display, plural = head[:4]
    words, technology, tech_kind = _split_modifiers(tokens, start, i)
    decided, early = _excluded(tokens, start, i, head, words)
    if decided:
        return early
    if any(w.low in _PICKED for w in words):
        return None  # "picks the nearest idle robot": one instance, not a component
    flags = {t.low for t in tokens[max(0, start - 2) : i]}
    kind = _adjust_kind(kind, words, technology, tech_kind, head_words(tokens, i, end) or ("",))
    if kind in GENERIC_HEAD_KINDS and tech_kind in ("broker", "queue", "topic"):
        words, technology = list(tokens[start:i]), ""  # "a Pulsar Forwarder": a name, not a tech
    lead = head[4] if len(head) > 4 else 0
    titled = bool(words) and tokens[i].capitalized and all(w.capitalized for w in words)
    kept = DESCRIPTIVE | (frozenset() if titled else EXTERNAL_WORDS)  # "the Partner Settlement
    domain = tuple(w.low for w in words if w.low not in kept)  # Service" is its own name
    domain = domain or tuple(t.low for t in tokens[i : i + lead])
    if not domain and words and all(w.low in _STANDALONE for w in words):
        domain = tuple(w.low for w in words)  # "a background worker": that is its name
    if flags & EXTERNAL_WORDS and kind == "service" and not titled:
        kind = "external"
    if (
        kind in ("topic", "queue")
        and tech_kind == "broker"
        and not names_follow(tokens, end, words)
    ):
        return Mention(start, end, technology, "broker", technology=technology, generic=True)
    m = Mention(start, end, "", kind, technology=technology, domain=domain)
    m.own = "own" in flags
    m.ordinal = bool(flags & {"second", "another", "other"})
    m.end = named_after(tokens, m, end)
    if not _name(tokens, m, words, display, tech_kind, plural):
        return None
    return _mark_bare(tokens, m, start, i, tech_kind)


_PLAIN_HEADS = frozenset({"service", "svc", "microservice", "server", "system", "cluster", "app"})
_ANY_OF_THEM = frozenset(
    {"consuming", "subscribing", "listening", "receiving", "downstream", "interested", "other"}
)


def _excluded(
    tokens: list[Token], start: int, i: int, head: tuple[int, str, str, bool], words: list[Token]
) -> tuple[bool, Mention | None]:
    """(True, what to return) when the phrase is not one component: "each service", "no
    queues", "loan applications", "Brokers submit quotes"."""
    end, kind, display, plural = head[:4]
    before = tokens[start - 1].low if start > 0 else ""
    anyone = all(w.low in _ANY_OF_THEM for w in words)  # "every consuming svc"
    if (plural or before in ("each", "every")) and before in COLLECTIVE_WORDS and anyone:
        return True, Mention(start, end, display, kind, collective=True)
    if before in NEGATION or (start > 1 and tokens[start - 2].low == "no"):
        return True, Mention(start, end, display, kind, collective=True)  # "no queues"
    if plural and tokens[i].low == "applications" and not {w.low for w in words} & CLIENT_WORDS:
        return True, None  # "loan applications are orchestrated": business records, not apps
    if plural and kind == "broker" and not words:
        return True, None  # "Brokers submit quotes": people, not message brokers
    if plural and words and all(w.low.endswith("ing") and w.low in VERB_LEMMA for w in words):
        return True, None  # "by creating jobs that workers execute": what is done, not a part
    return False, None


def _name(
    tokens: list[Token], m: Mention, words: list[Token], display: str, tech_kind: str, plural: bool
) -> bool:
    """Give ``m`` its name: one the user wrote, "queue for the X service", or its words."""
    if not m.domain and m.kind in NAMEABLE | {"cache"} and not m.name:
        domain = for_name(tokens, m.end)
        if domain:
            m.domain = domain
            m.name = " ".join([*(title_word(w) for w in domain), display])
    if not m.name:
        m.name = name_of(tokens, words, m.domain, display, m.technology, tech_kind, m.kind, plural)
    return bool(m.name)


def _mark_bare(
    tokens: list[Token], m: Mention, start: int, i: int, tech_kind: str
) -> Mention | None:
    """A mention with no modifier is generic (a technology) or bare ("the store": only a
    reference back, never a new component)."""
    if not m.domain and not m.parent:
        m.generic = bool(m.technology) and tech_kind not in ("language", "protocol")
        m.bare = not m.technology
        if m.bare and _capitalised_name(tokens, start, i, m):
            m.bare, m.domain = False, (tokens[i].low,)  # "Allocator consumes ...": its name
            return m
        if m.bare and tuple(singular(t.low) for t in tokens[i : m.end][:1]) in NEEDS_MODIFIER:
            if tokens[start - 1].low not in ("the", "that", "this", "same") or not start:
                return None
            m.anaphor = True
    return m


def _capitalised_name(tokens: list[Token], start: int, i: int, m: Mention) -> bool:
    """ "the Allocator", "Reconciler consumes ...": an agent head written as a name."""
    word = tokens[i]
    if m.end - i != 1 or not word.capitalized or word.text.isupper():
        return False
    if not word.low.endswith(("er", "or")) or m.kind != "service":
        return False
    nxt = tokens[m.end].low if m.end < len(tokens) else ""
    return start > 0 or nxt in VERB_LEMMA


def _split_modifiers(tokens: list[Token], start: int, i: int) -> tuple[list[Token], str, str]:
    words: list[Token] = []
    technology, tech_kind = "", ""
    j = start
    while j < i:
        tech = tech_at(tokens, j)
        if tech and tech[0] <= i and tech[2] != "external":
            technology = technology or tech[1]
            tech_kind = tech_kind or tech[2]
            j = tech[0]
            continue
        words.append(tokens[j])
        j += 1
    return words, technology, tech_kind


def _adjust_kind(
    kind: str, words: list[Token], technology: str, tech_kind: str, head: tuple[str, ...]
) -> str:
    lows = {w.low for w in words}
    if kind == "client" and head[-1] in ("app", "application"):
        if lows & SERVER_APP_WORDS or technology in ("Django", "Ruby on Rails", "Spring Boot"):
            return "service"
        if lows and not lows & CLIENT_WORDS and head[-1] == "application":
            return "service"
    if kind == "gateway" and lows & EXTERNAL_GATEWAY_WORDS:
        return "external"
    if kind in GENERIC_HEAD_KINDS and tech_kind not in ("", "language", "protocol", "external"):
        if tech_kind in ("broker", "queue", "topic") and head[-1] not in _PLAIN_HEADS:
            return kind  # "a Pulsar Forwarder", "the Kafka consumer": uses the broker, is not it
        return tech_kind
    vendor = TECH_INDEX.get(tuple(w.low for w in words))
    if head[-1] == "api" and vendor and vendor[1] == "external":
        return "external"  # "the EasyPost API", "the Twilio API": the vendor's, not ours
    if head[-1] == "api" and words and words[0].possessive and words[0].capitalized:
        return "external"  # "Stuart's delivery API": another company's
    return kind


def _coordinated(
    tokens: list[Token], floor: int, start: int, head: tuple[int, str, str, bool]
) -> list[Mention]:
    """``payment, inventory and shipping services``: one mention per modifier group."""
    mentions: list[Mention] = []
    j = start
    while j - 1 > floor and tokens[j - 1].low in (",", "and", "or", "&"):
        k = j - 1
        if k - 1 > floor and tokens[k].low in ("and", "or") and tokens[k - 1].low == ",":
            k -= 1
        group_start = _modifiers(tokens, floor, k)
        if group_start == k or any(
            head_at(tokens, x) or tech_at(tokens, x) for x in range(group_start, k)
        ):
            break
        m = _build(tokens, group_start, k, (k, head[1], head[2], head[3]))
        if m is None or m.collective:
            break
        m.end = k
        mentions.insert(0, m)
        j = group_start
    return mentions
