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

# Bounds on what one list or table shows, so a graph at the contract's limits (500 events
# with 300 consumers each) still gives a document of readable size in bounded time.
MAX_LISTED = 40
MAX_ROWS = 400
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


def _joined(shown: list[str], total: int) -> str:
    more = total - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def md_list(items: list[str], empty: str = "none", limit: int = MAX_LISTED) -> str:
    """Escaped items joined by commas (at most ``limit``, then "and N more"), or ``empty``
    (trusted text) when there are none."""
    return _joined([md(i) for i in items[:limit]], len(items)) if items else empty


def code_list(identifiers: list[str], empty: str = "none", limit: int = MAX_LISTED) -> str:
    """Trusted identifiers as code spans, capped like ``md_list``."""
    return (
        _joined([code(i) for i in identifiers[:limit]], len(identifiers)) if identifiers else empty
    )


def code(identifier: str) -> str:
    """A trusted identifier (slug, event name) as a code span."""
    return f"`{identifier}`"


def table(
    header: list[str], rows: list[list[str]], *, total: int | None = None, limit: int = MAX_ROWS
) -> str:
    """A Markdown table of at most ``limit`` rows; cells must already be escaped or trusted.

    ``total`` counts rows the caller left unbuilt (it passes only the first ``MAX_ROWS``), so
    the note below the table can say how many are left out.
    """
    if not rows:
        return ""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows[:limit]]
    left_out = max(total or len(rows), len(rows)) - min(len(rows), limit)
    if left_out > 0:
        lines.append(f"\n_{left_out} more rows like these are left out._")
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
