"""The components a description names, merged across sentences, with a lookup by domain word."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diagrams.core.planners.rule_based.mention_types import Mention
from diagrams.core.planners.rule_based.text import stem

MESSAGING = frozenset({"broker", "topic", "queue", "dead_letter_queue"})
ACTORS = frozenset(
    {
        "service",
        "function",
        "gateway",
        "client",
        "stream_processor",
        "orchestrator",
        "external",
        "scheduler",
        "load_balancer",
        "cdn",
    }
)
_LEGACY_SYSTEM = frozenset(
    {
        "legacy",
        "erp",
        "crm",
        "mainframe",
        "core",
        "banking",
        "billing",
        "external",
        "third-party",
        "partner",
        "hr",
        "warehouse",
        "mes",
    }
)


@dataclass
class Comp:
    """A component found in the description (becomes a DComponent)."""

    key: str
    name: str
    kind: str
    technology: str = ""
    domain: tuple[str, ...] = ()
    parent: str = ""
    aliases: list[str] = field(default_factory=list)
    responsibilities: list[str] = field(default_factory=list)
    fed: bool = False


class Registry:
    """Resolves mentions to components: same name, same technology, or "the gateway"."""

    def __init__(self) -> None:
        self.comps: dict[str, Comp] = {}
        self._counter = 0
        self._word_index: dict[str, list[str]] | None = None
        self._name_index: tuple[list[str], dict[str, str]] | None = None

    def resolve(self, m: Mention) -> str | None:
        """The key of the component ``m`` names, registering it if new (None: not a component)."""
        if m.collective or m.kind in ("language", "protocol"):
            return None
        if m.name.endswith("System") and not set(m.domain) & _LEGACY_SYSTEM:
            return None
        if "outbox" in m.domain and m.kind == "database":
            return None
        key = self._existing(m)
        if key is None and m.anaphor:
            return None
        if key is None:
            key = self._new(m)
        comp = self.comps[key]
        comp.technology = comp.technology or (m.technology if m.kind != "language" else "")
        if m.technology and not comp.technology:
            comp.technology = m.technology
        m.key = key
        return key

    def _existing(self, m: Mention) -> str | None:
        if m.generic and m.name == m.technology and not (m.own or m.ordinal):
            key = "tech:" + m.technology
            if key in self.comps:
                return key
            same = [c for c in self.comps.values() if c.technology == m.technology]
            return same[0].key if len(same) == 1 else None
        if m.bare:
            return self._coreference(m)
        key = self._key(m)
        if key in self.comps and not m.ordinal:
            return key
        low = m.name.lower()
        for c in self.comps.values():
            if low in (a.lower() for a in c.aliases):
                return c.key
        return self._same_domain(key, m) or self._shortened(m)

    def _shortened(self, m: Mention) -> str | None:
        """ "the outage intake API" ... "the intake API": the one component whose name ends
        with the same words."""
        if not m.domain or m.ordinal or m.own:
            return None
        words = m.name.lower().split()
        same = [
            c.key
            for c in self.comps.values()
            if c.kind == m.kind
            and len(c.name.split()) > len(words)
            and [w.lower() for w in c.name.split()[-len(words) :]] == words
        ]
        return same[0] if len(same) == 1 else None

    def _same_domain(self, key: str, m: Mention) -> str | None:
        """ "the order API" ... "the order service": one component, named as first written."""
        domain, _, head = key.partition("|")
        twin = {"api": "service", "service": "api"}.get(head)
        if twin is None or not m.domain or m.ordinal:
            return None
        found = self.comps.get(f"{domain}|{twin}")
        if found is None or found.kind != m.kind:
            return None
        # "the Payment API" and "the Payment Ledger Service" are two components
        same_words = found.name.lower().split()[:-1] == m.name.lower().split()[:-1]
        return found.key if same_words else None

    def _coreference(self, m: Mention) -> str | None:
        low = m.name.lower()
        if m.ordinal:
            return None
        owner = self.by_word(low)
        if owner and " " not in low:
            return owner
        dead = m.kind == "dead_letter_queue"  # "a DLQ" is not the queue named before it
        for c in reversed(list(self.comps.values())):
            if c.name.lower().endswith(low) or (
                m.kind in MESSAGING
                and c.kind in MESSAGING
                and dead == (c.kind == "dead_letter_queue")
            ):
                return c.key
        same = [c for c in self.comps.values() if c.kind == m.kind]
        return same[-1].key if same and m.kind not in ("service", "client") else None

    def _key(self, m: Mention) -> str:
        if m.generic and m.name == m.technology:
            return "tech:" + m.technology
        head = m.name.split()[-1].lower() if m.name else m.kind
        return "dom:" + " ".join(stem(d) for d in m.domain) + "|" + head

    def _new(self, m: Mention) -> str:
        key = self._key(m)
        if key in self.comps:
            self._counter += 1
            key = f"{key}#{self._counter}"
        name = re.sub(r"(?<=\w)&(?=\w)", " & ", m.name)  # "Menu&Orders API": "Menu & Orders API"
        if m.ordinal and any(c.name == name for c in self.comps.values()):
            name = f"Second {name}"
        self._word_index = self._name_index = None
        parent = "tech:" + m.parent if m.parent else ""
        fed = False
        if not parent and m.kind in ("topic", "queue"):
            brokers = [c.key for c in self.comps.values() if c.kind == "broker"]
            parent, fed = (brokers[-1], True) if brokers else ("", False)
        self.comps[key] = Comp(key, name, m.kind, m.technology, m.domain, parent, list(m.aliases))
        self.comps[key].fed = fed
        return key

    def owner(self, entity: str) -> str | None:
        """The actor whose name carries ``entity`` ("order" -> Order Service), if any."""
        target = stem(entity)
        best: tuple[int, str] | None = None
        for c in self.comps.values():
            if c.kind not in ACTORS:
                continue
            stems = [stem(d) for d in c.domain]
            if target in stems:
                score = len(stems) * 2 + (0 if c.kind == "service" else 1)
                if best is None or score < best[0]:
                    best = (score, c.key)
        return best[1] if best else None

    def by_word(self, word: str) -> str | None:
        """The single component that a bare word (its last domain word or head) refers to."""
        if self._word_index is None:
            index: dict[str, list[str]] = {}
            for c in self.comps.values():
                for w in {c.domain[-1] if c.domain else "", c.name.lower().split()[-1]} - {""}:
                    index.setdefault(w, []).append(c.key)
            self._word_index = index
        hits = self._word_index.get(word.lower(), [])
        return hits[0] if len(hits) == 1 else None

    def forget(self, key: str) -> None:
        """Drop a component that turned out not to be one (e.g. the system's own name)."""
        self.comps.pop(key, None)
        self._word_index = self._name_index = None

    def by_name(self, name: str) -> str | None:
        """The component called exactly ``name`` (e.g. a function named ParseInvoice)."""
        if self._name_index is None or len(self._name_index[0]) != len(self.comps):
            names: dict[str, str] = {}
            for c in self.comps.values():
                names.setdefault(c.name.lower(), c.key)
            self._name_index = (list(self.comps), names)
        return self._name_index[1].get(name.lower())

    def kind(self, key: str) -> str:
        return self.comps[key].kind
