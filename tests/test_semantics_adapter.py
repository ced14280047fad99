"""The adapter (semantics/adapter/) reads the typed model: a setting chosen by a condition is
read branch by branch, a value it cannot fix is Unknown with the reason, and the simulator's
inputs never depend on how the template spelled a setting (SAM or CloudFormation)."""

from __future__ import annotations

from lambdalint.model.lambda_ import Function
from lambdalint.semantics import config as c
from lambdalint.semantics.from_model import Reader, bound_triggers
from lambdalint.semantics.run import SimContext, context_for
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

HEAD = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod], Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Std: {Type: AWS::SQS::Queue}
  Other: {Type: AWS::SQS::Queue}
  Fifo:
    Type: AWS::SQS::Queue
    Properties: {FifoQueue: true}
  Topic: {Type: AWS::SNS::Topic}
"""
SAM_FN = """\
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): pass"
"""
CFN_FN = """\
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: {ZipFile: "def handler(e, c): pass"}
"""


def context(text: str) -> SimContext:
    template, diagnostics = parse_text(SourceText("t.yaml", text))
    assert template is not None, diagnostics
    return context_for(template)


def function(ctx: SimContext) -> c.FunctionConfig:
    (fn,) = [f for f in ctx.graph.functions() if isinstance(f, Function)]
    return Reader(ctx).function(fn, None)


def test_a_dead_letter_queue_in_sam_and_cloudformation_is_the_same_input() -> None:
    sam = context(
        HEAD + SAM_FN + "      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Fifo.Arn}\n"
    )
    cfn = context(HEAD + CFN_FN + "      DeadLetterConfig: {TargetArn: !GetAtt Fifo.Arn}\n")
    expected = c.Target(c.TargetKind.SQS, "Fifo", True)
    assert function(sam).dead_letter == expected
    assert function(cfn).dead_letter == expected


def test_a_dead_letter_queue_chosen_by_a_condition_names_a_queue() -> None:
    text = (
        HEAD
        + CFN_FN
        + (
            "      DeadLetterConfig: !If [IsProd, {TargetArn: !GetAtt Std.Arn},"
            " {TargetArn: !GetAtt Other.Arn}]\n"
        )
    )
    dlq = function(context(text)).dead_letter
    assert isinstance(dlq, c.Target) and dlq.kind is c.TargetKind.SQS


def test_a_dead_letter_queue_set_under_one_condition_only_is_unknown() -> None:
    text = (
        HEAD
        + SAM_FN
        + (
            "      DeadLetterQueue: !If [IsProd, {Type: SQS, TargetArn: !GetAtt Std.Arn},"
            " !Ref AWS::NoValue]\n"
        )
    )
    assert function(context(text)).dead_letter == c.Unknown(
        "DeadLetterQueue is set only under some conditions"
    )


def test_invoke_config_values_and_destinations() -> None:
    text = (
        HEAD
        + SAM_FN
        + (
            "      EventInvokeConfig:\n"
            "        MaximumRetryAttempts: 1\n"
            "        MaximumEventAgeInSeconds: !If [IsProd, 60, 120]\n"
            "        DestinationConfig:\n"
            "          OnSuccess: {Type: SNS, Destination: !Ref Topic}\n"
            "          OnFailure: {Type: SQS}\n"
        )
    )
    config = function(context(text)).async_config
    assert isinstance(config, c.AsyncConfig)
    assert config.maximum_retry_attempts == 1
    assert config.maximum_event_age == c.Unknown(
        "MaximumEventAgeInSeconds differs between conditions"
    )
    assert config.on_success == c.Target(c.TargetKind.SNS, "Topic", False)
    # Without a Destination SAM creates a standard queue.
    assert config.on_failure == c.Target(c.TargetKind.SQS, "", False)


def test_a_mapping_and_its_queue() -> None:
    text = (
        HEAD
        + SAM_FN
        + (
            "      Timeout: 20\n"
            "      ReservedConcurrentExecutions: 3\n"
            "      Events:\n"
            "        Q:\n"
            "          Type: SQS\n"
            "          Properties:\n"
            "            Queue: !GetAtt Std.Arn\n"
            "            BatchSize: 5\n"
            "            FunctionResponseTypes: [ReportBatchItemFailures]\n"
            "            ScalingConfig: {MaximumConcurrency: 4}\n"
        )
    )
    (b,) = bound_triggers(context(text))
    assert b.function.timeout == 20 and b.function.reserved_concurrency == 3
    esm = b.trigger
    assert isinstance(esm, c.EventSourceMapping)
    assert (esm.batch_size, esm.maximum_concurrency) == (5, 4)
    assert esm.report_batch_item_failures is True
    assert esm.batching_window is None  # the AWS default, for the simulator to apply
    assert esm.queue == c.QueueConfig(visibility_timeout=None, fifo=False)
