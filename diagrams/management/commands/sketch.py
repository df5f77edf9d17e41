"""``manage.py sketch "PROMPT" [--refine "..."]... [--planner ...] [--format ...] [-o FILE]``.

Runs the web app's planner, edit, render and export code in-process, without a broker or a
database. Bad input exits non-zero with a one-line message on stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from diagrams.core.edits import EditError, apply_edits
from diagrams.core.graph import Graph, GraphError
from diagrams.core.planners import ChatTurn, Planner, PlannerError
from diagrams.core.rendering import RenderError
from diagrams.planning import planner_get

FORMATS = ("json", "svg", "png", "dot", "mermaid", "asyncapi", "markdown")


class Command(BaseCommand):
    help = "Turn a plain-English description into a diagram or an export, in-process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prompt", help="the system to sketch, in plain English")
        parser.add_argument("--refine", action="append", default=[], metavar="INSTRUCTION")
        parser.add_argument("--planner", choices=("rule_based", "llm"), default=None)
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("-o", "--output", metavar="FILE", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            graph = self._sketch(options["prompt"], options["refine"], options["planner"])
            data = self._export(graph, options["format"])
        except (PlannerError, EditError, GraphError, RenderError) as exc:
            raise CommandError(" ".join(str(exc).split())) from None
        self._write(data, options["output"])

    def _planner(self, name: str | None) -> Planner:
        if name == "llm" and not settings.OPENAI_API_KEY:
            raise CommandError("--planner llm needs OPENAI_API_KEY in the environment")
        return planner_get(name)

    def _sketch(self, prompt: str, refinements: list[str], planner_name: str | None) -> Graph:
        planner = self._planner(planner_name)
        graph = planner.plan(prompt).graph
        history: list[ChatTurn] = []
        previous: list[Graph] = []
        for instruction in refinements:
            refinement = planner.refine(graph, instruction, history)
            if refinement.undo:
                if not previous:
                    raise PlannerError(f"nothing to undo at '{instruction}'")
                graph = previous.pop()
            else:
                previous.append(graph)
                graph = apply_edits(graph, refinement.edits)
            history.append(ChatTurn(instruction=instruction, summary=refinement.summary))
        return graph

    def _export(self, graph: Graph, fmt: str) -> bytes:
        from diagrams.core.exporters import export

        return export(graph, fmt)

    def _write(self, data: bytes, output: str | None) -> None:
        if output is None or output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from None
