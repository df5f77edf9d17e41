"""The planner evaluation set and its scoring (see run_eval.py)."""
