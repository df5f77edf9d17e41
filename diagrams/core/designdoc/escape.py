"""Markdown escaping for user-provided strings, tables and fenced blocks.

Every name, description or label that reaches the document passes through ``md`` first: the
result renders as the same text and cannot open a tag, a link, emphasis, a code span or a table
cell. Templates never place user text at the start of a line, so list and heading markers in a
name stay plain text without escaping every hyphen.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

_BACKSLASHED = frozenset("\\`*_{}[]()#+!|")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPES = str.maketrans({ch: "\\" + ch for ch in _BACKSLASHED} | _ENTITIES)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_BACKTICK_RUN = re.compile(r"`+")
_LIST_START = re.compile(r"^(\d+)?([-.)])")


def md(text: object) -> str:
    """``text`` as inline Markdown that renders literally (line breaks become spaces)."""
    flat = _LINE_BREAKS.sub(" ", str(text))
    out = flat.translate(_ESCAPES)
    # Right after a list marker, a leading "-" or "1." would open a nested list.
    return _LIST_START.sub(lambda m: (m.group(1) or "") + "\\" + m.group(2), out, count=1)


def md_list(items: list[str], empty: str = "none") -> str:
    """Escaped items joined by commas, or ``empty`` (trusted text) when there are none."""
    return ", ".join(md(i) for i in items) if items else empty


def code(identifier: str) -> str:
    """A trusted identifier (slug, event name) as a code span."""
    return f"`{identifier}`"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (``md``) or trusted."""
    if not rows:
        return ""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def fenced(content: str, language: str = "") -> str:
    """``content`` in a fenced code block whose fence no line of the content can close."""
    longest = max((len(run) for run in _BACKTICK_RUN.findall(content)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{content}\n{fence}"


def fenced_json(value: Any) -> str:
    """``value`` as pretty JSON in a fenced ``json`` block (non-ASCII kept readable)."""
    return fenced(json.dumps(value, indent=2, ensure_ascii=False), "json")


def image_url(url: str) -> str:
    """``url`` percent-encoded so it cannot end the Markdown link or carry spaces and quotes."""
    return quote(url, safe="/:?&=#%~.,;@+!$*'-_")
