"""``designdoc_html``: the design document's Markdown as sanitized HTML for the page."""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
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
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def designdoc_html(markdown_text: str) -> str:
    """``markdown_text`` rendered (tables, fenced code) and sanitized: no script, no event
    handler attribute and no ``javascript:`` URL survives, whatever the Markdown contains."""
    html = markdown.markdown(
        markdown_text, extensions=["tables", "fenced_code"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
