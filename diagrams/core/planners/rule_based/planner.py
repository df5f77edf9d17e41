"""The offline rule-based planner: no network, no model, deterministic, fast."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from diagrams.core.edits import EditError, apply_edits
from diagrams.core.graph import (
    MAX_COMPONENTS,
    MAX_EVENTS,
    MAX_FLOWS,
    Graph,
    describe_validation_error,
)
from diagrams.core.planners.base import (
    MAX_INSTRUCTION_CHARS,
    MAX_PROMPT_CHARS,
    ChatTurn,
    PlannerError,
    PlanResult,
    Refinement,
)
from diagrams.core.planners.rule_based.draft import Draft
from diagrams.core.planners.rule_based.understand import understand


class RuleBasedPlanner:
    """Plans graphs from descriptions and edits from chat instructions with language rules."""

    name = "rule_based"

    def plan(self, prompt: str) -> PlanResult:
        """A validated graph for ``prompt``; PlannerError when there is nothing to draw."""
        text = _checked(prompt, MAX_PROMPT_CHARS, "description")
        try:
            draft = understand(text)
        except RecursionError:
            raise PlannerError("That description is nested too deeply to read.") from None
        if not draft.components:
            raise PlannerError(
                "I could not find any components in that description. Name the parts of the "
                "system, e.g. 'an order service publishes OrderCreated to Kafka; the billing "
                "service consumes it'."
            )
        _check_limits(draft)
        try:
            return PlanResult(graph=draft.to_graph())
        except ValidationError as exc:
            raise PlannerError(
                "The description produced an invalid graph: " + describe_validation_error(exc)
            ) from None

    def refine(
        self, graph: Graph, instruction: str, history: Sequence[ChatTurn] = ()
    ) -> Refinement:
        """Typed edits that carry out ``instruction``; PlannerError when it is not understood."""
        from diagrams.core.planners.rule_based.refine import refine

        text = _checked(instruction, MAX_INSTRUCTION_CHARS, "instruction")
        result = refine(graph, text)
        if not result.undo:
            try:
                apply_edits(graph, result.edits)
            except EditError as exc:
                raise PlannerError(f"That change cannot be applied: {exc}") from None
        return result


def _checked(text: str, limit: int, what: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise PlannerError(f"The {what} is empty: describe what you want to see.")
    if len(text) > limit:
        raise PlannerError(f"The {what} is {len(text)} characters long; the limit is {limit}.")
    return text.strip()


def _check_limits(draft: Draft) -> None:
    counts = (
        (len(draft.components), MAX_COMPONENTS, "components"),
        (len(draft.flows), MAX_FLOWS, "flows"),
        (len(draft.events), MAX_EVENTS, "events"),
    )
    for count, limit, what in counts:
        if count > limit:
            raise PlannerError(
                f"The description implies {count} {what}; a diagram holds at most {limit}. "
                "Split it into smaller diagrams, one per part of the system."
            )
