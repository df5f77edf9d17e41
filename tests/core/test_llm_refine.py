"""LLMPlanner.refine against a real local HTTP server: compact graph in, typed edits out."""

from __future__ import annotations

import json

import pytest

from diagrams.core.edits import (
    AddComponent,
    AddFlow,
    AddPattern,
    UpdateComponent,
    UpdateEvent,
    apply_edits,
)
from diagrams.core.graph import Component, Flow, Pattern
from diagrams.core.planners.base import ChatTurn, PlannerError
from diagrams.core.planners.llm import MAX_HISTORY_TURNS, UnrepairedAnswerError
from diagrams.core.planners.llm.compact import compact_graph
from diagrams.core.planners.llm.wire import REFINE_SCHEMA, edits_to_wire
from tests.support.llm_samples import planner_for, synthetic_graph

pytest_plugins = ["tests.support.fixtures"]

INSTRUCTION = "Add a dead letter queue for failed events"


def _answer(edits, *, undo=False, summary="Added a dead letter queue."):
    return {"undo": undo, "summary": summary, "edits": edits_to_wire(edits)}


def _dlq_edits():
    return [
        AddComponent(component=Component(id="dlq", name="Dead Letters", kind="dead_letter_queue")),
        AddFlow(flow=Flow(source="kafka", target="dlq", kind="publish", label="failed")),
        AddPattern(pattern=Pattern(kind="dead_letter_queue", name="DLQ", components=["dlq"])),
    ]


def test_it_returns_the_models_edits_and_they_apply_to_the_graph(fake_openai):
    graph = synthetic_graph(10)
    fake_openai.reply(_answer(_dlq_edits()))

    refinement = planner_for(fake_openai).refine(graph, INSTRUCTION)

    assert refinement.edits == _dlq_edits()
    assert refinement.undo is False
    assert refinement.summary == "Added a dead letter queue."
    assert refinement.usage.input_tokens > 0 and refinement.usage.output_tokens > 0
    new = apply_edits(graph, refinement.edits)
    assert new.component("dlq") is not None and len(new.components) == 11


def test_it_sends_the_compact_graph_and_the_instruction_in_one_delimited_user_message(
    fake_openai,
):
    graph = synthetic_graph(10)
    fake_openai.reply(_answer(_dlq_edits()))

    planner_for(fake_openai).refine(graph, f"  {INSTRUCTION}  ")

    request = fake_openai.chat_requests()[0]
    system, user = request.messages
    assert system["role"] == "system" and INSTRUCTION not in system["content"]
    assert user["role"] == "user"
    assert user["content"] == (
        f"<graph>\n{compact_graph(graph)}\n</graph>\n\n<instruction>\n{INSTRUCTION}\n</instruction>"
    )
    sent = request.raw.decode()
    assert "Owns thing 1" not in sent and "Handles thing 1" not in sent  # descriptions stay home
    schema = request.body["response_format"]["json_schema"]
    assert schema["strict"] is True and schema["schema"] == REFINE_SCHEMA


def test_it_sends_only_the_last_few_chat_turns(fake_openai):
    history = [ChatTurn(instruction=f"change {i}", summary=f"changed {i}") for i in range(10)]
    fake_openai.reply(_answer(_dlq_edits()))

    planner_for(fake_openai).refine(synthetic_graph(10), INSTRUCTION, history)

    messages = fake_openai.chat_requests()[0].messages
    turns = messages[1:-1]
    assert len(turns) == 2 * MAX_HISTORY_TURNS
    assert [m["role"] for m in turns] == ["user", "assistant"] * MAX_HISTORY_TURNS
    assert turns[0]["content"] == "change 6" and turns[-1]["content"] == "changed 9"


def test_request_size_grows_with_the_graph_not_with_the_chat(fake_openai):
    def request_size(components, turns):
        history = [ChatTurn(instruction="make another change", summary="Done it.")] * turns
        fake_openai.reply(_answer(_dlq_edits()))
        planner_for(fake_openai).refine(synthetic_graph(components), INSTRUCTION, history)
        return len(fake_openai.chat_requests()[-1].raw)

    small, large = request_size(10, 4), request_size(100, 4)
    assert request_size(10, 40) == small
    assert large - small > 20 * 90  # at least ~20 characters more for each added component


def test_it_can_answer_undo(fake_openai):
    fake_openai.reply({"undo": True, "summary": "Reverted the last change.", "edits": []})

    refinement = planner_for(fake_openai).refine(synthetic_graph(10), "undo that")

    assert refinement.undo is True and refinement.edits == []
    assert refinement.summary == "Reverted the last change."


def test_it_sends_an_edit_to_an_unknown_component_back_and_uses_the_repair(fake_openai):
    bad = [UpdateComponent(id="ghost", name="Ghost")]
    fake_openai.reply(_answer(bad))
    fake_openai.reply(_answer(_dlq_edits()))

    refinement = planner_for(fake_openai).refine(synthetic_graph(10), INSTRUCTION)

    assert refinement.edits == _dlq_edits()
    first, second = fake_openai.chat_requests()
    repair = second.messages[-1]["content"]
    assert "there is no component with id 'ghost'" in repair
    assert json.loads(second.messages[-2]["content"]) == _answer(bad)
    assert refinement.usage.input_tokens > len(first.raw) // 4


def test_it_gives_up_when_the_edits_never_apply(fake_openai):
    for _ in range(3):
        fake_openai.reply(_answer([UpdateComponent(id="ghost", name="Ghost")]))

    with pytest.raises(UnrepairedAnswerError, match="there is no component with id 'ghost'"):
        planner_for(fake_openai).refine(synthetic_graph(10), INSTRUCTION)

    assert len(fake_openai.chat_requests()) == 3


def test_an_answer_with_no_edits_is_an_error_with_the_models_reason(fake_openai):
    fake_openai.reply(_answer([], summary="The graph has no payment service to remove."))

    with pytest.raises(PlannerError, match="nothing to change: The graph has no payment service"):
        planner_for(fake_openai).refine(synthetic_graph(10), "Remove the payment service")


def test_an_event_update_without_schema_or_description_keeps_them(fake_openai):
    graph = synthetic_graph(10)
    old = graph.events[0]
    renamed = old.model_copy(update={"name": "ThingZeroDone", "description": ""})
    wire = _answer([UpdateEvent(name=old.name, event=renamed)])
    wire["edits"][0]["event"]["data_schema"] = None
    fake_openai.reply(wire)

    refinement = planner_for(fake_openai).refine(graph, "Rename event Thing0Happened")

    [edit] = refinement.edits
    assert isinstance(edit, UpdateEvent)
    assert edit.event.name == "ThingZeroDone"
    assert edit.event.schema_ == old.schema_ and edit.event.description == old.description
    new = apply_edits(graph, refinement.edits)
    assert new.flows[0].events == ["ThingZeroDone"]


def test_a_long_summary_is_cut_rather_than_sent_back(fake_openai):
    fake_openai.reply(_answer(_dlq_edits(), summary="Added. " * 200))

    refinement = planner_for(fake_openai).refine(synthetic_graph(10), INSTRUCTION)

    assert len(refinement.summary) == 500
    assert len(fake_openai.chat_requests()) == 1


def test_it_rejects_an_empty_instruction_without_calling_the_model(fake_openai):
    with pytest.raises(PlannerError, match="instruction is empty"):
        planner_for(fake_openai).refine(synthetic_graph(10), "  ")

    assert fake_openai.requests == []
