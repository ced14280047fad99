"""Conditions and parameters (fixtures/model/conditions.yaml). A condition is decided only by fixed
inputs (a --parameter override, literals, AllowedValues that all agree); a parameter's Default
does not decide it, because deploying to another stage replaces the Default. An undecided
condition keeps both Fn::If branches, each candidate naming the condition and located where its
value is written. A parameter's value is its override, or else each of its Default and
AllowedValues."""

from __future__ import annotations

from pathlib import Path

from lambdalint.model.build import build_graph
from lambdalint.model.lambda_ import Function
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.nodes import Mapping, Scalar
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
    cands = fn.timeout.values
    assert [(c.value, c.conditions, c.loc.line, c.loc.col) for c in cands] == [
        (30, (("HasAlarms", True),), 35, 13),
        (900, (("HasAlarms", False),), 36, 13),
    ]
    assert cands[1].explain() == " (when condition HasAlarms is false)"
    assert fn.timeout.only() is None


def test_a_parameter_default_does_not_decide_a_condition() -> None:
    _, ev, fn = setup()
    assert ev.condition("IsProd") is None  # Stage defaults to dev, but prod is allowed
    cands = fn.memory_size.values
    assert [(c.value, c.conditions, c.loc.line, c.loc.col) for c in cands] == [
        (2048, (("IsProd", True),), 31, 32),
        (512, (("IsProd", False),), 31, 38),
    ]


def test_allowed_values_decide_a_condition_when_they_all_agree() -> None:
    _, ev, fn = setup()
    assert ev.condition("IsGold") is False  # Tier allows bronze and silver only
    [cand] = fn.reserved_concurrency.values
    assert (cand.value, cand.conditions) == (5, ())


def test_parameter_override_decides_the_condition() -> None:
    template, ev, fn = setup({"Stage": "prod"})
    assert template.parameters["Stage"].override == "prod"
    assert ev.condition("IsProd") is True
    assert [(c.value, c.loc.line, c.loc.col) for c in fn.memory_size.values] == [(2048, 31, 32)]
    assert fn.memory_size.only() == 2048
    # The undecidable condition is still undecided.
    assert len(fn.timeout.values) == 2
    template, ev, fn = setup({"Stage": "dev"})
    assert ev.condition("IsProd") is False
    assert fn.memory_size.only() == 512


def test_override_of_the_unknown_parameter_decides_it() -> None:
    _, ev, fn = setup({"AlarmEmail": "ops@example.com"})
    assert ev.condition("HasAlarms") is True
    [cand] = fn.timeout.values
    assert (cand.value, cand.conditions, cand.loc.line) == (30, (), 35)


def test_parameter_default_is_where_the_value_was_written() -> None:
    _, _, fn = setup()
    [cand] = fn.ephemeral_storage.values
    assert (cand.value, cand.loc.line, cand.loc.col) == (768, 15, 14)
    assert cand.via == ("parameter Memory Default",)
    assert "parameter Memory Default" in cand.explain()


def test_parameter_override_replaces_the_default() -> None:
    _, _, fn = setup({"Memory": "4096"})
    [cand] = fn.ephemeral_storage.values
    # Given on the command line as text; the model reads it as the number Lambda gets.
    assert cand.value == 4096
    assert cand.via == ("parameter Memory=4096 from --parameter",)
    # Located at the Ref in the template: the command line has no line.
    assert (cand.loc.line, cand.loc.col) == (38, 15)


def test_resource_condition_is_kept_on_the_model() -> None:
    template, ev, _ = setup()
    fn = build_graph(template).get("ProdOnly")
    assert isinstance(fn, Function)
    assert fn.condition == "IsProd"
    assert ev.condition(fn.condition) is None  # so it is linted: prod may deploy it


def test_every_allowed_value_is_a_candidate_located_where_written() -> None:
    template, ev, _ = setup()
    ref = template.resources["Fn"].properties  # any node will do to anchor a Ref
    node = Mapping({"Ref": Scalar("Tier", ref.loc)}, ref.loc)
    cands = ev.candidates(node)
    assert [(c.value, c.loc.line, c.via) for c in cands] == [
        ("bronze", 18, ("parameter Tier Default",)),
        ("silver", 19, ("parameter Tier AllowedValues",)),
    ]


REACH = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, AllowedValues: [dev, staging, prod]}
  Free: {Type: String}
  Subnets: {Type: CommaDelimitedList}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [dev, !Ref Env]
  IsStaging: !Equals [!Ref Env, staging]
  NotProd: !Not [!Condition IsProd]
  Either: !Or [!Condition IsProd, !Condition IsDev]
  FreeA: !Equals [!Ref Free, a]
  FreeB: !Equals [!Ref Free, b]
  East: !Equals [!Ref 'AWS::Region', us-east-1]
  NoSubnets: !Equals [!Join [',', !Ref Subnets], '']
Resources:
  Q: {Type: AWS::SQS::Queue}
"""


def reach_evaluator(tmp_path: Path, overrides: dict[str, str] | None = None) -> Evaluator:
    path = tmp_path / "t.yaml"
    path.write_text(REACH)
    template, diagnostics = load_template(str(path), overrides)
    assert template is not None and diagnostics == []
    return Evaluator(template)


def test_outcomes_that_contradict_are_unreachable(tmp_path: Path) -> None:
    ev = reach_evaluator(tmp_path)
    assert not ev.reachable((("IsProd", True), ("IsProd", False)))
    assert not ev.reachable((("IsProd", True), ("IsDev", True)))  # one parameter, two values
    assert not ev.reachable((("IsProd", True), ("NotProd", True)))
    # AllowedValues bound the parameter: neither prod, dev nor staging is impossible.
    assert not ev.reachable((("IsProd", False), ("IsDev", False), ("IsStaging", False)))
    assert not ev.reachable((("Either", True), ("IsStaging", True)))
    assert not ev.reachable((("FreeA", True), ("FreeB", True)))


def test_outcomes_that_can_hold_together_are_reachable(tmp_path: Path) -> None:
    ev = reach_evaluator(tmp_path)
    assert ev.reachable((("IsProd", True), ("East", True)))  # independent inputs
    assert ev.reachable((("IsProd", False), ("IsDev", False)))  # staging
    # A parameter without AllowedValues may be neither a nor b.
    assert ev.reachable((("FreeA", False), ("FreeB", False)))
    # An atom the solver cannot read is free: any outcome of it is possible.
    assert ev.reachable((("NoSubnets", True), ("IsProd", True)))
    assert ev.reachable((("Undefined", True),))


def test_an_override_fixes_the_parameter(tmp_path: Path) -> None:
    ev = reach_evaluator(tmp_path, {"Free": "a"})
    assert not ev.reachable((("FreeA", False),))
    assert ev.reachable((("FreeB", False),))


def test_a_resource_condition_drops_the_branch_it_excludes(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        REACH.replace(
            "  Q: {Type: AWS::SQS::Queue}\n",
            "  Esm:\n"
            "    Type: AWS::Lambda::EventSourceMapping\n"
            "    Condition: IsProd\n"
            "    Properties:\n"
            "      FunctionName: fn\n"
            "      BatchSize: !If [IsProd, 10, 100]\n"
            "      Enabled: !If [East, true, false]\n",
        )
    )
    template, diagnostics = load_template(str(path))
    assert template is not None and diagnostics == []
    ev = Evaluator(template)
    props = template.resources["Esm"].properties.items
    # Found from the node's path: the mapping exists only when IsProd holds.
    assert [(c.value, c.conditions) for c in ev.candidates(props["BatchSize"])] == [
        (10, (("IsProd", True),))
    ]
    # A condition independent of the resource's keeps both branches.
    assert [c.value for c in ev.candidates(props["Enabled"])] == [True, False]
