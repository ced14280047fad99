"""The effective policy of execution roles, on small templates: each policy source, intrinsics
that name the same resource, unknown sources, boundaries, conditions."""

from __future__ import annotations

import textwrap

from lambdalint.iam.analysis import analyse
from lambdalint.iam.tri import Answer
from lambdalint.model.build import build_graph
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

HEAD = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
Conditions:
  Prod: !Equals [!Ref Stage, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Other:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
"""


def answer(resources: str, action: str, target: str, fn: str = "Fn") -> Answer:
    text = HEAD + textwrap.indent(textwrap.dedent(resources), "  ")
    tpl, _ = parse_text(SourceText("t.yaml", text))
    assert tpl is not None
    a = analyse(tpl, build_graph(tpl), Evaluator(tpl))
    view = next(f for f in a.functions if f.logical_id == fn)
    return a.policy(view).allows(action, a.resolver.arn_of(target)).answer


SAM_FN = """\
Fn:
  Type: AWS::Serverless::Function
  Properties:
    Runtime: python3.13
    Handler: a.b
    CodeUri: s3://b/k.zip
    Policies:
"""


def statement(resource: str) -> str:
    return (
        "      - Statement:\n          - Effect: Allow\n            Action: sqs:SendMessage\n"
        f"            Resource: {resource}\n"
    )


def test_every_spelling_of_the_queue_arn_is_the_queue() -> None:
    for resource in (
        "!GetAtt Queue.Arn",
        "!Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}",
        "!Join [':', [arn, !Ref AWS::Partition, sqs, !Ref AWS::Region, !Ref AWS::AccountId, "
        "!GetAtt Queue.QueueName]]",
        "arn:*:sqs:*:*:*",
    ):
        policy = statement(resource)
        assert answer(SAM_FN + policy, "sqs:SendMessage", "Queue") is Answer.YES, resource
        if "*" not in resource:
            assert answer(SAM_FN + policy, "sqs:SendMessage", "Other") is Answer.NO, resource


def test_ref_of_a_queue_is_its_url_not_its_arn() -> None:
    policy = statement("!Ref Queue")
    assert answer(SAM_FN + policy, "sqs:SendMessage", "Queue") is Answer.NO


def test_policy_template_parameters_are_substituted() -> None:
    policy = "      - SQSSendMessagePolicy: {QueueName: !GetAtt Queue.QueueName}\n"
    assert answer(SAM_FN + policy, "sqs:SendMessage", "Queue") is Answer.YES
    assert answer(SAM_FN + policy, "sqs:SendMessage", "Other") is Answer.NO


def test_managed_policy_by_name_and_unknown_managed_policy() -> None:
    assert (
        answer(SAM_FN + "      - AmazonSQSFullAccess\n", "sqs:SendMessage", "Queue") is Answer.YES
    )
    unknown = SAM_FN + "      - SomePolicyLambdalintHasNoDataFor\n"
    assert answer(unknown, "sqs:SendMessage", "Queue") is Answer.UNKNOWN
    customer = SAM_FN + "      - arn:aws:iam::123456789012:policy/mine\n"
    assert answer(customer, "sqs:SendMessage", "Queue") is Answer.UNKNOWN


def test_template_condition_makes_a_grant_conditional() -> None:
    policy = (
        "      - !If\n        - Prod\n        - Statement:\n"
        "            - {Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn}\n"
        "        - !Ref AWS::NoValue\n"
    )
    assert answer(SAM_FN + policy, "sqs:SendMessage", "Queue") is Answer.CONDITIONAL


def test_a_statement_of_the_other_branch_grants_nothing_there() -> None:
    """A request that exists only when Prod is true (a mapping with ``Condition: Prod``) is not
    served by a statement that exists only when Prod is false, and is by one under Prod."""
    text = HEAD + textwrap.indent(textwrap.dedent(SAM_FN), "  ")
    for flag, grants in ((False, Answer.NO), (True, Answer.CONDITIONAL)):
        branches = ("Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: '*'}]",)
        ordered = (branches[0], "!Ref AWS::NoValue") if flag else ("!Ref AWS::NoValue", branches[0])
        policy = f"      - !If [Prod, {ordered[0]}, {ordered[1]}]\n"
        tpl, _ = parse_text(SourceText("t.yaml", text + policy))
        assert tpl is not None
        ev = Evaluator(tpl)
        a = analyse(tpl, build_graph(tpl), ev)
        view = next(f for f in a.functions if f.logical_id == "Fn")
        arn = a.resolver.arn_of("Queue")
        decision = a.policy(view).allows("sqs:SendMessage", arn, (("Prod", True),), ev.reachable)
        assert decision.answer is grants
        # Without the request's condition, the statement may apply.
        assert a.policy(view).allows("sqs:SendMessage", arn).answer is Answer.CONDITIONAL


def test_explicit_deny_wins_and_boundary_intersects() -> None:
    cfn = """\
Fn:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: python3.13
    Handler: a.b
    Role: !GetAtt Role.Arn
    Code: {ZipFile: x}
Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument: {Statement: []}
    PermissionsBoundary: !Ref Boundary
    ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSQSFullAccess]
    Policies:
      - PolicyName: p
        PolicyDocument:
          Statement:
            - {Effect: Deny, Action: sqs:DeleteMessage, Resource: "*"}
Boundary:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Statement:
        - {Effect: Allow, NotAction: sqs:SendMessage, Resource: "*"}
"""
    assert answer(cfn, "sqs:ReceiveMessage", "Queue") is Answer.YES
    assert answer(cfn, "sqs:DeleteMessage", "Queue") is Answer.NO
    assert answer(cfn, "sqs:SendMessage", "Queue") is Answer.NO


def test_attached_policy_and_role_outside_the_template() -> None:
    cfn = """\
Fn:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: python3.13
    Handler: a.b
    Role: !GetAtt Role.Arn
    Code: {ZipFile: x}
Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument: {Statement: []}
Attached:
  Type: AWS::IAM::Policy
  Properties:
    PolicyName: p
    Roles: [!Ref Role]
    PolicyDocument:
      Statement:
        - {Effect: Allow, Action: sns:Publish, Resource: !Ref Topic}
External:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: python3.13
    Handler: a.b
    Role: arn:aws:iam::123456789012:role/elsewhere
    Code: {ZipFile: x}
"""
    assert answer(cfn, "sns:Publish", "Topic") is Answer.YES
    assert answer(cfn, "sqs:SendMessage", "Queue") is Answer.NO
    assert answer(cfn, "sns:Publish", "Topic", fn="External") is Answer.UNKNOWN


def test_sam_generated_role_has_what_sam_adds() -> None:
    fn = """\
Fn:
  Type: AWS::Serverless::Function
  Properties:
    Runtime: python3.13
    Handler: a.b
    CodeUri: s3://b/k.zip
    DeadLetterQueue: {Type: SNS, TargetArn: !Ref Topic}
    Events:
      Poll:
        Type: SQS
        Properties:
          Queue: !GetAtt Queue.Arn
"""
    assert answer(fn, "sns:Publish", "Topic") is Answer.YES
    assert answer(fn, "sqs:ReceiveMessage", "Queue") is Answer.YES
    assert answer(fn, "logs:PutLogEvents", "Queue") is Answer.YES
    assert answer(fn, "s3:GetObject", "Queue") is Answer.NO
