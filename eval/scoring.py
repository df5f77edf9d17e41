"""Scoring a planner against the evaluation cases (used by run_eval.py and the tests).

Names match loosely: case, punctuation, plurals and a "service" suffix are ignored, a name may
end the other ("Account Service" ~ "Bank Account Service"), and a technology name matches a
component with that technology ("Postgres" ~ "Ledger DB (PostgreSQL)"). "A|B" lists
acceptable alternatives for names and kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from diagrams.core.graph import Graph

EVAL_DIR = Path(__file__).resolve().parent
FAMILY = {"call": "call", "read": "data", "write": "data", "publish": "async", "subscribe": "async"}
_ALIASES = {
    "db": "database",
    "svc": "service",
    "microservice": "service",
    "postgresql": "postgres",
    "apis": "api",
}


def load_cases(*names: str) -> list[dict[str, Any]]:
    """The cases of the named YAML files in eval/ (default: cases.yaml and seed-cases.yaml)."""
    cases: list[dict[str, Any]] = []
    for name in names or ("cases.yaml", "seed-cases.yaml"):
        cases += yaml.safe_load((EVAL_DIR / name).read_text())["cases"]
    return cases


def words(name: str) -> list[str]:
    """A name as comparable words."""
    out = []
    for w in re.sub(r"[^a-z0-9]+", " ", name.lower()).split():
        w = _ALIASES.get(w, w)
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    while len(out) > 1 and out[-1] == "service":
        out.pop()
    return [w for w in out if w not in ("the", "a", "an")]


def name_matches(expected: str, name: str, technology: str = "") -> bool:
    """Whether a component called ``name`` (with ``technology``) is the ``expected`` one."""
    for alt in expected.split("|"):
        e, n = words(alt), words(name)
        if not e or not n:
            continue
        if e == n or n[-len(e) :] == e or e[-len(n) :] == n:
            return True
        if technology and words(technology) == e:
            return True
    return False


def kind_matches(expected: str, kind: str) -> bool:
    return kind in expected.split("|")


@dataclass
class Score:
    """Hits and totals for one measure; recall and precision as fractions."""

    hit: int = 0
    expected: int = 0
    right: int = 0
    predicted: int = 0

    def add(self, other: Score) -> None:
        self.hit += other.hit
        self.expected += other.expected
        self.right += other.right
        self.predicted += other.predicted

    @property
    def recall(self) -> float:
        return self.hit / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0


@dataclass
class CaseResult:
    case_id: str
    components: Score = field(default_factory=Score)
    routes: Score = field(default_factory=Score)
    flows: Score = field(default_factory=Score)
    patterns: Score = field(default_factory=Score)
    checks: Score = field(default_factory=Score)
    refinements: Score = field(default_factory=Score)
    invented_brokers: int = 0
    notes: list[str] = field(default_factory=list)


def match_components(graph: Graph, expected: list[dict[str, str]]) -> dict[str, str]:
    """component id -> expected name, for every expected component found (one to one)."""
    mapping: dict[str, str] = {}
    for strict in (True, False):
        for exp in expected:
            if exp["name"] in mapping.values():
                continue
            for c in graph.components:
                if c.id in mapping:
                    continue
                if name_matches(exp["name"], c.name, "" if strict else c.technology) and (
                    not strict or kind_matches(exp.get("kind", c.kind), c.kind)
                ):
                    mapping[c.id] = exp["name"]
                    break
    return mapping


def resolve(graph: Graph, name: str, mapping: dict[str, str]) -> set[str]:
    """Ids of the components ``name`` refers to (by the mapping, else by a loose match)."""
    ids = {cid for cid, exp in mapping.items() if exp == name}
    return ids or {c.id for c in graph.components if name_matches(name, c.name, c.technology)}
