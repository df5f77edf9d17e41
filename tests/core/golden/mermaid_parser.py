"""A parser for the subset of Mermaid flowchart syntax the Mermaid exporter emits.

Any line outside that subset is an error, so the exporter cannot drift into syntax the tests
do not understand. Labels are decoded (``#NNN;`` entities, ``<br/>`` line breaks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LABEL = r'"([^"]*)"'
SHAPES = r"(\[\(|\[\[|\(\[|\{\{|\[)" + LABEL + r"(\)\]|\]\]|\]\)|\}\}|\])"
NODE = re.compile(r"^(c_\w+)" + SHAPES + r"$")
EDGE = re.compile(r"^(c_\w+) (-->|-\.->|==>)\|" + LABEL + r"\| (c_\w+)$")
SUBGRAPH = re.compile(r"^subgraph (b_\w+)\[" + LABEL + r"\]$")
CLASSDEF = re.compile(r"^classDef k_\w+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6}$")
CLASS = re.compile(r"^class (c_\w+(?:,c_\w+)*) k_\w+$")
PAIRS = {"[(": ")]", "[[": "]]", "([": "])", "{{": "}}", "[": "]"}


@dataclass
class Flowchart:
    nodes: dict[str, str] = field(default_factory=dict)
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)
    subgraphs: dict[str, list[str]] = field(default_factory=dict)


def decode(label: str) -> str:
    """The text a Mermaid label shows."""
    text = label.replace("<br/>", "\n")
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)


def parse(text: str) -> Flowchart:
    """Parse exporter output; raises ValueError on any line outside the emitted subset."""
    lines = text.splitlines()
    if not lines or lines[0] != "flowchart LR":
        raise ValueError("missing 'flowchart LR' header")
    chart, current = Flowchart(), None
    for number, raw in enumerate(lines[1:], 2):
        line = raw.strip()
        if m := SUBGRAPH.match(line):
            current = m.group(1)
            chart.subgraphs[current] = []
        elif line == "end" and current is not None:
            current = None
        elif m := NODE.match(line):
            node_id, opening, label, closing = m.groups()
            if PAIRS[opening] != closing or node_id in chart.nodes:
                raise ValueError(f"line {number}: bad or repeated node: {raw!r}")
            chart.nodes[node_id] = decode(label)
            if current is not None:
                chart.subgraphs[current].append(node_id)
        elif m := EDGE.match(line):
            source, arrow, label, target = m.groups()
            chart.edges.append((source, arrow, decode(label), target))
        elif not (CLASSDEF.match(line) or CLASS.match(line)):
            raise ValueError(f"line {number}: not in the emitted subset: {raw!r}")
    if current is not None:
        raise ValueError("unclosed subgraph")
    unknown = {e[0] for e in chart.edges} | {e[3] for e in chart.edges}
    if unknown - set(chart.nodes):
        raise ValueError(f"edges to undeclared nodes: {sorted(unknown - set(chart.nodes))}")
    return chart
