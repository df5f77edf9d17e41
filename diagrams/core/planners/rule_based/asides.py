"""Asides that add to a mention instead of naming a new component.

``ledger db (Postgres)``, ``Customer Portal, an Angular SPA,``, ``an OpenSearch index, which
serves as the read model``: one component each, not two.
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.mention_types import GENERIC_HEAD_KINDS, STORE_KINDS, Mention
from diagrams.core.planners.rule_based.text import Token

_SERVES_AS = re.compile(r"^,? ?(?:which|that) (?:serves|acts|works|is used) as (?:the|a|an|our)$")


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
        if prev and _names_the_tech(tokens, prev, m):
            prev.name, prev.domain, prev.generic = m.name, m.domain, False
            prev.end = max(prev.end, _close(tokens, m.end))
            continue
        if prev and _is_aside(tokens, prev, m) and _compatible(prev, m):
            prev.end = max(prev.end, _close(tokens, m.end))
            if m.kind == "protocol":
                continue
            prev.technology = prev.technology or m.technology
            if prev.kind in GENERIC_HEAD_KINDS and m.kind not in (
                "client",
                "external",
                "language",
            ):
                prev.kind = m.kind if m.technology and m.generic else prev.kind
            prev.aliases.append(m.name)
            continue
        merged.append(m)
    return merged


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
    if len(between) == 2 and between[0] in ("as", "in", "on") and (m.generic or m.bare):
        return between[0] == "as" or (prev.kind in STORE_KINDS and m.kind in STORE_KINDS)
    if between and between[0] == "(":
        return all(w in ("(", "a", "an", "the") for w in between)
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
