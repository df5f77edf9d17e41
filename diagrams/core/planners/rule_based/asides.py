"""Asides that add to a mention instead of naming a new component.

``ledger db (Postgres)``, ``Customer Portal, an Angular SPA,``, ``an OpenSearch index, which
serves as the read model``: one component each, not two.
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.mention_types import GENERIC_HEAD_KINDS, STORE_KINDS, Mention
from diagrams.core.planners.rule_based.text import Token

_SERVES_AS = re.compile(r"^,? ?(?:which|that) (?:serves|acts|works|is used) as (?:the|a|an|our)$")


_BUILT_AS = re.compile(
    r"^,? ?(?:which|that) (?:shall |will |is |are |must |should )?(?:be )?(?:implemented|built|"
    r"written|deployed|hosted|run|running|runs) (?:as|on|in|with|using) (?:an?|the)?$"
)


def _gap(tokens: list[Token], prev: Mention, m: Mention) -> str:
    return " ".join(t.low for t in tokens[prev.end : m.start])


def merge_asides(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """``ledger db (Postgres)``, ``Customer Portal, an Angular SPA,``: one component, not two."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if (
            prev
            and m.bare
            and _SERVES_AS.match(" ".join(t.low for t in tokens[prev.end : m.start]))
        ):
            prev.kind = m.kind
            continue
        if prev and m.technology and _BUILT_AS.match(_gap(tokens, prev, m)):
            prev.technology = prev.technology or m.technology  # "..., which shall be
            prev.end = max(prev.end, m.end)  # implemented as a Temporal workflow"
            continue
        if prev and _names_the_tech(tokens, prev, m):
            prev.name, prev.domain, prev.generic = m.name, m.domain, False
            prev.end = max(prev.end, _close(tokens, m.end))
            continue
        if prev and _is_aside(tokens, prev, m) and _compatible(prev, m):
            _absorb(tokens, prev, m)
            continue
        if prev and _later_in_aside(tokens, prev, m):
            _add_part(tokens, prev, m)
            continue
        merged.append(m)
    for m in merged:
        m.open_aside = (
            "(" in (t.low for t in tokens[m.start : m.end]) and tokens[m.end - 1].low != ")"
        )
    return merged


def _absorb(tokens: list[Token], prev: Mention, m: Mention) -> None:
    """The first part of an aside: its technology (and a generic head's kind) go to ``prev``."""
    prev.end = max(prev.end, _close(tokens, m.end))
    if m.kind == "protocol":
        return
    prev.technology = prev.technology or m.technology
    if prev.kind in GENERIC_HEAD_KINDS and m.kind not in ("client", "external", "language"):
        prev.kind = m.kind if m.technology and m.generic else prev.kind
    prev.aliases.append(m.name)


_JOINERS = frozenset({"+", ",", "and", "&", "/", "with", "on", "a", "an", "the", "plus"})


def _later_in_aside(tokens: list[Token], prev: Mention, m: Mention) -> bool:
    """ "upload API (API Gateway + Lambda)": every technology in the parentheses after the
    first also says what ``prev`` is built with, not a component of its own."""
    between = [t.low for t in tokens[prev.end : m.start]]
    if not between or not all(w in _JOINERS for w in between) or not (m.technology or m.bare):
        return False
    if m.kind in _USED_NOT_IS and prev.domain and prev.kind in GENERIC_HEAD_KINDS:
        return False  # "profile service (Go, Postgres)": a store it uses, not what it is
    opened = [j for j in range(prev.start, prev.end) if tokens[j].low == "("]
    return bool(opened) and all(t.low != ")" for t in tokens[opened[-1] : m.start])


def _names_the_tech(tokens: list[Token], prev: Mention, m: Mention) -> bool:
    """ "Azure Functions (anomaly detector)": the function is called Anomaly Detector."""
    between = [t.low for t in tokens[prev.end : m.start]]
    return (
        between == ["("]
        and prev.generic
        and prev.name == prev.technology
        and bool(m.domain)
        and not m.technology
        and m.kind in GENERIC_HEAD_KINDS | {prev.kind}
    )


def _close(tokens: list[Token], end: int) -> int:
    return end + 1 if end < len(tokens) and tokens[end].low == ")" else end


def _is_aside(tokens: list[Token], prev: Mention, m: Mention) -> bool:
    between = [t.low for t in tokens[prev.end : m.start]]
    if len(between) == 1 and between[0] in ("in", "on") and prev.kind in STORE_KINDS and m.generic:
        return m.kind in STORE_KINDS
    if between == ["in"] and m.generic and prev.kind == m.kind == "orchestrator":
        return True  # "a permit-review state machine in AWS Step Functions"
    if len(between) == 2 and between[0] in ("as", "in", "on") and (m.generic or m.bare):
        return between[0] == "as" or (prev.kind in STORE_KINDS and m.kind in STORE_KINDS)
    if between and between[0] in ("(", "="):  # "x (a Go service)", "x = separate consumer"
        return all(w in ("(", "=", "a", "an", "the") for w in between)
    return between in ([",", "a"], [",", "an"])


_USED_NOT_IS = frozenset(
    {
        "database",
        "cache",
        "storage",
        "event_store",
        "read_model",
        "broker",
        "topic",
        "queue",
        "external",
        "dead_letter_queue",
    }
)


def _compatible(prev: Mention, m: Mention) -> bool:
    if prev.kind == "service" and m.kind in _USED_NOT_IS and prev.domain:
        return False
    if m.generic or m.bare:
        return (
            m.kind == prev.kind
            or prev.kind in GENERIC_HEAD_KINDS
            or ({prev.kind, m.kind} <= {"database", "read_model", "cache"})
        )
    return m.kind == prev.kind or (prev.kind == "client" and m.kind == "client")


def _add_part(tokens: list[Token], prev: Mention, m: Mention) -> None:
    """ "(API Gateway + Lambda)": ``prev`` is built with both, named as written."""
    prev.end = max(prev.end, _close(tokens, m.end))
    part = m.technology or m.name
    base = prev.technology or (prev.aliases[-1] if prev.aliases else "")
    if part not in base:
        prev.technology = " + ".join(p for p in (base, part) if p)
    prev.aliases.append(m.name)
