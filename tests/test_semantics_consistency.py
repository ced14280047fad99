"""Consistency by construction: random function + trigger configurations are written out as SAM or
CloudFormation templates and linted; each delivery rule must fire exactly when the reference model,
run on the same configuration built directly (not through the template adapter), gives the
disposition the rule names. A disagreement is a bug in the rule, the adapter or the model.

Fixed seed (derandomize) and a bounded example count, so CI runs it every time."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lintrun import lint_text

from lambdalint.checks.concurrency.reserved_zero_with_triggers import never_delivers
from lambdalint.checks.delivery.async_events_dropped import lost
from lambdalint.checks.delivery.partial_batch_response_not_configured import partial_would_help
from lambdalint.checks.delivery.sqs_queue_without_redrive import expires
from lambdalint.checks.delivery.sqs_visibility_timeout_too_short import verdict
from lambdalint.checks.delivery.stream_failures_dropped import dropped
from lambdalint.checks.delivery.stream_shard_can_block import blocks
from lambdalint.checks.delivery.sync_caller_timeout_too_short import caller_gives_up
from lambdalint.semantics import (
    AsyncConfig,
    AsyncProducer,
    Disposition,
    EventSourceMapping,
    FunctionConfig,
    QueueConfig,
    Scenario,
    ScenarioKind,
    SourceKind,
    SyncCaller,
    Target,
    TargetKind,
    Trigger,
    simulate,
)

DELIVERY_RULES = ("LL501", "LL502", "LL503", "LL504", "LL505", "LL511", "LL512", "LL602")


@dataclass(frozen=True)
class Case:
    sam: bool
    timeout: int | None
    reserved: int | None
    dlq: bool
    retries: int | None
    age: int | None
    on_failure: bool
    kind: str
    # SQS
    visibility: int | None = None
    max_receive: int | None = None
    window: int | None = None
    batch: int | None = None
    partial: bool = False
    # Kinesis
    stream_retries: int | None = None
    stream_age: int | None = None
    bisect: bool = False
    stream_destination: bool = False


def opt(*values: int) -> st.SearchStrategy[int | None]:
    return st.one_of(st.none(), st.sampled_from(values))


cases = st.builds(
    Case,
    sam=st.booleans(),
    timeout=opt(1, 3, 10, 30, 60, 300),
    reserved=opt(0, 1, 10),
    dlq=st.booleans(),
    retries=opt(0, 1, 2),
    age=opt(60, 100, 3600),
    on_failure=st.booleans(),
    kind=st.sampled_from(["s3", "sqs", "kinesis", "api"]),
    visibility=opt(10, 30, 60, 200, 1000),
    max_receive=opt(1, 5),
    window=opt(0, 5, 20),
    batch=opt(1, 10),
    partial=st.booleans(),
    stream_retries=opt(-1, 0, 3),
    stream_age=opt(-1, 60, 3600),
    bisect=st.booleans(),
    stream_destination=st.booleans(),
)


# ----- the model's inputs, built directly ---------------------------------------------------------
def function_config(c: Case) -> FunctionConfig:
    return FunctionConfig(
        "Fn",
        timeout=c.timeout,
        async_config=AsyncConfig(
            maximum_retry_attempts=c.retries,
            maximum_event_age=c.age,
            on_failure=Target(TargetKind.SQS, "Failed") if c.on_failure else None,
        ),
        dead_letter=Target(TargetKind.SQS, "Dlq") if c.dlq else None,
        reserved_concurrency=c.reserved,
    )


def trigger_config(c: Case) -> Trigger:
    if c.kind == "api":
        # A SAM Api event: REST, 29 s unless TimeoutInMillis (here the batch field, in seconds).
        return SyncCaller("Get", "rest", c.window if c.window else 29, raisable=True)
    if c.kind == "s3":
        return AsyncProducer("Upload", "s3")
    if c.kind == "sqs":
        return EventSourceMapping(
            "Work",
            SourceKind.SQS,
            batch_size=c.batch,
            batching_window=c.window,
            report_batch_item_failures=c.partial,
            queue=QueueConfig(visibility_timeout=c.visibility, max_receive_count=c.max_receive),
        )
    return EventSourceMapping(
        "Records",
        SourceKind.KINESIS,
        batch_size=c.batch,
        starting_position="LATEST",
        maximum_retry_attempts=c.stream_retries,
        maximum_record_age=c.stream_age,
        bisect_on_error=c.bisect,
        report_batch_item_failures=c.partial,
        on_failure=Target(TargetKind.SQS, "Failed") if c.stream_destination else None,
    )


def expected(c: Case) -> set[str]:
    fn, trig = function_config(c), trigger_config(c)
    out = set()
    if lost(fn, trig):
        out.add("LL501")
    if expires(fn, trig):
        out.add("LL502")
    if dropped(fn, trig):
        out.add("LL503")
    if blocks(fn, trig):
        out.add("LL504")
    if verdict(fn, trig) is not None:
        out.add("LL505")
    if partial_would_help(fn, trig):
        out.add("LL512")
    if caller_gives_up(fn, trig):
        out.add("LL511")
    if never_delivers(fn, trig) is not None:
        out.add("LL602")
    return out


# ----- the same configuration as a template -------------------------------------------------------
def _lines(indent: int, props: dict[str, object]) -> str:
    pad = " " * indent
    return "".join(f"{pad}{k}: {v}\n" for k, v in props.items() if v is not None)


def template(c: Case) -> str:
    queue_props = {"VisibilityTimeout": c.visibility}
    redrive = (
        "      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n"
        f"        maxReceiveCount: {c.max_receive}\n"
        if c.max_receive is not None
        else ""
    )
    res = "Resources:\n  Dlq:\n    Type: AWS::SQS::Queue\n  Failed:\n    Type: AWS::SQS::Queue\n"
    if c.kind == "sqs":
        props = _lines(6, queue_props) + redrive
        res += "  Jobs:\n    Type: AWS::SQS::Queue\n" + (
            f"    Properties:\n{props}" if props else ""
        )
    if c.kind == "kinesis":
        res += "  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n"
    if c.kind == "s3" and not c.sam:
        res += (
            "  Uploads:\n    Type: AWS::S3::Bucket\n    Properties:\n"
            "      NotificationConfiguration:\n        LambdaConfigurations:\n"
            "          - Event: s3:ObjectCreated:*\n            Function: !GetAtt Fn.Arn\n"
        )
    elif c.kind == "s3":
        res += "  Uploads:\n    Type: AWS::S3::Bucket\n"
    esm = {
        "BatchSize": c.batch,
        "MaximumBatchingWindowInSeconds": c.window if c.kind == "sqs" else None,
        "FunctionResponseTypes": "[ReportBatchItemFailures]" if c.partial else None,
    }
    if c.kind == "kinesis":
        esm |= {
            "StartingPosition": "LATEST",
            "MaximumRetryAttempts": c.stream_retries,
            "MaximumRecordAgeInSeconds": c.stream_age,
            "BisectBatchOnFunctionError": "true" if c.bisect else None,
        }
    fn_props = {"Timeout": c.timeout, "ReservedConcurrentExecutions": c.reserved}
    eic = {"MaximumRetryAttempts": c.retries, "MaximumEventAgeInSeconds": c.age}
    if c.sam:
        out = "Transform: AWS::Serverless-2016-10-31\n" + res
        out += (
            "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
            "      Runtime: python3.13\n      Handler: app.handler\n"
            "      CodeUri: s3://my-artifacts/fn.zip\n" + _lines(6, fn_props)
        )
        if c.dlq:
            out += "      DeadLetterQueue:\n        Type: SQS\n        TargetArn: !GetAtt Dlq.Arn\n"
        if any(v is not None for v in eic.values()) or c.on_failure:
            out += "      EventInvokeConfig:\n" + _lines(8, eic)
            if c.on_failure:
                out += (
                    "        DestinationConfig:\n          OnFailure:\n            Type: SQS\n"
                    "            Destination: !GetAtt Failed.Arn\n"
                )
        out += "      Events:\n"
        if c.kind == "api":
            out += (
                "        Get:\n          Type: Api\n          Properties:\n"
                "            Path: /items\n            Method: get\n"
            )
            if c.window:
                out += f"            TimeoutInMillis: {c.window * 1000}\n"
        elif c.kind == "s3":
            out += (
                "        Upload:\n          Type: S3\n          Properties:\n"
                "            Bucket: !Ref Uploads\n            Events: s3:ObjectCreated:*\n"
            )
        else:
            name, etype, key, arn = (
                ("Work", "SQS", "Queue", "!GetAtt Jobs.Arn")
                if c.kind == "sqs"
                else ("Records", "Kinesis", "Stream", "!GetAtt Stream.Arn")
            )
            out += f"        {name}:\n          Type: {etype}\n          Properties:\n"
            out += f"            {key}: {arn}\n" + _lines(12, esm)
            if c.kind == "kinesis" and c.stream_destination:
                out += (
                    "            DestinationConfig:\n              OnFailure:\n"
                    "                Type: SQS\n                Destination: !GetAtt Failed.Arn\n"
                )
        return out
    out = 'AWSTemplateFormatVersion: "2010-09-09"\n' + res
    out += (
        "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Runtime: python3.13\n      Handler: app.handler\n"
        "      Role: arn:aws:iam::123456789012:role/fn\n"
        "      Code:\n        S3Bucket: my-artifacts\n        S3Key: fn.zip\n" + _lines(6, fn_props)
    )
    if c.dlq:
        out += "      DeadLetterConfig:\n        TargetArn: !GetAtt Dlq.Arn\n"
    if any(v is not None for v in eic.values()) or c.on_failure:
        out += (
            "  Config:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n"
            "      FunctionName: !Ref Fn\n      Qualifier: $LATEST\n" + _lines(6, eic)
        )
        if c.on_failure:
            out += (
                "      DestinationConfig:\n        OnFailure:\n"
                "          Destination: !GetAtt Failed.Arn\n"
            )
    if c.kind == "api":
        out += (
            "  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: items\n"
            "  Get:\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
            "      RestApiId: !Ref Api\n      ResourceId: !GetAtt Api.RootResourceId\n"
            "      HttpMethod: GET\n      AuthorizationType: NONE\n      Integration:\n"
            "        Type: AWS_PROXY\n        IntegrationHttpMethod: POST\n"
            "        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/"
            "functions/${Fn.Arn}/invocations\n"
        )
        if c.window:
            out += f"        TimeoutInMillis: {c.window * 1000}\n"
    elif c.kind != "s3":
        name = "Work" if c.kind == "sqs" else "Records"
        arn = "!GetAtt Jobs.Arn" if c.kind == "sqs" else "!GetAtt Stream.Arn"
        out += f"  {name}:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
        out += f"      FunctionName: !Ref Fn\n      EventSourceArn: {arn}\n" + _lines(6, esm)
        if c.kind == "kinesis" and c.stream_destination:
            out += (
                "      DestinationConfig:\n        OnFailure:\n"
                "          Destination: !GetAtt Failed.Arn\n"
            )
    return out


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases)
def test_delivery_rules_fire_exactly_when_the_model_says(case: Case) -> None:
    text = template(case)
    findings = lint_text(text, select=DELIVERY_RULES)
    assert not [f for f in findings if f.tool_error], text
    fired = {f.rule_id for f in findings}
    assert fired == expected(case), text


def test_the_generator_reaches_every_rule_and_disposition() -> None:
    """The strategy is not vacuous: each rule fires for some case and stays silent for some."""
    examples = [
        Case(True, 3, None, False, None, None, False, "s3"),
        Case(False, 3, None, True, None, None, False, "s3"),
        Case(True, 60, None, False, None, None, False, "sqs", visibility=30),
        Case(True, 3, None, False, None, None, False, "sqs", visibility=60),
        Case(False, 3, None, False, None, None, False, "sqs", visibility=60, max_receive=5),
        Case(True, 3, None, False, None, None, False, "kinesis", stream_retries=3),
        Case(False, 3, None, False, None, None, False, "kinesis"),
        Case(True, 60, None, False, None, None, False, "api"),
        Case(False, 60, None, False, None, None, False, "api", window=20),
        Case(False, 3, 0, False, None, None, False, "api"),
    ]
    seen: set[str] = set()
    for case in examples:
        seen |= expected(case)
        assert {f.rule_id for f in lint_text(template(case), select=DELIVERY_RULES)} == expected(
            case
        ), template(case)
    assert seen == set(DELIVERY_RULES)
    trace = simulate(
        function_config(examples[0]),
        trigger_config(examples[0]),
        Scenario(ScenarioKind.FAILS_ALWAYS),
    )
    assert trace.disposition is Disposition.DROPPED
