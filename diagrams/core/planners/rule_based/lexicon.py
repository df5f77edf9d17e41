"""Verbs as data: what a verb says about two components, and its inflected forms.

``VERB_CLASSES`` maps a lemma to how it relates its subject to its object:
call (synchronous request), write / read (to a store), publish / subscribe (messages),
fanout (a broker delivering onwards), trigger (an event starting something), own (has a
store), use (decided by the object's kind), command (an orchestrator driving a step).
"""

from __future__ import annotations

import re

_VERB_TABLE = {
    "call": "call invoke hit request route forward proxy front reach contact talk depend rely "
    "delegate connect consult integrate authenticate authorise authorize verify validate charge "
    "query access serve redirect notify inform text email page ping submit upload pass hand "
    "look get ask",
    "write": "store keep save persist write record log archive cache insert update maintain "
    "append index hold dump land put materialize project build populate sink render decrement "
    "increment load",
    "read": "read fetch pull scan search retrieve lookup find show display review answer",
    "publish": "publish emit produce send raise fire broadcast push enqueue post drop announce "
    "dispatch stream signal report output generate issue",
    "subscribe": "consume subscribe listen react handle pick receive process poll watch tail "
    "take see hear ingest drain dequeue await wait",
    "fanout": "fan deliver distribute relay replicate propagate feed",
    "trigger": "trigger kick start wake schedule launch",
    "own": "own have back",
    "use": "use go sit run live leverage",
    "command": "drive tell instruct command coordinate orchestrate direct",
}
VERB_CLASSES: dict[str, str] = {
    lemma: cls for cls, words in _VERB_TABLE.items() for lemma in words.split()
}

_IRREGULAR: dict[str, tuple[str, str]] = {
    # lemma: (past, past participle)
    "send": ("sent", "sent"),
    "write": ("wrote", "written"),
    "read": ("read", "read"),
    "keep": ("kept", "kept"),
    "put": ("put", "put"),
    "hit": ("hit", "hit"),
    "get": ("got", "gotten"),
    "take": ("took", "taken"),
    "feed": ("fed", "fed"),
    "hold": ("held", "held"),
    "build": ("built", "built"),
    "run": ("ran", "run"),
    "go": ("went", "gone"),
    "tell": ("told", "told"),
    "bring": ("brought", "brought"),
    "buy": ("bought", "bought"),
    "pay": ("paid", "paid"),
    "make": ("made", "made"),
    "find": ("found", "found"),
    "lose": ("lost", "lost"),
    "set": ("set", "set"),
    "split": ("split", "split"),
    "sell": ("sold", "sold"),
    "give": ("gave", "given"),
    "ride": ("rode", "ridden"),
    "drive": ("drove", "driven"),
    "choose": ("chose", "chosen"),
    "begin": ("began", "begun"),
    "do": ("did", "done"),
    "see": ("saw", "seen"),
    "leave": ("left", "left"),
    "lead": ("led", "led"),
    "hear": ("heard", "heard"),
    "have": ("had", "had"),
    "sit": ("sat", "sat"),
    "cancel": ("cancelled", "cancelled"),
    "fan": ("fanned", "fanned"),
    "undo": ("undid", "undone"),
    "withdraw": ("withdrew", "withdrawn"),
    "rebuild": ("rebuilt", "rebuilt"),
    "upload": ("uploaded", "uploaded"),
    "shut": ("shut", "shut"),
    "break": ("broke", "broken"),
    "come": ("came", "come"),
    "become": ("became", "become"),
    "fall": ("fell", "fallen"),
    "grow": ("grew", "grown"),
    "mean": ("meant", "meant"),
    "spend": ("spent", "spent"),
    "win": ("won", "won"),
}
_DOUBLE_FINAL = frozenset(
    {
        "ship",
        "drop",
        "plan",
        "stop",
        "fan",
        "tap",
        "log",
        "map",
        "tag",
        "scan",
        "ban",
        "skip",
        "swap",
        "trip",
        "chat",
        "submit",
        "admit",
        "commit",
        "omit",
        "permit",
        "refer",
        "transfer",
        "prefer",
        "top",
    }
)


def participle(lemma: str) -> str:
    """Past participle of a verb lemma: ship -> shipped, send -> sent, reserve -> reserved."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma][1]
    if lemma in _DOUBLE_FINAL:
        return lemma + lemma[-1] + "ed"
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _gerund(lemma: str) -> str:
    if lemma in _DOUBLE_FINAL:
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    return lemma + "ing"


def forms(lemma: str) -> set[str]:
    """Every inflected form of ``lemma`` (base, 3rd person, past, participle, gerund)."""
    past = _IRREGULAR.get(lemma, (participle(lemma), participle(lemma)))
    return {lemma, _third_person(lemma), past[0], past[1], _gerund(lemma)}


# Further verbs that only matter as "this word is a verb, not a component name".
OTHER_VERBS = (  # noqa: SIM905
    "accept add allow apply approve assign book calculate capture check clear close complete "
    "compute confirm create credit debit decide delete detect enrich expose extend ship flag "
    "aggregate lock mark match move need offer open order pack place provide provision refund "
    "register release remove reserve resize return score sign track transform unlock want work "
    "allocate assess collect compensate convert deduct dedupe deduplicate encrypt expire invoice "
    "map merge parse price quote rate reconcile refresh reject renew retry rollback roll sync "
    "tokenize transcode upsert cancel implement require decline succeed fail arrive end begin "
    "finish deposit withdraw pay include design create describe model draw contain consist comprise "
    "support deploy host let sketch diagram architect mean help try seem become wait exist "
    "belong say hire enter leave lose fill unlock give split ring bump turn"
).split()

VERB_LEMMA: dict[str, str] = {}
for _lemma in (*VERB_CLASSES, *OTHER_VERBS):
    for _form in forms(_lemma):
        VERB_LEMMA.setdefault(_form, _lemma)
# Words that look like verb forms but are far more often nouns in architecture prose.
VERB_LEMMA["has"] = "have"
del VERB_LEMMA["back"]  # "publishes X back onto EventBridge": a particle ("backs", "backed" stay)
_NOUNS = (  # noqa: SIM905
    "service services cache index queue stream streams order orders record records report "
    "reports log logs request requests post posts search update updates issue issues signal "
    "signals project projects return returns booking ledger match book books payment pricing "
    "invoice invoices quote quotes rate rates price prices track tracks sync map maps score "
    "scores check checks processing billing shipping matching picking packing scoring listing "
    "listings ride rides trip trips sign end ends output outputs hold holds transfer transfers "
    "view views feed feeds set sets claim claims lock locks run runs hits message messages "
    "login web email emails text texts page pages pull push pushes alert alerts flag "
    "flags ticketing dispatch reporting routing accounting onboarding staging streaming "
    "pipeline handler answer answers"
).split()
for _noun in _NOUNS:
    VERB_LEMMA.pop(_noun, None)
NOUN_FIRST = frozenset(_NOUNS)  # verb forms that are nouns unless context says otherwise
# Particles that follow a verb and belong to it ("talks to", "fans out to", "picks up").
PARTICLES = frozenset(
    {
        "to",
        "up",
        "out",
        "on",
        "for",
        "off",
        "from",
        "into",
        "onto",
        "with",
        "through",
        "in",
        "at",
        "back",
    }
)


def imperative(name: str) -> bool:
    """Whether an event name starts with a verb's base form: "ReserveStock", "RunCrossmatch",
    "IssueUnits" (a command), not "StockReserved"."""
    first = re.findall(r"[A-Z][a-z0-9]*", name)[:1]
    low = first[0].lower() if first else ""
    return bool(low) and (VERB_LEMMA.get(low) == low or low in NOUN_FIRST)
