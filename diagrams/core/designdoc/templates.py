"""The design document's Markdown templates (``string.Template`` files in ``templates/``).

Prose lives in the template files; Python fills the ``$placeholders`` with already-escaped
Markdown. A missing placeholder raises ``KeyError`` rather than leaving ``$name`` in a document.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from string import Template


@cache
def _template(name: str) -> Template:
    text = files("diagrams.core.designdoc").joinpath("templates", name).read_text("utf-8")
    return Template(text)


def render(template: str, /, **values: str) -> str:
    """Fill ``template`` (e.g. ``"_event.md"``) with ``values``; trailing space trimmed."""
    return _template(template).substitute(values).strip()
