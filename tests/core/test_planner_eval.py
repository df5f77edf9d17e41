"""The offline planner against the public evaluation set (eval/cases.yaml + the seed cases).

Thresholds sit a little under today's totals, so a change that makes the planner worse at
understanding descriptions fails here. Run ``.venv/bin/python eval/run_eval.py -v`` to see why.
"""

from __future__ import annotations

import pytest

from eval.run_eval import run
from eval.scoring import load_cases


@pytest.fixture(scope="module")
def totals():
    return run()


def test_the_set_has_enough_cases_in_every_style() -> None:
    cases = load_cases()
    styles = {c.get("style") for c in load_cases("cases.yaml")}
    assert len(cases) >= 30 and styles == {"terse", "conversational", "formal"}
    assert sum(len(c.get("refinements", [])) for c in cases) >= 40


def test_components_are_found_with_the_right_kind(totals) -> None:
    _, score, _ = totals
    assert score["components"].recall >= 0.97
    assert score["components"].precision >= 0.95


def test_event_routes_and_flows_are_found(totals) -> None:
    _, score, _ = totals
    assert score["routes"].recall >= 0.95
    assert score["routes"].precision >= 0.9
    assert score["flows"].recall >= 0.93
    assert score["flows"].precision >= 0.78


def test_patterns_and_graph_checks_hold(totals) -> None:
    _, score, _ = totals
    assert score["patterns"].recall >= 0.9
    assert score["checks"].recall >= 0.9


def test_refinements_are_applied_as_asked(totals) -> None:
    _, score, _ = totals
    assert score["refinements"].recall >= 0.95


def test_no_broker_is_invented_for_a_synchronous_system(totals) -> None:
    _, _, invented = totals
    assert invented == 0


def test_held_out_cases_generalise() -> None:
    _, score, invented = run(("holdout.yaml",))
    assert score["components"].recall >= 0.9
    assert score["routes"].recall >= 0.85
    assert score["routes"].precision >= 0.7
    assert score["flows"].recall >= 0.95
    assert score["flows"].precision >= 0.72
    assert score["refinements"].recall >= 0.8
    assert invented == 0


def test_the_second_held_out_set_generalises() -> None:
    """holdout2.yaml (12 cases written before the generalisation work; measured Nov 2026:
    components 0.98/0.99, routes 1.00/0.92, flows 0.97/0.83, patterns 1.00/1.00; before it
    0.92/0.96, 0.32/0.62, 0.68/0.79, 0.80/0.89)."""
    _, score, invented = run(("holdout2.yaml",))
    assert score["components"].recall >= 0.95
    assert score["components"].precision >= 0.95
    assert score["routes"].recall >= 0.95
    assert score["routes"].precision >= 0.88
    assert score["flows"].recall >= 0.93
    assert score["flows"].precision >= 0.8
    assert score["patterns"].recall >= 0.95
    assert invented == 0


def test_the_later_blind_sets_hold_what_was_gained() -> None:
    """blind4-blind6 were each measured once on arrival (the numbers are in the Nov 27 session
    note) and then used to find classes of errors; blind7 is the newest and stays out of the
    tests. Totals of blind4-6 on 2026-11-27: components 0.92/0.92, routes 0.68/0.73, flows
    0.71/0.76, refinements 0.90."""
    _, score, invented = run(("blind4.yaml", "blind5.yaml", "blind6.yaml"))
    assert score["components"].recall >= 0.9
    assert score["components"].precision >= 0.87
    assert score["routes"].recall >= 0.64
    assert score["routes"].precision >= 0.68
    assert score["flows"].recall >= 0.68
    assert score["flows"].precision >= 0.73
    assert score["refinements"].recall >= 0.85
    assert invented == 0


def test_the_former_blind_sets_hold_what_was_gained() -> None:
    """blind.yaml, blind2.yaml and blind3.yaml were each written by someone who never saw the
    planner and measured once on arrival (blind3, 2026-11-27, with the planner of f4ff585:
    components 0.88/0.90, routes 0.41/0.26, flows 0.61/0.66, refinements 20/24); they were used
    to find classes of errors afterwards, so they are regression sets now, not evidence."""
    _, score, invented = run(("blind.yaml", "blind2.yaml", "blind3.yaml"))
    assert score["components"].recall >= 0.94
    assert score["components"].precision >= 0.95
    assert score["routes"].recall >= 0.88
    assert score["routes"].precision >= 0.8
    assert score["flows"].recall >= 0.82
    assert score["flows"].precision >= 0.75
    assert score["refinements"].recall >= 0.95
    assert invented == 0
