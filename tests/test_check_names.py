"""The name helpers behind LL111/LL112: what an Fn::Sub surely writes, and what a value breaks."""

from __future__ import annotations

from lambdalint.checks.limits.names import violations
from lambdalint.facts import limits
from lambdalint.model.read import sub_literal
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Scalar, Sequence

LOC = Location.point("t.yaml")


def sub(text: str, variables: bool = False) -> Mapping:
    arg: Scalar | Sequence = Scalar(text, LOC)
    if variables:
        arg = Sequence([arg, Mapping({}, LOC)], LOC)
    return Mapping({"Fn::Sub": arg}, LOC)


def test_sub_literal_drops_variables_and_keeps_escaped_ones() -> None:
    assert sub_literal(sub("${AWS::StackName}-orders-${Stage}")) == "-orders-"
    assert sub_literal(sub("a-${!Literal}-b", variables=True)) == "a-${Literal}-b"
    assert sub_literal(Scalar("plain", LOC)) is None
    assert sub_literal(Mapping({"Fn::Join": Sequence([], LOC)}, LOC)) is None


def test_violations_of_the_function_name_rule() -> None:
    rule = limits().function_name
    assert violations("orders-processor_2", rule) == []
    assert violations("x" * 65, rule) == ["is 65 characters; the limit is 64"]
    assert violations("x" * 65, rule, partial=True) == [
        "is at least 65 characters; the limit is 64"
    ]
    assert violations("a.b c", rule) == [
        "contains ' ', '.', which it may not (pattern [a-zA-Z0-9-_]+)"
    ]
    assert violations("", rule) == ["is empty"]
    assert violations("", rule, partial=True) == []
