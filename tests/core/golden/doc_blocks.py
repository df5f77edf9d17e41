"""Reading fenced JSON blocks back out of a generated design document."""

from __future__ import annotations

import json
import re
from typing import Any

# The design document's section headings, in order.
SECTIONS = [
    "## 1. Overview",
    "## 2. Service responsibilities",
    "## 3. Event catalog",
    "## 4. Data flow and consistency",
    "## 5. Sagas",
    "## 6. Failure handling and recovery",
    "## 7. Design findings",
    "## 8. Open questions",
]
FENCED_JSON = re.compile(r"^(`{3,})json\n(.*?)\n\1$", re.MULTILINE | re.DOTALL)


def json_blocks(markdown_text: str) -> list[Any]:
    """Every fenced ``json`` block of ``markdown_text``, parsed, in order."""
    return [json.loads(m.group(2)) for m in FENCED_JSON.finditer(markdown_text)]
