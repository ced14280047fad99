"""A test of the model for every row of the behaviour table (rules/facts/invocation.yaml).

``ROW_TESTS`` maps each row id to a function exercising the simulator (or the validator) on the
behaviour the row states; a row without a test, or a test without a row, fails."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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
    StepKind,
    SyncCaller,
    Target,
    TargetKind,
    Unknown,
    simulate,
)
from lambdalint.semantics import validate as v
from lambdalint.semantics.table import table

S3 = AsyncProducer("Bucket", "s3")
FAILS = Scenario(ScenarioKind.FAILS_ALWAYS)
TIMES_OUT = Scenario(ScenarioKind.TIMES_OUT)
SUCCEEDS = Scenario(ScenarioKind.SUCCEEDS)
POISON = Scenario(ScenarioKind.POISON_RECORD)
SQS_DLQ = Target(TargetKind.SQS, "Dlq")


def fn(timeout: int = 3, **kw: object) -> FunctionConfig:
    return FunctionConfig("Fn", timeout=timeout, **kw)  # type: ignore[arg-type]


def sqs(queue: QueueConfig | None = None, **kw: object) -> EventSourceMapping:
    return EventSourceMapping("Q", SourceKind.SQS, queue=queue or QueueConfig(), **kw)  # type: ignore[arg-type]


def kinesis(**kw: object) -> EventSourceMapping:
    return EventSourceMapping("K", SourceKind.KINESIS, **kw)  # type: ignore[arg-type]


def _problem_fields(problems: list[v.Problem]) -> set[str]:
    return {p.field for p in problems}


# ----- async ------------------------------------------------------------------------------------
def t_async_retry_attempts() -> None:
    assert simulate(fn(), S3, FAILS).attempts == 3
    one = fn(async_config=AsyncConfig(maximum_retry_attempts=0))
    assert simulate(one, S3, FAILS).attempts == 1
    assert _problem_fields(v.async_problems(AsyncConfig(maximum_retry_attempts=3))) == {
        "MaximumRetryAttempts"
    }
    assert v.async_problems(AsyncConfig(maximum_retry_attempts=2)) == []


def t_async_retry_waits() -> None:
    # Attempts at 0, about 1 min and about 2 min after that, with the function timeout added.
    assert simulate(fn(), S3, FAILS).attempt_times() == [0, 60, 180]
    assert simulate(fn(30), S3, TIMES_OUT).attempt_times() == [0, 90, 240]


def t_async_max_event_age() -> None:
    short = fn(30, async_config=AsyncConfig(maximum_event_age=100))
    trace = simulate(short, S3, TIMES_OUT)
    assert trace.attempt_times() == [0, 90]  # the third attempt would start at 240 s > 100 s
    assert trace.disposition is Disposition.EXPIRED
    assert _problem_fields(v.async_problems(AsyncConfig(maximum_event_age=59))) == {
        "MaximumEventAgeInSeconds"
    }
    assert v.async_problems(AsyncConfig(maximum_event_age=21600)) == []
    assert v.async_problems(AsyncConfig(maximum_event_age=21601)) != []


def t_async_throttle_backoff() -> None:
    trace = simulate(fn(), S3, Scenario(ScenarioKind.THROTTLED))
    assert trace.disposition is Disposition.EXPIRED
    assert trace.steps[-1].t == 21600
    assert simulate(fn(), S3, Scenario(ScenarioKind.THROTTLED, n=3)).disposition is (
        Disposition.DELIVERED_AFTER_RETRIES
    )


def t_async_discard() -> None:
    assert simulate(fn(), S3, FAILS).disposition is Disposition.DROPPED
    assert simulate(fn(dead_letter=SQS_DLQ), S3, FAILS).disposition is Disposition.SENT_TO_DLQ
    dest = fn(async_config=AsyncConfig(on_failure=Target(TargetKind.SNS, "T")))
    assert simulate(dest, S3, FAILS).disposition is Disposition.SENT_TO_ON_FAILURE
    assert simulate(fn(), S3, SUCCEEDS).disposition is Disposition.DELIVERED
    second = Scenario(ScenarioKind.FAILS_FIRST_N, n=1)
    assert simulate(fn(), S3, second).disposition is Disposition.DELIVERED_AFTER_RETRIES


def t_async_reserved_zero() -> None:
    trace = simulate(fn(reserved_concurrency=0, dead_letter=SQS_DLQ), S3, SUCCEEDS)
    assert trace.disposition is Disposition.SENT_TO_DLQ and trace.attempts == 0


def t_async_on_failure_types() -> None:
    assert v.destination_problems(Target(TargetKind.S3, "B"), "on_failure", "async") == []
    assert v.destination_problems(Target(TargetKind.KAFKA), "on_failure", "async") != []


def t_async_on_success_types() -> None:
    assert v.destination_problems(Target(TargetKind.S3, "B"), "on_success", "async") != []
    assert v.destination_problems(Target(TargetKind.LAMBDA), "on_success", "async") == []


def t_destination_no_fifo() -> None:
    fifo = Target(TargetKind.SQS, "Q.fifo", fifo=True)
    assert v.destination_problems(fifo, "on_failure", "async") != []
    assert v.destination_problems(fifo, "dead_letter", "async") != []
    assert (
        v.destination_problems(Target(TargetKind.SQS, "Q", fifo=None), "dead_letter", "async") == []
    )


def t_dlq_types() -> None:
    assert v.destination_problems(Target(TargetKind.LAMBDA), "dead_letter", "async") != []
    assert v.destination_problems(Target(TargetKind.SNS), "dead_letter", "async") == []


# ----- event source mappings --------------------------------------------------------------------
def t_esm_batch_size() -> None:
    assert v.esm_problems(sqs(batch_size=10000, batching_window=1), fifo=False) == []
    assert _problem_fields(v.esm_problems(sqs(batch_size=20), fifo=True)) == {"BatchSize"}
    assert _problem_fields(
        v.esm_problems(kinesis(batch_size=10001, starting_position="LATEST"))
    ) == {"BatchSize"}
    assert _problem_fields(v.esm_problems(kinesis(batch_size=0, starting_position="LATEST"))) == {
        "BatchSize"
    }


def t_esm_batching_window() -> None:
    assert _problem_fields(v.esm_problems(sqs(batching_window=301), fifo=False)) == {
        "MaximumBatchingWindowInSeconds"
    }
    assert v.esm_problems(sqs(batching_window=300), fifo=False) == []


def t_esm_sqs_batch_over_10_needs_window() -> None:
    assert [p.row for p in v.esm_problems(sqs(batch_size=11), fifo=False)] == [
        "esm-sqs-batch-over-10-needs-window"
    ]
    assert v.esm_problems(sqs(batch_size=11, batching_window=1), fifo=False) == []
    # Streams: the API doc says so too, but enforcement is unverified: no problem.
    assert v.esm_problems(kinesis(batch_size=11, starting_position="LATEST")) == []


def t_esm_sqs_fifo_no_window() -> None:
    assert [p.row for p in v.esm_problems(sqs(batching_window=5), fifo=True)] == [
        "esm-sqs-fifo-no-window"
    ]
    assert v.esm_problems(sqs(batching_window=0), fifo=True) == []


def t_esm_starting_position() -> None:
    assert [p.row for p in v.esm_problems(kinesis())] == ["esm-starting-position"]
    assert [p.row for p in v.esm_problems(sqs(starting_position="LATEST"), fifo=False)] == [
        "esm-starting-position"
    ]
    ddb = EventSourceMapping("D", SourceKind.DYNAMODB, starting_position="AT_TIMESTAMP")
    assert [p.row for p in v.esm_problems(ddb)] == ["esm-starting-position"]
    assert v.esm_problems(kinesis(starting_position="AT_TIMESTAMP")) == []
    assert v.esm_problems(kinesis(starting_position=Unknown("parameter"))) == []


def t_esm_partial_batch() -> None:
    plain = simulate(fn(), sqs(QueueConfig(max_receive_count=5)), POISON)
    assert plain.others is Disposition.PROCESSED_MORE_THAN_ONCE
    partial = simulate(
        fn(), sqs(QueueConfig(max_receive_count=5), report_batch_item_failures=True), POISON
    )
    assert partial.others is Disposition.DELIVERED
    assert partial.disposition is Disposition.SENT_TO_DLQ


# ----- SQS --------------------------------------------------------------------------------------
def t_sqs_visibility_hard() -> None:
    trace = simulate(fn(60), sqs(QueueConfig(visibility_timeout=30)), SUCCEEDS)
    assert trace.disposition is Disposition.REJECTED
    assert simulate(fn(30), sqs(QueueConfig(visibility_timeout=30)), SUCCEEDS).disposition is (
        Disposition.DELIVERED
    )


def t_sqs_visibility_default() -> None:
    assert simulate(fn(31), sqs(QueueConfig()), SUCCEEDS).disposition is Disposition.REJECTED
    assert simulate(fn(30), sqs(QueueConfig()), SUCCEEDS).disposition is Disposition.DELIVERED


def t_sqs_visibility_redelivery() -> None:
    # A visibility timeout below the function timeout produces duplicates (if the queue is changed
    # after the mapping was created, Lambda's create-time check no longer protects it).
    trace = simulate(fn(60), sqs(QueueConfig(visibility_timeout=30)), SUCCEEDS, check_deploy=False)
    assert trace.disposition is Disposition.PROCESSED_MORE_THAN_ONCE
    assert [s.t for s in trace.steps if s.kind is StepKind.REDELIVERY] == [30]


def t_sqs_visibility_guidance() -> None:
    throttled = Scenario(ScenarioKind.THROTTLED, n=5)
    assert simulate(fn(10), sqs(QueueConfig(visibility_timeout=59)), throttled).disposition is (
        Disposition.PROCESSED_MORE_THAN_ONCE
    )
    assert simulate(fn(10), sqs(QueueConfig(visibility_timeout=60)), throttled).disposition is (
        Disposition.DELIVERED_AFTER_RETRIES
    )
    windowed = sqs(QueueConfig(visibility_timeout=64), batching_window=5)
    assert simulate(fn(10), windowed, throttled).disposition is Disposition.PROCESSED_MORE_THAN_ONCE
    windowed = sqs(QueueConfig(visibility_timeout=65), batching_window=5)
    assert simulate(fn(10), windowed, throttled).disposition is Disposition.DELIVERED_AFTER_RETRIES


def t_sqs_throttle_retry_spacing() -> None:
    trace = simulate(
        fn(10), sqs(QueueConfig(visibility_timeout=600)), Scenario(ScenarioKind.THROTTLED, n=5)
    )
    assert [s.t for s in trace.steps if s.kind is StepKind.THROTTLE] == [0, 10, 20, 30, 40]
    assert trace.attempt_times() == [50]


def t_sqs_effective_visibility_window() -> None:
    # window 20 + timeout 30 > visibility 40: effective visibility 80, so no duplicate.
    esm = sqs(QueueConfig(visibility_timeout=40), batching_window=20)
    assert simulate(fn(30), esm, SUCCEEDS).disposition is Disposition.DELIVERED


def t_sqs_redrive() -> None:
    trace = simulate(
        fn(),
        sqs(QueueConfig(visibility_timeout=30, max_receive_count=5, dead_letter=SQS_DLQ)),
        FAILS,
    )
    assert trace.disposition is Disposition.SENT_TO_DLQ
    assert trace.steps[-1].kind is StepKind.REDRIVE and trace.steps[-1].t == 150


def t_sqs_retention_default() -> None:
    trace = simulate(fn(), sqs(QueueConfig()), FAILS)
    assert trace.disposition is Disposition.EXPIRED and trace.steps[-1].t == 345600
    short = simulate(fn(), sqs(QueueConfig(retention=600)), FAILS)
    assert short.steps[-1].t == 600


def t_sqs_no_destinations() -> None:
    # The function's DLQ does not catch SQS-mapping failures; only the queue's redrive does.
    assert (
        simulate(fn(dead_letter=SQS_DLQ), sqs(QueueConfig()), FAILS).disposition
        is Disposition.EXPIRED
    )
    assert v.destination_problems(SQS_DLQ, "on_failure", "sqs") != []


def t_sqs_maximum_concurrency() -> None:
    assert _problem_fields(v.esm_problems(sqs(maximum_concurrency=1), fifo=False)) == {
        "ScalingConfig.MaximumConcurrency"
    }
    assert v.esm_problems(sqs(maximum_concurrency=1000), fifo=False) == []
    assert v.esm_problems(sqs(maximum_concurrency=1001), fifo=False) != []


def t_esm_filter_count() -> None:
    assert v.filter_problems(5) == []
    (quota,) = v.filter_problems(6)
    assert quota.raisable and quota.field == "FilterCriteria.Filters"
    assert v.filter_problems(10)[0].raisable
    (beyond,) = v.filter_problems(11)
    assert not beyond.raisable and "at most 10" in beyond.message
    # The validator reports it with the other mapping problems.
    assert "FilterCriteria.Filters" in _problem_fields(v.esm_problems(sqs(filters=11), fifo=False))


def t_async_config_async_only() -> None:
    from lambdalint.semantics.dispatch import uses_async_config

    kept = fn(
        dead_letter=SQS_DLQ, async_config=AsyncConfig(on_failure=Target(TargetKind.SQS, "Failed"))
    )
    kept_by = {Disposition.SENT_TO_DLQ, Disposition.SENT_TO_ON_FAILURE}
    assert uses_async_config(S3) and simulate(kept, S3, FAILS).disposition in kept_by
    api = SyncCaller("Api", "rest", 29)
    for trigger in (api, sqs(QueueConfig()), kinesis()):
        assert not uses_async_config(trigger)
        for scenario in (FAILS, SUCCEEDS, TIMES_OUT):
            assert simulate(kept, trigger, scenario).disposition not in kept_by


def t_sqs_scaling_start() -> None:
    from lambdalint.semantics.concurrency import low_reserved_for_sqs

    assert (
        low_reserved_for_sqs(4) and not low_reserved_for_sqs(5) and not low_reserved_for_sqs(None)
    )


# ----- streams ----------------------------------------------------------------------------------
def t_stream_retry_attempts() -> None:
    trace = simulate(fn(), kinesis(maximum_retry_attempts=2), FAILS)
    assert trace.disposition is Disposition.DROPPED
    assert v.esm_problems(kinesis(maximum_retry_attempts=-1, starting_position="LATEST")) == []
    assert v.esm_problems(kinesis(maximum_retry_attempts=10001, starting_position="LATEST")) != []
    assert v.esm_problems(kinesis(maximum_retry_attempts=-2, starting_position="LATEST")) != []


def t_stream_record_age() -> None:
    trace = simulate(fn(), kinesis(maximum_record_age=3600), FAILS)
    assert trace.disposition is Disposition.DROPPED and trace.steps[-1].t == 3600
    for bad in (0, 59, 604801, -2):
        assert v.esm_problems(kinesis(maximum_record_age=bad, starting_position="LATEST")) != []
    for good in (-1, 60, 604800):
        assert v.esm_problems(kinesis(maximum_record_age=good, starting_position="LATEST")) == []


def t_stream_blocks_shard() -> None:
    assert simulate(fn(), kinesis(), FAILS).disposition is Disposition.SHARD_BLOCKED
    assert simulate(fn(), kinesis(), POISON).disposition is Disposition.SHARD_BLOCKED
    dest = kinesis(maximum_retry_attempts=3, on_failure=SQS_DLQ)
    assert simulate(fn(), dest, FAILS).disposition is Disposition.SENT_TO_ON_FAILURE


def t_stream_bisect() -> None:
    plain = simulate(fn(), kinesis(maximum_retry_attempts=1), POISON)
    assert plain.others is Disposition.DROPPED  # the good records go with the batch
    split = simulate(fn(), kinesis(maximum_retry_attempts=1, bisect_on_error=True), POISON)
    assert any(s.kind is StepKind.BISECT for s in split.steps)
    assert split.others is Disposition.PROCESSED_MORE_THAN_ONCE
    assert split.disposition is Disposition.DROPPED


def t_stream_retention() -> None:
    assert simulate(fn(), kinesis(), FAILS).steps[-1].t == 86400


def t_stream_parallelization() -> None:
    assert v.esm_problems(kinesis(parallelization_factor=11, starting_position="LATEST")) != []
    assert v.esm_problems(kinesis(parallelization_factor=10, starting_position="LATEST")) == []


def t_stream_tumbling_window() -> None:
    assert v.esm_problems(kinesis(tumbling_window=901, starting_position="LATEST")) != []
    assert v.esm_problems(kinesis(tumbling_window=900, starting_position="LATEST")) == []


def t_stream_on_failure_types() -> None:
    assert v.destination_problems(Target(TargetKind.S3), "on_failure", "kinesis") == []
    assert v.destination_problems(Target(TargetKind.LAMBDA), "on_failure", "kinesis") != []
    assert v.destination_problems(Target(TargetKind.KAFKA), "on_failure", "msk") == []


def t_mq_redelivery() -> None:
    mq = EventSourceMapping("M", SourceKind.MQ)
    assert simulate(fn(), mq, FAILS).disposition is Disposition.SENT_TO_DLQ


# ----- sync -------------------------------------------------------------------------------------
def t_sync_no_retry() -> None:
    trace = simulate(fn(), SyncCaller("Api", "rest", 29), FAILS)
    assert trace.disposition is Disposition.RETURNED_ERROR and trace.attempts == 1


def t_sync_rest_timeout() -> None:
    assert simulate(fn(60), SyncCaller("Api", "rest", 29), SUCCEEDS).disposition is (
        Disposition.CALLER_TIMED_OUT
    )
    assert (
        simulate(fn(29), SyncCaller("Api", "rest", 29), SUCCEEDS).disposition
        is Disposition.DELIVERED
    )


def t_sync_http_timeout() -> None:
    assert simulate(fn(31), SyncCaller("Api", "http", 30), SUCCEEDS).disposition is (
        Disposition.CALLER_TIMED_OUT
    )


def t_sync_websocket_timeout() -> None:
    assert simulate(fn(30), SyncCaller("Ws", "websocket", 29), SUCCEEDS).disposition is (
        Disposition.CALLER_TIMED_OUT
    )


def t_sync_cognito_timeout() -> None:
    assert table()["sync-cognito-timeout"].verified is False
    caller = SyncCaller("Pool", "cognito", 5, verified=False)
    assert simulate(fn(6), caller, SUCCEEDS).disposition is Disposition.CALLER_TIMED_OUT


# ----- concurrency ------------------------------------------------------------------------------
def t_concurrency_account_default() -> None:
    from lambdalint.semantics.concurrency import reserved_total_above_quota

    assert reserved_total_above_quota([600, 401]) and not reserved_total_above_quota([600, 400])


def t_concurrency_unreserved_minimum() -> None:
    from lambdalint.semantics.concurrency import leaves_too_little_unreserved

    assert leaves_too_little_unreserved([901]) and not leaves_too_little_unreserved([900])


def t_concurrency_reserved_zero() -> None:
    zero = fn(reserved_concurrency=0)
    assert (
        simulate(zero, SyncCaller("Api", "rest", 29), SUCCEEDS).disposition is Disposition.THROTTLED
    )
    assert simulate(zero, kinesis(), SUCCEEDS).disposition is Disposition.SHARD_BLOCKED
    assert simulate(zero, sqs(QueueConfig(max_receive_count=3)), SUCCEEDS).disposition is (
        Disposition.SENT_TO_DLQ
    )


def t_concurrency_provisioned_within_reserved() -> None:
    from lambdalint.semantics.concurrency import provisioned_above_reserved

    assert provisioned_above_reserved(10, 5) and not provisioned_above_reserved(5, 5)
    assert not provisioned_above_reserved(10, None)


ROW_TESTS: dict[str, Callable[[], None]] = {
    name[2:].replace("_", "-"): f for name, f in list(globals().items()) if name.startswith("t_")
}


def test_every_row_has_a_test_and_every_test_a_row() -> None:
    assert set(ROW_TESTS) == set(table().rows)


def test_every_row_names_a_source() -> None:
    for row in table().rows.values():
        assert row.source and all(s.strip() for s in row.source), row.id


@pytest.mark.parametrize("row_id", sorted(ROW_TESTS))
def test_row(row_id: str) -> None:
    ROW_TESTS[row_id]()


def test_error_rules_rest_on_verified_rows_only() -> None:
    """An unverified fact is never an error: every row behind an error-severity rule is sourced."""
    from lambdalint.checks.delivery import esm_setting_out_of_range, sqs_batching_window_invalid

    error_rows = {
        *esm_setting_out_of_range.ROWS,
        *sqs_batching_window_invalid.ROWS,
        "esm-starting-position",
        "sqs-visibility-hard",
        "sqs-visibility-default",
        "dlq-types",
        "destination-no-fifo",
        "async-on-failure-types",
        "async-on-success-types",
        "stream-on-failure-types",
        "sqs-no-destinations",
        "async-retry-attempts",
        "async-max-event-age",
        "concurrency-provisioned-within-reserved",
    }
    assert {r for r in error_rows if not table()[r].verified} == set()
