"""The static evaluator on each intrinsic: known values where the inputs are in the template,
Unknown (never a guess) where they are not, and the location a finding should use."""

from __future__ import annotations

from typing import Any

import pytest

from lambdalint.source.intrinsics import NO_VALUE, UNKNOWN, Evaluator, ResourceRef
from lambdalint.source.reader import SourceText
from lambdalint.source.template import Template, parse_text

TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, Default: prod, AllowedValues: [prod]}
  Subnets: {Type: CommaDelimitedList, Default: "subnet-a, subnet-b,subnet-c"}
  Secret: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /x/y}
  NoDefault: {Type: String}
Mappings:
  Sizes:
    prod: {Memory: 2048, Name: big}
    dev: {Memory: 128}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Either: !Or [!Condition IsProd, !Equals [!Ref NoDefault, x]]
  Both: !And [!Condition IsProd, !Equals [!Ref NoDefault, x]]
  SameQueue: !Equals [!Ref Q, !Ref Other]
  SameList: !Equals [!Split [',', 'a,b'], [a, b]]
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      A: !Sub '${Env}-${AWS::Region}-q'
      B: !Sub ['${X}-${Env}', {X: !FindInMap [Sizes, !Ref Env, Name]}]
      C: !Join ['-', [a, !Ref Env, 3]]
      D: !FindInMap [Sizes, !Ref Env, Memory]
      E: !Select [1, !Ref Subnets]
      F: !Select [2, [x, y, z]]
      G: !Split [',', 'p,q']
      H: !Base64 abc
      I: !Ref AWS::NoValue
      J: !GetAtt Q.Arn
      K: !Ref Q
      L: !Ref Secret
      M: !If [Either, 1, 2]
      N: !If [Both, 1, 2]
      O: !Sub 'literal ${!NotAVar}'
      P: !ImportValue other-stack
      R: !Sub '${Q.Arn}/x'
      S: !Ref Subnets
  Other:
    Type: AWS::SQS::Queue
"""


@pytest.fixture(scope="module")
def ev() -> Evaluator:
    template, diagnostics = parse_text(SourceText("t.yaml", TEMPLATE))
    assert template is not None and diagnostics == []
    return Evaluator(template)


def prop(ev: Evaluator, name: str) -> Any:
    template: Template = ev.template
    return template.resources["Q"].properties.items[name]


CASES = [
    # property, value, line:col of the candidate, via
    ("A", UNKNOWN, (21, 10), ("parameter Env Default",)),  # AWS::Region is not known
    ("B", "big-prod", (22, 10), ("Mappings Sizes.prod.Name", "parameter Env Default")),
    ("C", "a-prod-3", (23, 10), ("parameter Env Default",)),
    ("D", 2048, (9, 20), ("Mappings Sizes.prod.Memory",)),  # located in Mappings
    ("E", "subnet-b", (25, 10), ("parameter Subnets Default",)),
    ("F", "z", (26, 29), ()),
    ("G", ["p", "q"], (27, 10), ()),
    ("H", "YWJj", (28, 10), ()),
    ("I", NO_VALUE, (29, 10), ()),
    ("J", ResourceRef("Q", "Arn"), (30, 10), ()),
    ("K", ResourceRef("Q"), (31, 10), ()),
    ("L", UNKNOWN, (32, 10), ("parameter Secret",)),  # SSM parameters resolve at deploy
    ("M", 1, (33, 23), ()),  # Either is true whatever NoDefault is
    ("O", "literal ${NotAVar}", (35, 10), ()),
    ("P", UNKNOWN, (36, 10), ()),
    ("R", UNKNOWN, (37, 10), ()),
    # A CommaDelimitedList is a list, members space-trimmed, located at its Default.
    ("S", ["subnet-a", "subnet-b", "subnet-c"], (4, 48), ("parameter Subnets Default",)),
]


@pytest.mark.parametrize(("name", "value", "where", "via"), CASES, ids=[c[0] for c in CASES])
def test_single_candidate(
    ev: Evaluator, name: str, value: Any, where: tuple[int, int], via: tuple[str, ...]
) -> None:
    [cand] = ev.candidates(prop(ev, name))
    assert (cand.value, (cand.loc.line, cand.loc.col), cand.via) == (value, where, via)
    assert cand.is_known is (value is not UNKNOWN)


def test_undecided_and_keeps_both_branches(ev: Evaluator) -> None:
    # IsProd is decided because Env allows prod only: a Default alone would not decide it.
    assert ev.condition("Either") is True
    assert ev.condition("Both") is None
    cands = ev.candidates(prop(ev, "N"))
    assert [(c.value, c.conditions) for c in cands] == [
        (1, (("Both", True),)),
        (2, (("Both", False),)),
    ]
    assert cands[0].explain() == " (when condition Both is true)"


def test_equals_is_not_decided_on_what_is_unknown(ev: Evaluator) -> None:
    """Two queues' names are unknown until deploy: their equality is undecided, not true."""
    assert ev.condition("SameQueue") is None
    assert ev.condition("SameList") is True


def test_list_parameter_override_is_split() -> None:
    template, _ = parse_text(SourceText("t.yaml", TEMPLATE), {"Subnets": "s-1,s-2"})
    assert template is not None
    ev = Evaluator(template)
    [cand] = ev.candidates(prop(ev, "S"))
    assert cand.value == ["s-1", "s-2"]
    assert cand.via == ("parameter Subnets=s-1,s-2 from --parameter",)
