"""Hypothesis strategies for hostile user-provided names."""

from __future__ import annotations

from hypothesis import strategies as st

# Quotes, angle brackets, backticks, pipes, newlines, Markdown and Mermaid syntax, emoji.
FRAGMENTS = ["🚀", "é", "中", " ", "javascript:", "<script>", "onerror=", "```", "\r\n", "#35;"]

names = (
    st.lists(
        st.one_of(
            st.sampled_from(list("\"'<>`|\n\\*_[](){}#!&;$%~-+.=:/")),
            st.sampled_from(FRAGMENTS),
            st.characters(blacklist_categories=("Cs", "Cc")),
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda parts: "".join(parts)[:80])
    .filter(lambda s: s.strip() != "")
)
