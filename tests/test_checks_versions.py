"""LL4xx behaviour the fixtures do not pin down: options, the Region setting, and the cases that
must stay silent (unknown versions, conditions, parameters, hashed logical ids)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintrun import lint_text

from lambdalint.config import load_settings

FN = """  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]}
            Action: sts:AssumeRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !GetAtt Role.Arn
      Code: {S3Bucket: my-artifacts, S3Key: fn.zip}
"""
HEAD = "AWSTemplateFormatVersion: '2010-09-09'\n"
PARAMS = """Parameters:
  Hash: {Type: String}
  Stage: {Type: String, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
"""
VERSIONS = """  V1:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !Ref Fn, CodeSha256: !Ref Hash}
  V2:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !Ref Fn, CodeSha256: !Ref Hash}
"""


def alias(name: str, version: str) -> str:
    return f"""  {name.title()}:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: {version}
      Name: {name}
"""


def rules(text: str, **settings: object) -> list[str]:
    return sorted(
        f.rule_id for f in lint_text(HEAD + text, **settings) if f.rule_id.startswith("LL4")
    )


def test_shared_version_allowed_pairs_option() -> None:
    text = PARAMS + "Resources:\n" + FN + VERSIONS
    text += alias("live", "!GetAtt V1.Version") + alias("stable", "!GetAtt V1.Version")
    assert rules(text) == ["LL404"]
    allowed = {"LL404": {"allowed_pairs": [["stable", "live"]]}}
    assert rules(text, rules=allowed) == []


def test_shared_version_under_a_condition_is_not_compared() -> None:
    text = PARAMS + "Resources:\n" + FN + VERSIONS
    text += alias("live", "!GetAtt V1.Version")
    text += alias("dev", "!If [IsProd, !GetAtt V1.Version, !GetAtt V2.Version]")
    assert rules(text) == []


def test_version_description_from_a_parameter_changes() -> None:
    text = (
        PARAMS
        + "Resources:\n"
        + FN
        + """  V1:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !Ref Fn, Description: !Sub "build ${Hash}"}
"""
    )
    assert rules(text) == []
    fixed = text.replace('!Sub "build ${Hash}"', "release one")
    assert rules(fixed) == ["LL405"]


def test_edge_region_only_when_known(tmp_path: Path) -> None:
    text = (
        PARAMS
        + "Resources:\n"
        + FN
        + VERSIONS
        + """  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: allow-all
          LambdaFunctionAssociations:
            - EventType: origin-response
              LambdaFunctionARN: !Ref V1
"""
    )
    assert rules(text) == []
    assert rules(text, region="us-east-1") == []
    assert rules(text, region="eu-central-1") == ["LL414"]
    (tmp_path / "pyproject.toml").write_text('[tool.lambdalint]\nregion = "eu-west-1"\n')
    (tmp_path / "t.yaml").write_text(HEAD + text)
    settings, _ = load_settings([str(tmp_path / "t.yaml")], {})
    assert settings.region == "eu-west-1"
    flags, _ = load_settings([str(tmp_path / "t.yaml")], {"region": "us-east-1"})
    assert flags.region == "us-east-1"


def test_unqualified_invoker_without_alias_settings_is_fine() -> None:
    text = PARAMS + "Resources:\n" + FN + VERSIONS + alias("live", "!GetAtt V1.Version")
    text += """  Queue:
    Type: AWS::SQS::Queue
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn}
"""
    assert rules(text) == []
    with_pc = text.replace(
        "      Name: live\n",
        "      Name: live\n      ProvisionedConcurrencyConfig:\n"
        "        ProvisionedConcurrentExecutions: 1\n",
    )
    assert rules(with_pc) == ["LL409"]


def test_permission_with_unknown_qualifier_is_not_compared() -> None:
    text = PARAMS + "Resources:\n" + FN + VERSIONS + alias("live", "!GetAtt V1.Version")
    text += """  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - {Protocol: lambda, Endpoint: !Ref Live}
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Sub "${Fn.Arn}:${Stage}"
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      SourceArn: !Ref Topic
"""
    assert rules(text) == []
    assert rules(text.replace(':${Stage}"', ':beta"')) == ["LL410"]


def test_region_flag_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from lambdalint.cli import main

    bad = str(Path(__file__).resolve().parents[1] / "fixtures/rules/LL414/bad/cfn.yaml")
    assert main(["check", "--select", "LL414", bad]) == 0
    assert main(["check", "--select", "LL414", "--region", "us-east-1", bad]) == 0
    capsys.readouterr()
    assert main(["check", "--select", "LL414", "--region", "ap-south-1", bad]) == 1
    assert "deploys to ap-south-1" in capsys.readouterr().out
