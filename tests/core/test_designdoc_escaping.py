"""Hostile names in the design document: escaped, intact, and unable to change its structure;
its HTML keeps no script, event handler or javascript: URL."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
from hypothesis import HealthCheck, given, settings

from diagrams.core.designdoc import design_document, designdoc_html
from diagrams.core.designdoc.escape import md
from diagrams.core.graph import parse_graph
from tests.core.golden.doc_blocks import json_blocks
from tests.core.golden.graphs import hostile
from tests.core.golden.strategies import names

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "a | b || c",
    "`code` ```fence``` *bold* _em_ # heading",
    "line one\nline two\r\n- list item",
    "&lt;already&gt; &amp; escaped",
    "emoji 🚀 and ünïcödé",
    "\\ backslash \\\\ and $dollar ${x}",
    "<!-- comment --> <style>p{}</style>",
]


class Structure(HTMLParser):
    """Tags (with attribute names) and the text, from HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


def raw_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "fenced_code"])


def check_name(name: str) -> None:
    graph = hostile(name)
    stored = graph.component("order-service").name  # type: ignore[union-attr]
    document = design_document(graph)
    html = parsed(raw_html(document))
    baseline = parsed(raw_html(design_document(hostile("Plain name"))))
    # Same tags in the same order: the name added no element, link, emphasis or cell.
    assert html.tags == baseline.tags
    assert squash(stored) in squash("".join(html.text))


def test_each_known_hostile_name_comes_out_escaped_and_intact():
    for name in HOSTILE:
        check_name(name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names)
def test_any_name_comes_out_escaped_and_intact(name):
    check_name(name)


def test_md_escapes_every_structural_character():
    assert md("<b>|`*_[x](y)#!") == "&lt;b&gt;\\|\\`\\*\\_\\[x\\]\\(y\\)\\#\\!"
    assert md("a\nb\r\nc") == "a b c"


def test_html_drops_scripts_event_handlers_and_javascript_urls():
    hostile_markdown = (
        "# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        '[link](javascript:alert(1)) <a href="javascript:alert(2)" onclick="x()">a</a>\n\n'
        "<iframe src='https://example.com'></iframe> <b onmouseover=alert(3)>b</b>\n"
    )
    html = designdoc_html(hostile_markdown)
    lowered = html.lower()
    assert "<script" not in lowered and "<iframe" not in lowered
    assert "javascript:" not in lowered
    assert not any(name.startswith("on") for name, _ in parsed(html).attributes)
    assert "<h1>Title</h1>" in html


def test_html_of_a_document_with_hostile_names_keeps_only_safe_markup():
    for name in HOSTILE:
        html = designdoc_html(design_document(hostile(name), image_url="javascript:alert(1)"))
        structure = parsed(html)
        assert "script" not in structure.tags and "style" not in structure.tags
        assert not any(attr.startswith("on") for attr, _ in structure.attributes)
        urls = [v or "" for attr, v in structure.attributes if attr in ("href", "src")]
        assert not any(u.strip().lower().startswith("javascript") for u in urls)


def test_hostile_text_inside_an_event_schema_stays_inside_its_code_block():
    graph = hostile("Plain name")
    data = graph.to_json()
    nasty = "```\n</code><script>alert(1)</script>````"
    data["events"][0]["schema"] = {
        "type": "object",
        "properties": {nasty: {"type": "string", "description": nasty}},
    }
    document = design_document(parse_graph(data))
    html = designdoc_html(document)
    assert "<script" not in html
    schema = next(b for b in json_blocks(document) if isinstance(b, dict) and "$schema" in b)
    assert schema["properties"][nasty]["description"] == nasty
