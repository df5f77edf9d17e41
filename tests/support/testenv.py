"""A pytest plugin loaded with ``-p`` (see pyproject) before Django is set up: tests run with
DEBUG on unless the environment says otherwise, since settings demand a SECRET_KEY without it."""

import os

os.environ.setdefault("DEBUG", "1")
