"""Tests run with DEBUG on unless told otherwise (settings demand a SECRET_KEY without it)."""

import os

os.environ.setdefault("DEBUG", "1")
