"""Test support shared by the core, Django-layer and end-to-end tests (no pytest-django here)."""
