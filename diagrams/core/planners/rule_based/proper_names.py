"""Product names the vocabulary does not know: "calls Hubject", "reads locations from PostGIS".

A capitalised name that no table knows is still a component when it stands where a component
stands: after a calling verb or "via"/"through", or where a store goes ("from", "into" after a
verb of reading or writing). What it is follows from that place: a store after a data verb, a
third-party system otherwise. Anywhere else a capitalised word is left alone: it may be a
sentence start, a person, an event or a format.
"""

from __future__ import annotations

from diagrams.core.planners.rule_based.lexicon import OTHER_VERBS, VERB_CLASSES, VERB_LEMMA
from diagrams.core.planners.rule_based.mention_types import EVENT_TOKEN, Mention, event_like
from diagrams.core.planners.rule_based.text import Token
from diagrams.core.planners.rule_based.words import STOP

# Words before a name that say "this is a component": verbs of calling and "via X".
_THROUGH = frozenset({"via", "through", "thru"})
_CALLING = frozenset({"call", "invoke", "query", "consult", "integrate", "contact", "hit", "use"})
_LEMMAS = frozenset(VERB_CLASSES) | frozenset(OTHER_VERBS)
_CHECKING = frozenset({"check", "verify", "screen", "validate", "score", "extract", "pull"})
_DATA_PREPOSITIONS = frozenset({"from", "in", "into", "to", "onto"})
_DATA_CLASSES = frozenset({"write", "read"})
# How far back (in tokens) the verb of a "from X"/"into X" may be: "reads charger locations
# from X", "writes the nightly settlement file to X".
_VERB_REACH = 5
_CLAUSE_END = frozenset({",", ";", ":", ".", "and", "or", "but", "which", "that", "->", "("})
_NAMERS = frozenset({"we", "they", "i", "you", "people", "everyone", "team"})
_ARTICLES = frozenset({"the", "a", "an", "our", "their", "its"})


def proper_names(tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """Mentions of unknown product names in component places, in token order with ``found``."""
    taken = {j for m in found for j in range(m.start, m.end)}
    made: list[Mention] = []
    i = 0
    while i < len(tokens):
        end = _name_end(tokens, i, taken)
        if end == i:
            i += 1
            continue
        named = _named(tokens, i, found)
        tail = end < len(tokens) and end not in taken and tokens[end].low in _NAME_TAILS
        if tail and not named:
            end += 1  # "the Peppol network", "the Hubject platform": one name
        kind = "" if named else _place(tokens, i, end)
        if named:
            _rename(tokens, named, i, end)
        elif kind:
            made.append(_mention(tokens, i, end, kind))
        i = end
    return _we_call(tokens, sorted([*found, *made], key=lambda m: m.start))


def _we_call(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "a tiny Cloud Function we call the Outbox Relay": one component, the function, with the
    name the team gave it (the name is a mention of its own when it has a head noun)."""
    out: list[Mention] = []
    for m in mentions:
        j = m.start - (1 if m.start and tokens[m.start - 1].low in _ARTICLES else 0)
        namer = j >= 2 and tokens[j - 1].low == "call" and tokens[j - 2].low in _NAMERS
        at = j - 2 - (1 if j >= 3 and tokens[j - 3].low in ("that", "which") else 0)
        named = next((o for o in out if o.end == at and o.kind not in _CHANNELS), None)
        if namer and named is not None:
            _rename(tokens, named, m.start, m.end)
            continue
        out.append(m)
    return out


def _named(tokens: list[Token], i: int, found: list[Mention]) -> Mention | None:
    """The mention that tokens[i:] names: "a Django monolith we call Billing Core", "a worker
    called Ledgerly", "the scoring service, known as Oracle"."""
    before = [t.low for t in tokens[max(0, i - 3) : i]]
    if before[-2:] in (["we", "call"], ["they", "call"], ["known", "as"]):
        gap = 2
    elif before[-1:] in (["called"], ["named"], ["dubbed"], ["codenamed"]):
        gap = 1
    else:
        return None
    at = i - gap
    if at > 0 and tokens[at - 1].low == ",":
        at -= 1
    if at > 0 and tokens[at - 1].low in ("that", "which"):
        at -= 1
    return next((m for m in found if m.end == at and m.kind not in _CHANNELS), None)


_CHANNELS = frozenset({"topic", "queue", "dead_letter_queue", "broker"})


def _rename(tokens: list[Token], m: Mention, i: int, end: int) -> None:
    """Give ``m`` the name the user gave it; the name's words are part of the mention."""
    m.name = " ".join(t.text for t in tokens[i:end])
    m.domain = tuple(t.low for t in tokens[i:end])
    m.generic = m.bare = False
    m.end = end


def _name_end(tokens: list[Token], i: int, taken: set[int]) -> int:
    """The end of a run of capitalised unknown words starting at ``i`` (``i``: none)."""
    j = i
    while j < len(tokens) and j not in taken and _proper(tokens, j, first=j == i):
        j += 1
    if j > i and all(_acronym(t.text) for t in tokens[i:j]):
        return i  # "via SMS", "over HTTPS", "gets ETAs": acronyms are too often formats
    return j


def _acronym(text: str) -> bool:
    """ "SMS", "JWT", and plurals such as "ETAs", "SKUs", "PDFs"."""
    return text.isupper() or (len(text) > 2 and text[:-1].isupper() and text[-1] == "s")


def _proper(tokens: list[Token], j: int, *, first: bool) -> bool:
    token = tokens[j]
    if not token.is_word or not token.capitalized or token.low in STOP or j == 0:
        return False
    if token.low in VERB_LEMMA and first:
        return False  # "- Reads ...": a capitalised verb at a note's start
    if first and EVENT_TOKEN.match(token.text) and event_like(token.text):
        return False  # "OrderPlaced", "ReserveStock": an event or a command
    previous = tokens[j - 1]
    return first or previous.capitalized


def _place(tokens: list[Token], i: int, end: int) -> str:
    """ "database" or "external" when tokens[i:end] stands where a component does, else ""."""
    nxt = tokens[end] if end < len(tokens) else None
    modifies = nxt is not None and nxt.is_word and not nxt.low.endswith("ly")
    if modifies and nxt is not None and nxt.low not in STOP | VERB_LEMMA.keys():
        return ""  # "Avro schemas", "Stripe webhooks": the name modifies the next noun
    j = i - 1
    while j >= 0 and tokens[j].low in _ARTICLES:
        j -= 1
    if j < 0:
        return ""
    before = tokens[j].low
    if before in _THROUGH:
        return "external"
    if before in ("with", "to") and VERB_CLASSES.get(_clause_verb(tokens, j)) == "call":
        return "external"  # "checks the credit with Ansonia", "submits it to Peppol"
    if before == "with" and _clause_verb(tokens, j) in _CHECKING:
        return "external"
    calling = VERB_CLASSES.get(VERB_LEMMA.get(before, "")) == "call"
    if calling or VERB_LEMMA.get(before) in _CALLING:
        naming = j > 0 and tokens[j - 1].low in _NAMERS
        return "" if naming else "external"  # "a monolith we call Billing Core": its name
    if before in _DATA_PREPOSITIONS:
        verb = _clause_verb(tokens, j)
        if verb and VERB_CLASSES.get(verb) in _DATA_CLASSES:
            return "database"
        if verb and before in ("in", "into") and VERB_CLASSES.get(verb) is None:
            return "external"  # "creates the account in Amdocs", "books slots in Calendly"
    return ""


def _clause_verb(tokens: list[Token], j: int) -> str:
    """The lemma of the nearest verb before ``tokens[j]`` in its clause ("" if none)."""
    for k in range(j - 1, max(-1, j - 1 - _VERB_REACH), -1):
        low = tokens[k].low
        if low in _CLAUSE_END:
            return ""
        noun_slot = k > 0 and (tokens[k - 1].possessive or tokens[k - 1].low in _ARTICLES)
        lemma = VERB_LEMMA.get(low) or next(
            (low[: -len(e)] for e in ("es", "s") if low.endswith(e) and low[: -len(e)] in _LEMMAS),
            "",
        )
        if lemma and not noun_slot:  # "checks the shipper's credit with X"
            return lemma
    return ""


_NAME_TAILS = frozenset(
    {"network", "platform", "cloud", "authority", "bureau", "clearinghouse", "marketplace"}
)


def _mention(tokens: list[Token], i: int, end: int, kind: str) -> Mention:
    name = " ".join(t.text if t.capitalized else t.text.title() for t in tokens[i:end])
    return Mention(i, end, name, kind, technology=name, generic=True)
