"""The planner's prompts: versioned text files in ``prompts/``, filled with ``string.Template``.

A prompt is changed by adding ``NAME_v2.txt`` and moving ``PROMPT_VERSION``, so a stored
result can always be traced to the exact words that produced it.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from string import Template

PROMPT_VERSION = "v1"


@cache
def prompt_text(name: str, version: str = PROMPT_VERSION) -> str:
    """The raw text of prompt file ``NAME_VERSION.txt``."""
    return (files(__package__) / "prompts" / f"{name}_{version}.txt").read_text(encoding="utf-8")


def system_prompt(task: str) -> str:
    """The system prompt for ``task`` ("plan" or "refine"), with the shared contract guide."""
    return Template(prompt_text(task)).substitute(contract=prompt_text("contract"))


def repair_prompt(problems: list[str], *, what: str) -> str:
    """The follow-up message that sends ``problems`` back and asks for a corrected ``what``."""
    listed = "\n".join(f"- {p}" for p in problems)
    return Template(prompt_text("repair")).substitute(problems=listed, what=what)
