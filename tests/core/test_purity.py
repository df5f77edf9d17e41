"""diagrams/core imports neither Django nor Celery nor the Django layer."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "diagrams" / "core"
FORBIDDEN = ("django", "celery", "kombu", "diagrams.models", "diagrams.services", "diagrams.tasks")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_core_imports_neither_django_nor_celery() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 5
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)
    ]
    assert offenders == []
