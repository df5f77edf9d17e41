"""The requests in one chat message: hedges stripped, split into parts, pronouns resolved.

"Hmm, could you add a DLQ for the payment svc? Then rename the mailer to Notification Service"
is two requests; "it" in a part is what the part before added or named; "that event" is the
event named before; "X -> rename it to Y" is about X.
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.draft import MESSAGING, STORES, Draft
from diagrams.core.planners.rule_based.mention_types import PASCAL_NAME
from diagrams.core.planners.rule_based.tech import TECH_INDEX, techs_in

EVENT = rf"(?-i:{PASCAL_NAME})"  # "OrderPlaced", as the user writes it


# "Hmm, no, actually ...", "Could you please ...", "I think we need to ...": not the request
_OPENERS = re.compile(
    r"^(?:(?:ok(?:ay)?|so|hmm+|um+|uh|oh|well|actually|wait|sorry|right|alright|hey|no|nope|nah|meh|"
    r"please|pls|also|and|then|now|instead|finally|lastly)\b(?! longer| of)[,.!:]*\s*"
    r"|(?:could|can|would|will) you(?: please)?\s+|(?:could|can|should|shall) we(?: please)?\s+|(?:i think |i guess |i'd say )?"
    r"(?:we(?:'ll)? (?:also )?(?:need|want|have|ought) to|let's|lets|i(?:'d)? (?:like|want) "
    r"(?:you )?to|go ahead and)\s+)+",
    re.IGNORECASE,
)
# Where one chat message holds two requests ("Replace the tax service with Avalara? Billing
# should call it."), each with the kind of text it splits.
_SPLITS = (
    r"(?<=[a-z0-9)\"'])[.?!;]\s+(?=\S)",  # a sentence ends
    r"\s+[-\u2013\u2014]+\s+",  # "split payments out - new Payments Service ..."
    r",?\s+and (?:then )?(?=(?:add|create|introduce|drop|remove|rename|have|make) )",
    r",\s+and (?:then )?(?=(?:move|migrate|swap|replace|switch|put|group|connect|link|wire|use|"
    r"send|publish|change|convert) )",  # ", and move its db from Postgres to MySQL"
    r",\s+(?!(?:and|so|then|but)\b)(?=(?:the |our )?[\w -]{2,40} (?:can|should|will|must) )",
    r",\s+(?=(?:replace|swap|switch|drop|remove|rename|add|connect|group|put) (?:it|that|them)\b)",
    r"\s+and (?=(?:wire|connect|link|hook|put|move|place|group) (?:it|them)\b)",
    r",\s+(?:and )?(?=it (?:\w+s|should|will|can|must)\b)",  # ", and it talks to Stripe ..."
    r",\s+(?=(?:could|can|should|shall) we\b)",  # "Pulsar is overkill, could we use NATS?"
    r",\s+(?!(?:and|so|then|but|which|that|who)\b)(?=(?:the |our )?[\w-]+(?: [\w-]+){0,3} "
    r"(?:calls|uses|invokes|consumes|reads|queries|hits) (?:it|them)\b)",  # ", rates svc calls it"
)
_SENTENCE_END = re.compile("|".join(_SPLITS), re.IGNORECASE)


# "Instead of calling X, Y should ...", "when a costume is late, wardrobe should ...": a lead-in
_LEAD_IN = re.compile(
    r"^(?:instead of|rather than|when|whenever|if|once|after|before|since|because)\b", re.I
)


def parts_of(text: str) -> list[str]:
    """The requests of one message; a lead-in clause stays with the request after its comma."""
    parts: list[str] = []
    start = 0
    joined = False
    for cut in _SENTENCE_END.finditer(text):
        part = text[start : cut.start()]
        if joined:
            parts[-1] += part
        else:
            parts.append(part)
        joined = cut[0].lstrip().startswith(",") and bool(_LEAD_IN.match(cleaned(parts[-1])))
        if joined:
            parts[-1] += cut[0]
        start = cut.end()
    if joined:
        parts[-1] += text[start:]
    else:
        parts.append(text[start:])
    return parts


_TOPIC_FIRST = re.compile(r"^(?P<x>[^>:]{2,60}?)\s*(?:->|:|\u2192)\s*(?P<rest>.*\bit\b.*)$")


def topic_first(part: str) -> str:
    """ "Courier Zone Service -> rename it to Delivery Zone Service": "it" is what comes first."""
    m = _TOPIC_FIRST.match(part)
    if m is None or not re.match(r"(?:rename|remove|drop|move|put|connect|call|make)\b", m["rest"]):
        return part
    return re.sub(r"\bit\b", m["x"].strip(), m["rest"], count=1)


def use_instead(draft: Draft, part: str, named: list[str]) -> str:
    """ "Pulsar is overkill for us, could we use NATS instead?": NATS replaces the component of
    its kind named before (or the only one there is)."""
    m = re.match(r"^(?:just )?use (?P<new>[\w ./-]+?) instead$", part, re.IGNORECASE)
    techs = techs_in(m["new"]) if m else []
    if m is None or not techs:
        return part
    kind = techs[0][1]
    family = MESSAGING if kind in MESSAGING else STORES if kind in STORES else {kind}
    before = [draft.components[c] for c in named if c in draft.components]
    same = [c for c in before if c.kind in family] or [
        c for c in draft.components.values() if c.kind in family and c.technology
    ]
    if len({c.id for c in same}) != 1:
        return part
    return f"replace {same[0].name} with {m['new']}"


def name_that_event(parts: list[str]) -> list[str]:
    """ "PaymentRejected is no longer needed; remove that event": name it in the request."""
    named: list[str] = []
    out = []
    for part in parts:
        if named and re.search(r"\b(?:that|this|the) event\b", part) and not re.search(EVENT, part):
            part = re.sub(r"\b(?:that|this|the) event\b", f"the event {named[-1]}", part)
        heard = re.search(
            r"\b(?:consumes?|listens? (?:to|for)|subscribes? to|reacts? to|handles?|receives?) "
            r"(?P<it>it|that)\b(?! (?:from|via|through)\b)",
            part,
            re.I,
        )
        if named and heard and not re.search(EVENT, part):  # "... and have X consume it"
            part = part[: heard.start("it")] + named[-1] + part[heard.end("it") :]
        if named and re.search(r"^(?:add|make|mark|use|set) (?:that|it|this) as\b", part, re.I):
            part = re.sub(r"\b(?:that|it|this) as\b", f"{named[-1]} as", part, count=1)
        named += [n for n in re.findall(EVENT, part) if (n.lower(),) not in TECH_INDEX]
        out.append(part)
    return out


def cleaned(text: str) -> str:
    """The request without hedges, politeness and closing punctuation."""
    text = _OPENERS.sub("", text.strip()).strip().rstrip(".!?").strip()
    return re.sub(r",?\s+(?:please|pls|thanks|thank you|thx|ta)$", "", text, flags=re.I)


def it_is(text: str, added: list[str]) -> str:
    """ "We need a Port Gate Service; the boarding service talks to it": "it" is what the
    sentence before added."""
    if len(added) != 1:
        return text
    text = re.sub(r"^it\b(?=\s+(?:\w+s|should|will|can|must|then)\b)", added[0], text, flags=re.I)
    return re.sub(
        r"\b(?:to|with|from|on|into|call|calls|use|uses|invoke|invokes|replace|swap|remove|"
        r"drop|rename|migrate|move|feed|feeds|populate|wire|connect|link|hook|put|place|group|"
        r"have|let|make|get) it\b",
        lambda m: m[0][:-2] + added[0],
        text,
    )
