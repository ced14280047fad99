"""One reader of reference syntax (lambdalint.source.references): Fn::Sub variables and escapes,
and the same references from every walker -- the LL014/LL015 walk, the model's links and the
static evaluator -- including ``${ Name }``, which CloudFormation reads as ``${Name}``."""

from __future__ import annotations

import pytest

from lambdalint.model.refs import references
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.reader import SourceText
from lambdalint.source.references import (
    RefKind,
    references_in,
    split_variable,
    sub_variables,
    substitute,
)
from lambdalint.source.template import parse_text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("${A}-${B.Arn}", ["A", "B.Arn"]),
        ("${ A }/${\tB.Arn}", ["A", "B.Arn"]),  # whitespace around the name is not part of it
        ("${!Literal} ${ !Spaced} ${A}", ["A"]),  # escapes are not variables
        ("${} ${ } $A {B} ${A", []),  # nothing named, or not a placeholder
        ("${A}${A}", ["A", "A"]),
        ('{"k": "${AWS::Region}"}', ["AWS::Region"]),
    ],
)
def test_sub_variables(text: str, names: list[str]) -> None:
    assert sub_variables(text) == names


def test_substitute_writes_values_and_escapes() -> None:
    values = {"A": "1", "B.Arn": "arn"}
    assert substitute("${A}-${ B.Arn }-${!Lit}-${}", values.__getitem__) == "1-arn-${Lit}-${}"


def test_split_variable() -> None:
    assert split_variable("Res.Attr.Sub") == ("Res", "Attr.Sub")
    assert split_variable("Res") == ("Res", None)
    assert split_variable("AWS::Region") == ("AWS::Region", None)


TEMPLATE = """\
Parameters:
  Env: {Type: String, Default: prod}
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '${ Env }-${Other.Arn}-${ !Kept}-${Local}'
      Other: !Sub ['${ Local }', {Local: !Ref Other}]
      Text: !Sub ['${ Local }-${ Env }-${!Lit}', {Local: x}]
  Other:
    Type: AWS::SQS::Queue
"""


def test_every_walker_reads_spaced_placeholders_alike() -> None:
    template, diagnostics = parse_text(SourceText("t.yaml", TEMPLATE))
    assert template is not None and diagnostics == []
    props = template.resources["Q"].properties.items
    walked = [(r.kind, r.target, r.attribute) for r in references_in(props["QueueName"], "Q")]
    assert walked == [
        (RefKind.SUB, "Env", None),
        (RefKind.GETATT, "Other", "Arn"),
        (RefKind.SUB, "Local", None),
    ]
    assert list(references(props["QueueName"])) == [
        ("Env", None),
        ("Other", "Arn"),
        ("Local", None),
    ]
    # The variable map names Local, with or without spaces; its value is walked.
    assert list(references(props["Other"])) == [("Other", None)]
    assert [r.target for r in references_in(props["Other"], "Q")] == ["Other"]
    # The evaluator substitutes the same names.
    assert Evaluator(template).value(props["Text"]) == "x-prod-${Lit}"
