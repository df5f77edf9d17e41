"""LLMPlanner: plans and refines with an OpenAI(-compatible) model instead of the rules.

Every answer is validated in full before it is returned: schema first (the wire models), then
the graph contract (``parse_graph``) or the edits against the current graph (``apply_edits``).
An answer that breaks the rules is sent back with the problems for at most
``MAX_REPAIR_ROUNDS`` corrections, after which planning fails with a readable PlannerError.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from pydantic import ValidationError

from diagrams.core.edits import EditError, apply_edits, parse_edits
from diagrams.core.graph import Graph, GraphError, describe_validation_error, parse_graph
from diagrams.core.planners.base import (
    MAX_INSTRUCTION_CHARS,
    MAX_PROMPT_CHARS,
    ChatTurn,
    PlannerError,
    PlanResult,
    Refinement,
    Usage,
)
from diagrams.core.planners.llm.client import ChatClient
from diagrams.core.planners.llm.compact import compact_graph
from diagrams.core.planners.llm.prompts import repair_prompt, system_prompt
from diagrams.core.planners.llm.wire import (
    MAX_SUMMARY_CHARS,
    PLAN_SCHEMA,
    REFINE_SCHEMA,
    WireGraph,
    WireRefinement,
)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_TIMEOUT = 60.0
MAX_REPAIR_ROUNDS = 2
MAX_HISTORY_TURNS = 4

T = TypeVar("T")
Message = dict[str, str]


@dataclass(frozen=True)
class _Task:
    """What one kind of request asks for: the response schema and how a repair names it."""

    schema_name: str
    schema: dict[str, Any]
    what: str


_PLAN = _Task("infrasketch_graph", PLAN_SCHEMA, "graph")
_REFINE = _Task("infrasketch_refinement", REFINE_SCHEMA, "answer (undo, summary and edits)")


class _BadAnswer(Exception):
    """An answer that breaks the rules; ``problems`` go back to the model. Never escapes."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class UnrepairedAnswerError(PlannerError):
    """The model kept breaking the rules through every repair round. ``usage`` is what it cost."""

    def __init__(self, message: str, *, usage: Usage) -> None:
        super().__init__(message)
        self.usage = usage


class LLMPlanner:
    """A Planner backed by a chat model with structured outputs (see the module docstring)."""

    name = "llm"

    def __init__(
        self,
        *,
        api_key: str,
        model: str,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if not api_key.strip():
            raise PlannerError("no API key is set for the LLM planner: set OPENAI_API_KEY")
        if not model.strip():
            raise PlannerError("no model is set for the LLM planner: set OPENAI_MODEL")
        if timeout <= 0:
            raise PlannerError("the LLM planner's timeout must be a positive number of seconds")
        self.model = model
        self._chat = ChatClient(
            api_key=api_key, model=model, base_url=base_url or None, timeout=timeout
        )

    def plan(self, prompt: str) -> PlanResult:
        """A graph for ``prompt``; raises PlannerError (TransientPlannerError for retryables)."""
        text = _checked_text(prompt, MAX_PROMPT_CHARS, "description")
        messages = [_message("system", system_prompt("plan")), _message("user", text)]
        graph, usage = self._converse(messages, _PLAN, _read_plan)
        return PlanResult(graph=graph, usage=usage)

    def refine(
        self, graph: Graph, instruction: str, history: Sequence[ChatTurn] = ()
    ) -> Refinement:
        """Edits (or undo) that carry out ``instruction`` on ``graph``; raises PlannerError."""
        text = _checked_text(instruction, MAX_INSTRUCTION_CHARS, "instruction")
        messages = [
            _message("system", system_prompt("refine")),
            *_history_messages(history),
            _message("user", _refine_request(graph, text)),
        ]
        refinement, usage = self._converse(messages, _REFINE, lambda c: _read_refinement(c, graph))
        if not refinement.undo and not refinement.edits:
            reason = refinement.summary or "it gave no reason"
            raise PlannerError(f"the model found nothing to change: {reason}")
        return replace(refinement, usage=usage)

    def _converse(
        self, messages: list[Message], task: _Task, read: Callable[[str], T]
    ) -> tuple[T, Usage]:
        """Ask, validate with ``read``, and send problems back for up to MAX_REPAIR_ROUNDS."""
        usage = Usage()
        for attempt in range(MAX_REPAIR_ROUNDS + 1):
            answer = self._chat.complete(messages, schema_name=task.schema_name, schema=task.schema)
            usage += answer.usage
            try:
                return read(answer.content), usage
            except _BadAnswer as bad:
                problems = bad.problems
            log.warning(
                "model %s: answer %d broke the rules: %s", self.model, attempt + 1, problems
            )
            messages = [
                *messages,
                _message("assistant", answer.content),
                _message("user", repair_prompt(problems, what=task.what)),
            ]
        raise UnrepairedAnswerError(
            f"the model's answer still broke the graph's rules after {MAX_REPAIR_ROUNDS} "
            f"repair rounds: {'; '.join(problems)}",
            usage=usage,
        )


def _message(role: str, content: str) -> Message:
    return {"role": role, "content": content}


def _checked_text(text: str, limit: int, what: str) -> str:
    stripped = text.strip()
    if not stripped:
        raise PlannerError(f"the {what} is empty")
    if len(stripped) > limit:
        raise PlannerError(f"the {what} is longer than {limit} characters")
    return stripped


def _history_messages(history: Sequence[ChatTurn]) -> list[Message]:
    """The last MAX_HISTORY_TURNS turns, so a long chat costs no more than a short one."""
    messages = []
    for turn in list(history)[-MAX_HISTORY_TURNS:]:
        messages.append(_message("user", turn.instruction[:MAX_INSTRUCTION_CHARS]))
        messages.append(_message("assistant", turn.summary[:MAX_SUMMARY_CHARS] or "Done."))
    return messages


def _refine_request(graph: Graph, instruction: str) -> str:
    return (
        f"<graph>\n{compact_graph(graph)}\n</graph>\n\n<instruction>\n{instruction}\n</instruction>"
    )


def _read_plan(content: str) -> Graph:
    try:
        wire = WireGraph.model_validate_json(content)
    except ValidationError as exc:
        raise _BadAnswer([describe_validation_error(exc)]) from None
    try:
        graph = parse_graph(wire.model_dump(mode="json"))
    except GraphError as exc:
        raise _BadAnswer(str(exc).split("; ")) from None
    if not graph.components:
        raise _BadAnswer(["the graph has no components"])
    return graph


def _read_refinement(content: str, graph: Graph) -> Refinement:
    try:
        wire = WireRefinement.model_validate_json(content)
    except ValidationError as exc:
        raise _BadAnswer([describe_validation_error(exc)]) from None
    data = wire.model_dump(mode="json")
    summary = str(data["summary"]).strip()[:MAX_SUMMARY_CHARS]
    if data["undo"]:
        return Refinement(undo=True, summary=summary)
    try:
        edits = parse_edits(_keep_unsent_event_fields(data["edits"], graph))
        apply_edits(graph, edits)
    except EditError as exc:
        raise _BadAnswer([f"the edits do not apply to the current graph: {exc}"]) from None
    return Refinement(edits=edits, summary=summary)


def _keep_unsent_event_fields(edits: list[dict[str, Any]], graph: Graph) -> list[dict[str, Any]]:
    """Give each ``update_event`` the data schema and description the model was never shown.

    The compact graph leaves them out, so a missing schema or an empty description in an
    update means "keep the current one", not "erase it".
    """
    current = {e.name: (e.schema_, e.description) for e in graph.events}
    for edit in edits:
        event = edit.get("event")
        if not isinstance(event, dict):
            continue
        if edit["op"] == "update_event" and edit["name"] in current:
            schema, description = current[edit["name"]]
            event.setdefault("schema", schema)
            event["description"] = event.get("description") or description
        current[event["name"]] = (event.get("schema", {}), event.get("description", ""))
    return edits
