"""The LLM planner: OpenAI (or any OpenAI-compatible server) with strict structured outputs.

Configuration comes from the caller (the Django settings read OPENAI_API_KEY, OPENAI_BASE_URL
and OPENAI_MODEL); nothing here reads the environment.
"""

from __future__ import annotations

from diagrams.core.planners.llm.planner import (
    DEFAULT_MODEL,
    DEFAULT_TIMEOUT,
    MAX_HISTORY_TURNS,
    MAX_REPAIR_ROUNDS,
    LLMPlanner,
    UnrepairedAnswerError,
)

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_TIMEOUT",
    "MAX_HISTORY_TURNS",
    "MAX_REPAIR_ROUNDS",
    "LLMPlanner",
    "UnrepairedAnswerError",
]
