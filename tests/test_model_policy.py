"""Typed policies in the model (``lambdalint/model/policy.py``, ``model/sam_role.py``): statements
split through Fn::If with located elements, a role's inline and managed policies and boundary, the
statement an AWS::Lambda::Permission writes, and what SAM writes into the role it generates,
each named as SAM names it and located on the line that caused it."""

from __future__ import annotations

from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Permission, Policy, Role
from lambdalint.model.policy import SYMBOLIC, PolicySource, SourceKind
from lambdalint.model.values import Field, Invalid, Known, Unknown
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text


def graph_of(text: str) -> LambdaGraph:
    template, diagnostics = parse_text(SourceText("t.yaml", text))
    assert template is not None, diagnostics
    return build_graph(template)


def known(field: Field[str] | None) -> list[tuple[str, int]]:
    assert field is not None
    return [(v.value, v.loc.line) for v in field.values if isinstance(v, Known)]


def role(graph: LambdaGraph, logical_id: str) -> Role:
    found = graph.get(logical_id)
    assert isinstance(found, Role)
    return found


def summary(src: PolicySource) -> tuple[str, str, str, int]:
    return (src.kind.value, src.name, src.via, src.loc.line)


CFN = """\
Conditions:
  IsProd: !Equals [!Ref AWS::AccountId, "123456789012"]
Resources:
  Q:
    Type: AWS::SQS::Queue
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Ref Managed
      PermissionsBoundary: !Sub arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess
      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Sid: Send
                Effect: Allow
                Action: [sqs:SendMessage, !If [IsProd, sqs:GetQueueUrl, !Ref AWS::NoValue]]
                Resource: !GetAtt Q.Arn
                Condition: {Bool: {aws:SecureTransport: true}}
              - !If
                - IsProd
                - {Effect: Deny, NotAction: "s3:*", NotResource: "*"}
                - !Ref AWS::NoValue
              - !ImportValue shared-statement
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref R, some-role-name]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: some-function
      Principal: s3.amazonaws.com
      SourceArn: !Sub arn:aws:s3:::${AWS::StackName}-bucket
"""


def test_cfn_role_policies_are_typed_and_located() -> None:
    graph = graph_of(CFN)
    perms = role(graph, "R").permissions
    assert [summary(s) for s in perms.sources] == [
        ("document", "inline policy send of role R", "Policies of R", 19),
        ("arn", "", "ManagedPolicyArns of R", 15),
        ("arn", "", "ManagedPolicyArns of R", 16),
    ]
    doc = perms.sources[0].document
    assert doc is not None and doc.loc.line == 21
    # The ImportValue statement cannot be read: the document may say anything.
    assert doc.unknown
    send, deny = doc.statements
    assert known(send.effect) == [("Allow", 23)] and send.sid.only() == "Send"
    assert known(send.actions) == [("sqs:SendMessage", 24), ("sqs:GetQueueUrl", 24)]
    assert send.actions is not None and send.actions.values[1].conditions == (("IsProd", True),)
    assert send.actions.site.path[-1] == "Action"
    resource = send.resources.values if send.resources is not None else ()
    assert [(type(v), getattr(v, "why", None), v.loc.line) for v in resource] == [
        (Unknown, SYMBOLIC, 25)
    ]
    assert known(send.condition) == [("Bool", 26)]
    assert send.not_actions is None and send.principals is None
    # The Fn::If statement exists only when IsProd is true.
    assert deny.conditions == (("IsProd", True),)
    assert known(deny.not_actions) == [("s3:*", 29)] and deny.actions is None
    assert known(deny.not_resources) == [("*", 29)]
    # ManagedPolicyArns: a literal, and a Ref the IAM evaluator resolves to the template's policy.
    literal, ref = perms.sources[1].arn, perms.sources[2]
    assert isinstance(literal, Known) and literal.value.endswith("AWSLambdaBasicExecutionRole")
    assert ref.ref == "Managed" and isinstance(ref.arn, Unknown)
    assert perms.boundary is not None
    assert [summary(s) for s in perms.boundary] == [("arn", "", "PermissionsBoundary of R", 17)]
    trust = role(graph, "R").trust_policy
    assert trust is not None
    assert known(trust.statements[0].principals) == [("Service:lambda.amazonaws.com", 12)]


def test_policy_resources_and_permissions_carry_typed_statements() -> None:
    graph = graph_of(CFN)
    managed = graph.get("Managed")
    assert isinstance(managed, Policy)
    (stmt,) = managed.policy_document.statements
    assert known(stmt.actions) == [("s3:GetObject", 37)]
    perm = graph.get("Perm")
    assert isinstance(perm, Permission) and perm.statement is not None
    st = perm.statement
    assert known(st.principal) == [("s3.amazonaws.com", 43)]
    assert st.source_arn.written and not st.source_account.written
    assert [getattr(v, "why", None) for v in st.source_arn.values] == [SYMBOLIC]
    assert not st.invoked_via_function_url.written


def test_policies_are_read_only_when_asked() -> None:
    graph = graph_of(CFN)
    r = role(graph, "R")
    assert "permissions" not in r.__dict__
    first = r.permissions
    assert r.permissions is first  # computed once


SAM = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
      PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
      Policies:
        - AWSLambdaExecute
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Q.QueueName
        - Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: "*"
        - {NotAPolicy: {}}
      DeadLetterQueue:
        Type: SNS
        TargetArn: !Ref Topic
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess:
            Type: SQS
            Destination: !GetAtt Q.Arn
          OnFailure:
            Type: S3Bucket
            Destination: arn:aws:s3:::bucket
      Events:
        Stream:
          Type: Kinesis
          Properties:
            Stream: arn:aws:kinesis:us-east-1:123456789012:stream/s
            StartingPosition: LATEST
            DestinationConfig:
              OnFailure:
                Type: SQS
                Destination: !GetAtt Q.Arn
        Queue1:
          Type: SQS
          Properties: {Queue: !GetAtt Q.Arn}
        Queue2:
          Type: SQS
          Properties: {Queue: !GetAtt Q.Arn}
        Broker:
          Type: MQ
          Properties:
            Broker: arn:aws:mq:us-east-1:123456789012:broker:b
            Queues: [q]
            SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:x}]
  Q:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
"""


def test_sam_generated_role_is_what_sam_writes() -> None:
    perms = role(graph_of(SAM), "FnRole").permissions
    assert [summary(s) for s in perms.sources] == [
        ("managed", "service-role/AWSLambdaBasicExecutionRole", "added by SAM", 3),
        ("managed", "AWSXrayWriteOnlyAccess", "added by SAM: Tracing", 9),
        ("managed", "service-role/AWSLambdaVPCAccessExecutionRole", "added by SAM: VpcConfig", 11),
        ("arn", "", "Policies of Fn", 15),
        (
            "document",
            "SAM policy template SQSSendMessagePolicy in Policies of Fn",
            "Policies of Fn",
            16,
        ),
        ("document", "inline policy in Policies of Fn", "Policies of Fn", 18),
        ("unknown", "Policies of Fn", "Policies of Fn", 22),
        ("document", "DeadLetterQueuePolicy (added by SAM)", "added by SAM", 24),
        ("document", "EventInvokeConfig OnSuccess policy (added by SAM)", "added by SAM", 29),
        ("document", "EventInvokeConfig OnFailure policy (added by SAM)", "added by SAM", 32),
        (
            "managed",
            "service-role/AWSLambdaKinesisExecutionRole",
            "added by SAM for event Fn.Stream.Mapping",
            36,
        ),
        (
            "document",
            "on-failure destination policy of Fn.Stream.Mapping (added by SAM)",
            "added by SAM",
            42,
        ),
        # One SQS execution policy for both queues, located on the first.
        (
            "managed",
            "service-role/AWSLambdaSQSQueueExecutionRole",
            "added by SAM for event Fn.Queue1.Mapping",
            45,
        ),
        (
            "unknown",
            "SAM's inline policy for event Fn.Broker.Mapping",
            "added by SAM",
            51,
        ),
    ]
    by_name = {s.name: s for s in perms.sources}
    dlq = by_name["DeadLetterQueuePolicy (added by SAM)"].document
    assert dlq is not None
    (stmt,) = dlq.statements
    assert known(stmt.actions) == [("sns:Publish", 24)]
    assert [getattr(v, "why", None) for v in stmt.resources.values] == [SYMBOLIC]  # type: ignore[union-attr]
    s3 = by_name["EventInvokeConfig OnFailure policy (added by SAM)"].document
    assert s3 is not None
    assert [known(s.actions) for s in s3.statements] == [
        [("s3:PutObject", 32)],
        [("s3:ListBucket", 32)],
    ]
    tpl = by_name["SAM policy template SQSSendMessagePolicy in Policies of Fn"].document
    assert tpl is not None and not tpl.unknown
    assert known(tpl.statements[0].actions) == [
        ("sqs:SendMessage*", 17),
    ]
    assert perms.boundary is not None
    assert [summary(s) for s in perms.boundary] == [
        ("arn", "", "PermissionsBoundary of FnRole", 13)
    ]
    trust = role(graph_of(SAM), "FnRole").trust_policy
    assert trust is not None and known(trust.statements[0].actions) == [("sts:AssumeRole", 3)]


def test_values_that_are_not_strings_are_invalid_not_known() -> None:
    graph = graph_of(
        "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
        "      AssumeRolePolicyDocument: {Statement: []}\n"
        "      Policies:\n        - PolicyName: p\n          PolicyDocument:\n"
        "            Statement: [{Effect: Allow, Action: [true, 3], Resource: [[a]]}]\n"
    )
    doc = role(graph, "R").permissions.sources[0].document
    assert doc is not None
    (stmt,) = doc.statements
    assert stmt.actions is not None and stmt.resources is not None
    assert [type(v) for v in stmt.actions.values] == [Invalid, Known]
    assert [getattr(v, "why", None) for v in stmt.resources.values] == ["not a single value"]
    assert SourceKind.DOCUMENT is role(graph, "R").permissions.sources[0].kind


def test_function_grants_name_what_the_role_acts_on() -> None:
    from lambdalint.model.lambda_ import EventSourceMapping, Function

    graph = graph_of(SAM)
    fn = graph.get("Fn")
    assert isinstance(fn, Function)
    g = fn.grants
    assert g.dead_letter is not None and g.dead_letter_kind == "SNS"
    assert g.dead_letter.names == ("Topic",) and g.dead_letter.at.loc.line == 25
    assert [(d.when, d.kind, d.target.at.loc.line) for d in g.destinations] == [
        ("OnSuccess", "SQS", 30),
        ("OnFailure", "S3Bucket", 33),
    ]
    assert g.vpc is not None and g.vpc.loc.line == 11
    assert g.tracing_active is not None and g.tracing_active.loc.line == 9
    assert g.file_systems is None and g.log_group is None
    esm = graph.get("Fn.Stream.Mapping")
    assert isinstance(esm, EventSourceMapping)
    assert esm.grants.source is not None and esm.grants.source.at.loc.line == 38
    failure = esm.grants.on_failure
    assert failure is not None and (failure.kind, failure.target.names) == ("SQS", ("Q",))


def test_building_the_graph_reads_no_policy() -> None:
    """Policies and grants are read on first use: building the graph of a SAM template with a
    generated role imports none of the modules that read them."""
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import sys\n"
        "from lambdalint.model.build import build_graph\n"
        "from lambdalint.source.reader import SourceText\n"
        "from lambdalint.source.template import parse_text\n"
        f"t, _ = parse_text(SourceText('t.yaml', {SAM!r}))\n"
        "assert t is not None\n"
        "build_graph(t)\n"
        "print(sorted(m for m in sys.modules if m.startswith('lambdalint.')"
        " and m.rsplit('.', 1)[-1] in ('policy', 'sam_role', 'grants') or 'lambdalint.iam' in m))\n"
    )
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
