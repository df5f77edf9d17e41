"""Reading event names: PascalCase words, imperative verbs, past tense and the aggregate.

Events are facts named in the past tense (``OrderCreated``); commands are imperative
(``CreateOrder``). These helpers tell the two apart and suggest the event form of a command-like
name, without any dictionary beyond a short list of verbs common in business systems.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+")

# Imperative verbs that start command names in business systems.
_VERB_WORDS = (
    "Accept Activate Add Adjust Allocate Apply Approve Archive Assign Authorize Block Book "
    "Calculate Cancel Capture Change Charge Check Checkout Claim Clear Close Complete Confirm "
    "Create Credit Debit Deactivate Decline Delete Deliver Deposit Dispatch Dispute Enroll "
    "Escalate Expire Export Fulfil Fulfill Generate Import Issue Notify Open Pay Place "
    "Post Process Publish Purchase Record Refund Register Reject Release Remove Renew Request "
    "Reserve Reset Resolve Restock Resume Retry Return Revoke Schedule Send Set Ship Start "
    "Stop Submit Suspend Sync Transfer Unblock Update Upload Validate Verify Void Withdraw"
)
VERBS = frozenset(_VERB_WORDS.split())
_IRREGULAR = {
    "Pay": "Paid",
    "Send": "Sent",
    "Set": "Set",
    "Issue": "Issued",
    "Withdraw": "Withdrawn",
    "Fulfil": "Fulfilled",
    "Cancel": "Cancelled",
}
_DOUBLE_FINAL = frozenset({"Ship", "Stop", "Submit", "Plan", "Drop", "Transfer"})
FAILURE_SUFFIXES = (
    "Failed",
    "Rejected",
    "Declined",
    "TimedOut",
    "Expired",
    "Cancelled",
    "Canceled",
)


def words(name: str) -> list[str]:
    """The PascalCase words of ``name`` (``"OrderCreated"`` -> ``["Order", "Created"]``)."""
    return _WORD.findall(name)


def past_tense(verb: str) -> str:
    """The past participle of an imperative verb from ``VERBS`` (``"Ship"`` -> ``"Shipped"``)."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ed"
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _is_past(word: str) -> bool:
    return word.endswith("ed") or word in _IRREGULAR.values() or word.endswith("en")


def looks_like_command(name: str) -> bool:
    """True when ``name`` starts with an imperative verb and ends in no past-tense word."""
    parts = words(name)
    return len(parts) >= 2 and parts[0] in VERBS and not _is_past(parts[-1])


def event_form(name: str) -> str:
    """The past-tense event name for a command-like name (``"CreateOrder"`` -> ``"OrderCreated"``)."""
    parts = words(name)
    if not looks_like_command(name):
        return name
    return "".join(parts[1:]) + past_tense(parts[0])


def aggregate(name: str) -> str:
    """The aggregate an event or command is about (``"OrderCreated"``/``"ReserveStock"`` -> Order/Stock)."""
    parts = words(name)
    if looks_like_command(name):
        return parts[1]
    return parts[0] if parts else name


def is_failure(name: str) -> bool:
    """True for events that report a failed or abandoned step (``PaymentFailed``)."""
    return name.endswith(FAILURE_SUFFIXES)


def camel(text: str) -> str:
    """``"Order"`` -> ``"order"``; ``"OrderLine"`` -> ``"orderLine"``."""
    return text[:1].lower() + text[1:]
