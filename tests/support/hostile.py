"""Hostile text for property-based tests, and checks that output keeps it inert.

``hostile_text`` mixes known attack fragments (quotes, ``<script>``, ``"><img onerror=…>``,
``javascript:`` URLs, DOT syntax, HTML-like Graphviz labels, newlines, very long words, emoji,
control characters) with arbitrary Unicode. ``hostile_graphs`` puts such text in every free-text
field of a valid graph. ``TRIED`` counts the hostile strings generated, for the evidence.

The checks parse the output the way a browser would and look for anything that would run:
script elements, ``on*`` handler attributes, ``javascript:`` URLs, foreign elements.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from hypothesis import strategies as st

from diagrams.core.graph import MAX_NAME, ComponentKind, FlowKind, PatternKind, unique_slug

TRIED: Counter[str] = Counter()

FRAGMENTS = [
    '"',
    "'",
    "`",
    "\\",
    '\\"',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    '"];',
    '"]; evil -> x; {',
    "->",
    "--",
    "{}",
    "}",
    "subgraph x {",
    "<<b>x</b>>",
    "<TABLE><TR><TD>x</TD></TR></TABLE>",
    "</title></text></svg><script>alert(1)</script>",
    "&",
    "&amp;",
    "&#60;script&#62;",
    "]]>",
    "<!--",
    "-->",
    "<?xml",
    "\n",
    "\r\n",
    "\t",
    "\\n\\l\\N\\G",
    "x" * 120,
    "Supercalifragilisticexpialidocious" * 3,
    "😀",
    "👩‍💻",
    "\u202e",
    "\u2028",
    "\x00",
    "\x01",
    "\x0b",
    "\ufffe",
    "#",
    "|",
    "[link](javascript:alert(1))",
    "![img](x onerror=alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "${x}",
    "{{ x }}",
    "{% x %}",
    "%s%n",
]

_pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))


def _counted(text: str) -> str:
    TRIED["strings"] += 1
    return text


@functools.cache
def hostile_text(max_size: int = MAX_NAME, *, min_size: int = 0) -> st.SearchStrategy[str]:
    """Attack fragments and arbitrary Unicode glued together, cut to ``max_size``.

    Every string carries at least one attack fragment, inside the first ``max_size``
    characters, so no example is wasted on harmless text.
    """
    around = st.lists(_pieces, max_size=2).map("".join)
    joined = st.tuples(around, st.sampled_from(FRAGMENTS), around).map(
        lambda parts: parts[0][: max(0, max_size - len(parts[1]))] + parts[1] + parts[2]
    )
    cut = joined.map(lambda s: s[:max_size])
    if min_size:
        cut = cut.filter(lambda s: len(s.strip()) >= min_size)
    return cut.map(_counted)


def hostile_names() -> st.SearchStrategy[str]:
    return hostile_text(MAX_NAME, min_size=1)


EVENT_NAMES = st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,20}\Z")


@st.composite
def hostile_graphs(draw: st.DrawFn, max_components: int = 6) -> dict[str, Any]:
    """A contract-valid graph (as JSON) with hostile text in every free-text field."""
    n = draw(st.integers(1, max_components))
    taken: set[str] = set()
    boundaries = []
    for name in draw(st.lists(hostile_names(), max_size=2)):
        bid = unique_slug(name, taken, fallback="boundary")
        taken.add(bid)
        boundaries.append({"id": bid, "name": name, "description": draw(hostile_text(300))})
    components = []
    for _ in range(n):
        name = draw(hostile_names())
        cid = unique_slug(name, taken)
        taken.add(cid)
        components.append(
            {
                "id": cid,
                "name": name,
                "kind": draw(st.sampled_from(list(ComponentKind))).value,
                "technology": draw(hostile_text(60)),
                "boundary": draw(st.sampled_from([None, *[b["id"] for b in boundaries]])),
                "description": draw(hostile_text(300)),
                "responsibilities": draw(st.lists(hostile_text(100), max_size=2)),
            }
        )
    ids: list[str] = [str(c["id"]) for c in components]
    events = _events(draw, ids)
    flows = [
        {
            "source": draw(st.sampled_from(ids)),
            "target": draw(st.sampled_from(ids)),
            "kind": draw(st.sampled_from(list(FlowKind))).value,
            "events": draw(
                st.lists(st.sampled_from([e["name"] for e in events] or ["X"]), max_size=2)
            )
            if events
            else [],
            "label": draw(hostile_text(100)),
        }
        for _ in range(draw(st.integers(0, 5)))
    ]
    patterns = [
        {
            "kind": draw(st.sampled_from(list(PatternKind))).value,
            "name": draw(hostile_names()),
            "components": draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)),
            "details": {draw(hostile_text(20)): draw(hostile_text(60))},
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    return {
        "title": draw(hostile_names()),
        "components": components,
        "boundaries": boundaries,
        "events": events,
        "flows": flows,
        "patterns": patterns,
    }


def _events(draw: st.DrawFn, ids: list[str]) -> list[dict[str, Any]]:
    names = draw(st.lists(EVENT_NAMES, max_size=3, unique=True))
    return [
        {
            "name": name,
            "producer": draw(st.sampled_from(ids)),
            "consumers": draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)),
            "description": draw(hostile_text(300)),
            "partition_key": draw(st.one_of(st.none(), hostile_text(40))),
            "schema": {
                "type": "object",
                "properties": {
                    draw(hostile_text(30)): {
                        "type": "string",
                        "description": draw(hostile_text(80)),
                    }
                },
            },
        }
        for name in names
    ]


# --- Checks --------------------------------------------------------------------------------

_SVG_TAGS = {"svg", "g", "title", "polygon", "polyline", "path", "ellipse", "text", "a", "defs"}
_DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_EMBEDDING_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset"}


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def assert_safe_svg(svg: bytes) -> ET.Element:
    """Well-formed SVG made only of Graphviz's drawing elements: no script, handler or link."""
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = _local(element.tag)
        assert tag in _SVG_TAGS, f"unexpected <{tag}> in SVG"
        for attribute in element.attrib:
            name = _local(attribute).lower()
            assert not name.startswith("on"), f"handler attribute {name} in SVG"
            assert name != "href", "link in SVG"
    return root


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def html_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_inert_html(html: str, *, allowed_tags: set[str] | None = None) -> None:
    """No element or attribute in ``html`` that could run script (as a browser parses it)."""
    for tag, attrs in html_tags(html):
        if allowed_tags is not None:
            assert tag in allowed_tags, f"unexpected <{tag}>"
        assert tag not in _EMBEDDING_TAGS, f"dangerous <{tag}>"
        if tag == "script":
            # json_script data (escaped so it cannot close the element) is not executed.
            kinds = {name: value for name, value in attrs}
            assert "src" in kinds or kinds.get("type") == "application/json", "inline <script>"
        for name, value in attrs:
            assert not name.startswith("on"), f"handler attribute {name} on <{tag}>"
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value:
                visible = _INVISIBLE.sub("", value)
                assert not _DANGEROUS_SCHEME.match(visible), f"{name}={value!r} on <{tag}>"


MARKDOWN_TAGS = {
    *(f"h{i}" for i in range(1, 7)),
    *[
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "img",
    ],
}
