"""The Planner protocol shared by the offline rule-based planner and the LLM planner.

A planner turns a prompt into a Graph (``plan``) and a chat instruction into typed edit
operations (``refine``). It never touches the database: the Django layer stores what it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from diagrams.core.edits import Edit
from diagrams.core.graph import Graph

MAX_PROMPT_CHARS = 10_000
MAX_INSTRUCTION_CHARS = 2_000


class PlannerError(ValueError):
    """The planner could not produce a result. ``str()`` is a message for a person."""


class TransientPlannerError(PlannerError):
    """A fault worth retrying (timeout, rate limit, server error). ``retry_after`` in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Usage:
    """Tokens spent by one planner call (zero for the offline planner)."""

    input_tokens: int = 0
    output_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens, self.output_tokens + other.output_tokens
        )


@dataclass(frozen=True)
class ChatTurn:
    """One earlier refinement in the conversation, for context."""

    instruction: str
    summary: str = ""


@dataclass(frozen=True)
class PlanResult:
    graph: Graph
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class Refinement:
    """What an instruction asks for: edits to apply, or ``undo`` of the latest revision."""

    edits: list[Edit] = field(default_factory=list)
    undo: bool = False
    summary: str = ""
    usage: Usage = field(default_factory=Usage)


class Planner(Protocol):
    name: str

    def plan(self, prompt: str) -> PlanResult:
        """A graph for ``prompt``; raises PlannerError (or TransientPlannerError)."""
        ...

    def refine(
        self, graph: Graph, instruction: str, history: Sequence[ChatTurn] = ()
    ) -> Refinement:
        """Edits that carry out ``instruction`` on ``graph``; raises PlannerError."""
        ...
