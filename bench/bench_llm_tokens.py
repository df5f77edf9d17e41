"""Tokens the LLM planner spends per plan and per refinement, for graphs of 10, 30 and 100
components, against the fake OpenAI server (a real HTTP server on 127.0.0.1).

Token counts are the fake server's estimate from request and answer size, ceil(chars / 4),
not a real tokenizer's: they show how cost scales, not what a given model bills. A refinement
must grow with the graph and not with the length of the chat (only the last few turns are
sent); the script exits non-zero if it does not.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from diagrams.core.edits import AddComponent
from diagrams.core.graph import Component
from diagrams.core.planners.base import ChatTurn
from diagrams.core.planners.llm import MAX_HISTORY_TURNS
from diagrams.core.planners.llm.compact import compact_graph
from diagrams.core.planners.llm.wire import edits_to_wire, graph_to_wire
from tests.support.fake_openai import TOKEN_ESTIMATE, FakeOpenAIServer, estimate_tokens
from tests.support.llm_samples import planner_for, synthetic_graph

SIZES = (10, 30, 100)
CHAT_LENGTHS = (0, MAX_HISTORY_TURNS, 40)
PROMPT = "An event-driven system of services around Kafka, each with its own database."
INSTRUCTION = "Add a dead letter queue for failed events"


@dataclass(frozen=True)
class Row:
    components: int
    plan_in: int
    plan_out: int
    refine_in: dict[int, int]  # chat length -> input tokens
    refine_out: int
    compact_graph: int
    json_graph: int


def measure(components: int) -> Row:
    """Plan and refine a synthetic graph of ``components`` against a fresh fake server."""
    graph = synthetic_graph(components)
    dlq = AddComponent(component=Component(id="dlq", name="DLQ", kind="dead_letter_queue"))
    answer = {"undo": False, "summary": "Added a DLQ.", "edits": edits_to_wire([dlq])}
    with FakeOpenAIServer() as server:
        planner = planner_for(server)
        server.reply(graph_to_wire(graph))
        plan = planner.plan(PROMPT)
        refine_in, refine_out = {}, 0
        for turns in CHAT_LENGTHS:
            history = [ChatTurn(instruction=INSTRUCTION, summary="Added a DLQ.")] * turns
            server.reply(answer)
            refinement = planner.refine(graph, INSTRUCTION, history)
            refine_in[turns] = refinement.usage.input_tokens
            refine_out = refinement.usage.output_tokens
    return Row(
        components=components,
        plan_in=plan.usage.input_tokens,
        plan_out=plan.usage.output_tokens,
        refine_in=refine_in,
        refine_out=refine_out,
        compact_graph=estimate_tokens(compact_graph(graph)),
        json_graph=estimate_tokens(json.dumps(graph.to_json())),
    )


def problems(rows: list[Row]) -> list[str]:
    """Where refinement cost fails to follow the graph, or follows the chat's length."""
    found = []
    for row in rows:
        beyond = [row.refine_in[t] for t in CHAT_LENGTHS if t >= MAX_HISTORY_TURNS]
        if len(set(beyond)) != 1:
            found.append(f"{row.components} components: refinement grows with the chat {beyond}")
    for smaller, larger in pairwise(rows):
        if larger.refine_in[0] <= smaller.refine_in[0]:
            found.append(
                f"refinement does not grow from {smaller.components} to {larger.components}"
            )
    return found


def main() -> int:
    rows = [measure(n) for n in SIZES]
    print(f"LLM planner tokens against the fake OpenAI server; estimate = {TOKEN_ESTIMATE}")
    print("(the server's usage numbers computed from request/answer size, not a tokenizer)\n")
    turns = " | ".join(f"refine in, {t:>2} turns" for t in CHAT_LENGTHS)
    print(f"components | plan in | plan out | {turns} | refine out | compact graph | JSON graph")
    for r in rows:
        cells = " | ".join(f"{r.refine_in[t]:>18}" for t in CHAT_LENGTHS)
        print(
            f"{r.components:>10} | {r.plan_in:>7} | {r.plan_out:>8} | {cells} | "
            f"{r.refine_out:>10} | {r.compact_graph:>13} | {r.json_graph:>10}"
        )
    found = problems(rows)
    for problem in found:
        print(f"FAIL: {problem}")
    if not found:
        print(
            f"\nOK: refinement input grows with the graph; chats past {MAX_HISTORY_TURNS} turns cost the same."
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
