"""The offline rule-based planner (the default): ``RuleBasedPlanner``."""

from __future__ import annotations

from diagrams.core.planners.rule_based.planner import RuleBasedPlanner

__all__ = ["RuleBasedPlanner"]
