"""--select / --ignore: longest prefix wins, ties go to ignore (flake8's DecisionEngine)."""

from __future__ import annotations

import pytest

from lambdalint.engine.select import Decision, RuleSelector, normalize_code

S, X = Decision.SELECTED, Decision.IGNORED


@pytest.mark.parametrize(
    ("select", "ignore", "rule_id", "expected"),
    [
        (("LL",), (), "LL101", S),  # default: everything
        (("LL",), ("LL1",), "LL101", X),  # a whole theme off
        (("LL",), ("LL1",), "LL201", S),
        (("LL",), ("LL1",), "LL001", S),
        (("LL101",), ("LL1",), "LL101", S),  # the longer select wins over a shorter ignore
        (("LL101",), ("LL1",), "LL102", X),
        (("LL1",), ("LL101",), "LL101", X),  # the longer ignore wins over a shorter select
        (("LL1",), ("LL101",), "LL102", S),
        (("LL1",), (), "LL201", X),  # selected by nothing
        (("LL10",), ("LL1",), "LL105", S),
        (("LL10",), ("LL1",), "LL110", X),
        (("LL101",), ("LL101",), "LL101", X),  # a tie: ignore wins
        ((), (), "LL101", X),
        (("LL1", "LL2"), ("LL2",), "LL201", X),
        (("LL1", "LL201"), ("LL2",), "LL201", S),
    ],
)
def test_decision_table(
    select: tuple[str, ...], ignore: tuple[str, ...], rule_id: str, expected: Decision
) -> None:
    assert RuleSelector(select, ignore).decision(rule_id) is expected


def test_codes_are_normalized() -> None:
    assert normalize_code(" ll1 ") == "LL1"
    assert RuleSelector(["ll1"], []).is_selected("LL101")


@pytest.mark.parametrize("bad", ["E501", "LL1234", "LLx", "", "101"])
def test_malformed_code_is_rejected_with_its_text(bad: str) -> None:
    with pytest.raises(ValueError, match="is not a rule id or prefix"):
        normalize_code(bad)
