"""Relative clauses set off by commas: "The Matchmaker, which we run as replicas, consumes X"."""

from __future__ import annotations

from diagrams.core.planners.rule_based.items import Fact, Item, Sentence


def closed_relative(items: list[Item], comma: int) -> str | None:
    """The antecedent of ", which ... ," ending at ``items[comma]``: the subject of the verb
    after the closing comma."""
    if items[comma].token.low != ",":
        return None
    if comma >= 1 and items[comma - 1].kind == "m" and _opens(items, comma - 1):
        return items[comma - 1].key  # "The Notification Function, an Azure Function, shall"
    for j in range(comma - 1, 0, -1):
        low = items[j].token.low
        if low in (",", ";", ":", "and"):
            return None
        if low in ("which", "who") and items[j - 1].token.low == ",":
            k = j - 2
            return items[k].key if k >= 0 and items[k].kind == "m" else None
    return None


def _opens(items: list[Item], j: int) -> bool:
    """The mention at ``j`` is the sentence's first phrase (only articles before it)."""
    return all(it.kind == "w" and it.token.low in ("the", "a", "an", "our") for it in items[:j])


def on_event(sentence: Sentence) -> list[Fact]:
    """ "alerting lambda on GeofenceBreached -> texts ...": the component handles that event."""
    items = sentence.items
    if len(items) < 3 or items[0].kind != "m" or items[1].token.low not in ("on", "upon"):
        return []
    events = []
    for it in items[2:]:
        if it.kind == "e":
            events.append(it.token.text)
        elif it.token.low not in ("and", ",", "+", "or"):
            break
    if not events:
        return []
    return [Fact("subscribe", items[0].key, None, events, "listen", sentence.index, sentence.text)]
