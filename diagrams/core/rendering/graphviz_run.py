"""The one place that runs Graphviz's ``dot``: allow-listed formats, a timeout, readable errors."""

from __future__ import annotations

import shutil
import subprocess

FORMATS = frozenset({"svg", "png"})
TIMEOUT_SECONDS = 15.0
INSTALL_HINT = "install Graphviz (apt-get install graphviz, or brew install graphviz)"


class RenderError(RuntimeError):
    """Graphviz could not draw the diagram. ``str()`` is a message for a person."""


def dot_available() -> bool:
    """True when the ``dot`` executable is on PATH."""
    return shutil.which("dot") is not None


def render_dot(dot_text: str, fmt: str, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Run ``dot -T<fmt>`` on ``dot_text`` and return the output bytes."""
    if fmt not in FORMATS:
        raise RenderError(f"unsupported render format '{fmt}' (use one of: svg, png)")
    try:
        done = subprocess.run(
            ["dot", f"-T{fmt}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise RenderError(
            f"Graphviz's dot is not installed on the server: {INSTALL_HINT}"
        ) from None
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz took longer than {timeout:.0f} s to draw this diagram"
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            "Graphviz failed: " + (detail[0] if detail else f"exit {done.returncode}")
        )
    return done.stdout
