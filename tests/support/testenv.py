"""A pytest plugin loaded with ``-p`` (see pyproject) before Django is set up.

- Tests run with DEBUG on unless the environment says otherwise, since settings demand a
  SECRET_KEY without it.
- Under CI (``CI`` set) hypothesis is derandomized, so a run is repeatable; locally each run
  explores new examples.
"""

import os

from hypothesis import settings

os.environ.setdefault("DEBUG", "1")

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
