"""Conditions and parameters (fixtures/model/conditions.yaml): a condition decided by a parameter's
Default or a --parameter override yields one value; one that depends on a parameter without a
Default keeps both Fn::If branches, each candidate naming the condition and located where its
value is written."""

from __future__ import annotations

from pathlib import Path

from lambdalint.model.build import build_graph
from lambdalint.model.lambda_ import Function
from lambdalint.source.intrinsics import UNKNOWN, Evaluator
from lambdalint.source.template import Template, load_template

FIXTURE = str(Path(__file__).resolve().parents[1] / "fixtures" / "model" / "conditions.yaml")


def setup(overrides: dict[str, str] | None = None) -> tuple[Template, Evaluator, Function]:
    template, diagnostics = load_template(FIXTURE, overrides)
    assert template is not None and diagnostics == []
    fn = build_graph(template).get("Fn")
    assert isinstance(fn, Function)
    return template, Evaluator(template), fn


def test_undecidable_condition_yields_both_branches_naming_it() -> None:
    _, ev, fn = setup()
    assert ev.condition("HasAlarms") is None
    cands = ev.candidates(fn.timeout)
    assert [(c.value, c.conditions, c.loc.line, c.loc.col) for c in cands] == [
        (30, (("HasAlarms", True),), 29, 13),
        (900, (("HasAlarms", False),), 30, 13),
    ]
    assert cands[1].explain() == " (when condition HasAlarms is false)"
    assert ev.value(fn.timeout) is UNKNOWN


def test_condition_decided_by_the_parameter_default() -> None:
    _, ev, fn = setup()
    assert ev.condition("IsProd") is False  # Stage defaults to dev
    cands = ev.candidates(fn.memory_size)
    # Only the else branch, located on the line and column of 512, with no condition attached.
    assert [(c.value, c.conditions, c.loc.line, c.loc.col) for c in cands] == [
        (512, (), 25, 38)]
    assert ev.value(fn.memory_size) == 512


def test_parameter_override_decides_the_other_way() -> None:
    template, ev, fn = setup({"Stage": "prod"})
    assert template.parameters["Stage"].override == "prod"
    assert ev.condition("IsProd") is True
    assert [(c.value, c.loc.line, c.loc.col) for c in ev.candidates(fn.memory_size)] == [
        (2048, 25, 32)]
    # The undecidable condition is still undecided.
    assert len(ev.candidates(fn.timeout)) == 2


def test_override_of_the_unknown_parameter_decides_it() -> None:
    _, ev, fn = setup({"AlarmEmail": "ops@example.com"})
    assert ev.condition("HasAlarms") is True
    [cand] = ev.candidates(fn.timeout)
    assert (cand.value, cand.conditions, cand.loc.line) == (30, (), 29)


def test_parameter_default_is_where_the_value_was_written() -> None:
    _, ev, fn = setup()
    [cand] = ev.candidates(fn.ephemeral_storage)
    assert (cand.value, cand.loc.line, cand.loc.col) == (768, 14, 14)
    assert cand.via == ("parameter Memory Default",)
    assert "parameter Memory Default" in cand.explain()


def test_parameter_override_replaces_the_default() -> None:
    _, ev, fn = setup({"Memory": "4096"})
    [cand] = ev.candidates(fn.ephemeral_storage)
    assert cand.value == "4096"  # as given on the command line; rules read it with as_number
    assert cand.via == ("parameter Memory=4096 from --parameter",)
    # Located at the Ref in the template: the command line has no line.
    assert (cand.loc.line, cand.loc.col) == (32, 15)


def test_resource_condition_is_kept_on_the_model() -> None:
    template, ev, _ = setup()
    fn = build_graph(template).get("ProdOnly")
    assert isinstance(fn, Function)
    assert fn.condition == "IsProd"
    assert ev.condition(fn.condition) is False
