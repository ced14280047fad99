"""LL514: a DLQ or async destinations on a function is reported only when the template shows
every invoker and all of them are synchronous; anything that may invoke it otherwise (another
principal's permission, a reference from outside its own configuration, a REST method written in
CloudFormation, which may be a non-proxy asynchronous integration) keeps the rule silent."""

from __future__ import annotations

import pytest

from tests.lintrun import REPO, lint_text

BAD = (REPO / "fixtures/rules/LL514/bad/cfn.yaml").read_text()


def ll514(text: str) -> list[str]:
    return [f.message for f in lint_text(text) if f.rule_id == "LL514"]


def test_the_bad_fixture_is_reported() -> None:
    assert len(ll514(BAD)) == 1


PERMISSION = """\
  S3Permission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
"""
CALLER = """\
  Caller:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/caller
      Code: {S3Bucket: my-artifacts, S3Key: caller.zip}
      Environment:
        Variables:
          TARGET: !Ref Fn
"""
REST_METHOD = """\
  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: rest}
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Rest
      ResourceId: !GetAtt Rest.RootResourceId
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/\\
          ${Fn.Arn}/invocations"
"""
UNKNOWN_API = """\
  OtherApiPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
"""


@pytest.mark.parametrize(
    "extra",
    [PERMISSION, CALLER, REST_METHOD, UNKNOWN_API],
    ids=["s3-permission", "named-by-another-function", "rest-method", "api-elsewhere"],
)
def test_another_possible_invoker_keeps_it_silent(extra: str) -> None:
    head, _, logs = BAD.partition("  Logs:\n")
    assert ll514(head + extra + "  Logs:\n" + logs) == []


def test_names_that_do_not_invoke_do_not_count() -> None:
    alarm = """\
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{Name: FunctionName, Value: !Ref Fn}]
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
"""
    assert len(ll514(BAD + alarm)) == 1


def test_a_trigger_that_exists_only_under_a_condition_leaves_other_invokers() -> None:
    # Where the integration is not deployed, the function has no invoker the template shows.
    conditional = BAD.replace(
        'AWSTemplateFormatVersion: "2010-09-09"\n',
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        "Parameters:\n  Mode: {Type: String, AllowedValues: [api, direct]}\n"
        "Conditions:\n  UseApi: !Equals [!Ref Mode, api]\n",
    ).replace(
        "    Type: AWS::ApiGatewayV2::Integration\n",
        "    Type: AWS::ApiGatewayV2::Integration\n    Condition: UseApi\n",
    )
    assert conditional != BAD and ll514(conditional) == []
