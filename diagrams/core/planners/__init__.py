"""Planners: prompt -> Graph, instruction -> edits. ``get_planner(name)`` picks one."""

from __future__ import annotations

from diagrams.core.planners.base import (
    ChatTurn,
    Planner,
    PlannerError,
    PlanResult,
    Refinement,
    TransientPlannerError,
    Usage,
)

__all__ = [
    "ChatTurn",
    "PlanResult",
    "Planner",
    "PlannerError",
    "Refinement",
    "TransientPlannerError",
    "Usage",
]
