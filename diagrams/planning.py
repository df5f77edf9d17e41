"""Which planner the worker uses, from settings. The only place that reads OPENAI_* settings."""

from __future__ import annotations

from django.conf import settings

from diagrams.core.planners import Planner


def planner_name(choice: str | None = None) -> str:
    """``llm`` or ``rule_based``: ``auto`` means the LLM when an API key is configured."""
    choice = choice or settings.INFRASKETCH_PLANNER
    if choice == "auto":
        return "llm" if settings.OPENAI_API_KEY else "rule_based"
    return choice


def planner_get(choice: str | None = None) -> Planner:
    """The planner for ``choice`` (default: the INFRASKETCH_PLANNER setting)."""
    if planner_name(choice) == "llm":
        from diagrams.core.planners.llm import LLMPlanner

        return LLMPlanner(
            api_key=settings.OPENAI_API_KEY,
            model=settings.OPENAI_MODEL,
            base_url=settings.OPENAI_BASE_URL,
            timeout=settings.OPENAI_TIMEOUT,
        )
    from diagrams.core.planners.rule_based import RuleBasedPlanner

    return RuleBasedPlanner()
