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


OPT_IN = "LL219"  # role-grants-unused-service: enabled_by_default: false in its catalog entry


@pytest.mark.parametrize(
    ("select", "extend", "ignore", "rule_id", "expected"),
    [
        (("LL",), (), (), OPT_IN, X),  # the default never turns an opt-in rule on
        (("LL",), (OPT_IN,), (), OPT_IN, S),  # extend-select by id
        (("LL",), ("LL2",), (), OPT_IN, S),  # or by its theme
        ((OPT_IN,), (), (), OPT_IN, S),  # select by id
        (("LL2",), (), (), OPT_IN, S),
        (("LL",), (OPT_IN,), (OPT_IN,), OPT_IN, X),  # ignore still wins a tie
        (("LL",), ("LL2",), ("LL21",), OPT_IN, X),  # and a longer ignore wins
        (("LL",), (OPT_IN,), ("LL2",), OPT_IN, S),  # a longer select wins over a theme ignore
        (("LL",), (OPT_IN,), (), "LL218", S),  # extend-select keeps the default
        (("LL2",), (), (), "LL101", X),
    ],
)
def test_opt_in_rules(
    select: tuple[str, ...],
    extend: tuple[str, ...],
    ignore: tuple[str, ...],
    rule_id: str,
    expected: Decision,
) -> None:
    assert RuleSelector(select, ignore, extend).decision(rule_id) is expected


def test_opt_in_comes_from_the_catalog() -> None:
    from lambdalint.catalog import brief, load_catalog

    opt_in = [doc.id for doc in load_catalog().values() if not doc.enabled_by_default]
    assert OPT_IN in opt_in
    for rid in opt_in:
        doc = brief(rid)
        assert doc is not None and not doc.enabled_by_default  # the index agrees
        assert not RuleSelector().is_selected(rid)
    # A caller can say which rules are opt-in itself.
    assert not RuleSelector(opt_in=lambda rid: rid == "LL101").is_selected("LL101")
    assert RuleSelector(opt_in=lambda rid: False).is_selected(OPT_IN)
