"""Print recall and precision of the offline planner per evaluation case and in total.

.venv/bin/python eval/run_eval.py             # public cases + seed cases
.venv/bin/python eval/run_eval.py --holdout   # held-out cases (never used for tuning)
.venv/bin/python eval/run_eval.py --holdout2  # second held-out set (holdout2.yaml)
.venv/bin/python eval/run_eval.py --file X.yaml [--file Y.yaml]  # any case files in eval/
.venv/bin/python eval/run_eval.py -v          # with what was missed per case
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diagrams.core.planners.rule_based import RuleBasedPlanner
from eval.evaluate import score_case
from eval.scoring import CaseResult, Score, load_cases

MEASURES = ("components", "routes", "flows", "patterns", "checks", "refinements")


def run(files: tuple[str, ...] = ()) -> tuple[list[CaseResult], dict[str, Score], int]:
    """Score every case; return the per-case results, the totals and invented brokers."""
    planner = RuleBasedPlanner()
    results = [score_case(planner, case) for case in load_cases(*files)]
    totals = {m: Score() for m in MEASURES}
    for r in results:
        for m in MEASURES:
            totals[m].add(getattr(r, m))
    return results, totals, sum(r.invented_brokers for r in results)


def _fmt(score: Score) -> str:
    return f"{score.recall:4.2f}/{score.precision:4.2f}"


def case_files(argv: list[str]) -> tuple[str, ...]:
    """The case files the command line asks for (default: the public set)."""
    files = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--file"]
    files += [a.split("=", 1)[1] for a in argv if a.startswith("--file=")]
    if "--holdout" in argv:
        files.append("holdout.yaml")
    if "--holdout2" in argv:
        files.append("holdout2.yaml")
    return tuple(files)


def main(argv: list[str]) -> int:
    files = case_files(argv)
    results, totals, invented = run(files)
    print(f"{'case':34} " + " ".join(f"{m[:11]:>11}" for m in MEASURES))
    for r in results:
        print(f"{r.case_id[:34]:34} " + " ".join(f"{_fmt(getattr(r, m)):>11}" for m in MEASURES))
        if "-v" in argv:
            for note in r.notes:
                print(f"    - {note}")
    print("-" * 110)
    print(
        f"{'TOTAL (recall/precision)':34} " + " ".join(f"{_fmt(totals[m]):>11}" for m in MEASURES)
    )
    asked = totals["refinements"]
    print(
        f"cases: {len(results)}  refinements applied as asked: {asked.hit}/{asked.expected}"
        f"  invented brokers in synchronous systems: {invented}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
