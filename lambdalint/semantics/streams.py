"""The stream poller (Kinesis, DynamoDB Streams): in-order batches per shard, whole-batch retries
that block the shard, MaximumRetryAttempts, MaximumRecordAgeInSeconds, bisect, partial batch
responses and the on-failure destination (lambda-facts.md B.5; rows ``stream-*``)."""

from __future__ import annotations

import math

from lambdalint.semantics.builder import (
    Builder,
    NeedsValue,
    default,
    function_timeout,
    known,
    known_int,
    target_text,
)
from lambdalint.semantics.config import (
    EventSourceMapping,
    FunctionConfig,
    Scenario,
    ScenarioKind,
    Target,
)
from lambdalint.semantics.table import table
from lambdalint.semantics.trace import Disposition, StepKind, Trace

INFINITE = -1


def simulate_stream(fn: FunctionConfig, esm: EventSourceMapping, scenario: Scenario) -> Trace:
    b = Builder(fn.name, esm.name, scenario.label)
    try:
        return _run(b, fn, esm, scenario)
    except NeedsValue as exc:
        return b.unknown(exc.unknown)


def _run(b: Builder, fn: FunctionConfig, esm: EventSourceMapping, scenario: Scenario) -> Trace:
    retries = known_int(esm.maximum_retry_attempts, default("stream-retry-attempts"))
    max_age = known_int(esm.maximum_record_age, default("stream-record-age"))
    window = known_int(esm.batching_window, default("esm-batching-window"))
    timeout = function_timeout(fn)
    on_failure = known(esm.on_failure)
    if scenario.kind is ScenarioKind.SUCCEEDS and fn.reserved_concurrency != 0:
        b.add(window, StepKind.ATTEMPT, "attempt 1 succeeds; the shard moves on", 1)
        return b.done(Disposition.DELIVERED, "attempt 1 succeeded")
    if scenario.kind is ScenarioKind.THROTTLED or fn.reserved_concurrency == 0:
        if scenario.n is not None and fn.reserved_concurrency != 0:
            b.add(window, StepKind.THROTTLE, f"throttled {scenario.n} times; the batch is retried")
            b.add(None, StepKind.ATTEMPT, "the batch succeeds", 1)
            return b.done(
                Disposition.DELIVERED_AFTER_RETRIES, "the batch ran once it was no longer throttled"
            )
        b.add(
            window,
            StepKind.THROTTLE,
            "every invocation is throttled; the shard waits",
            facts=("stream-blocks-shard",),
        )
        return _give_up(
            b, on_failure, retries, max_age, timeout, window, batch=False, by_age_only=True
        )
    runs = timeout if scenario.kind is ScenarioKind.TIMES_OUT else 0
    if scenario.kind is ScenarioKind.POISON_RECORD:
        return _poison(b, esm, on_failure, retries, max_age, window)
    if scenario.kind is ScenarioKind.FAILS_FIRST_N:
        n = scenario.n or 0
        if (retries == INFINITE or n <= retries) and (
            max_age == INFINITE or window + n * runs <= max_age
        ):
            for k in range(1, min(n, 2) + 1):
                b.add(
                    window + (k - 1) * runs,
                    StepKind.ATTEMPT,
                    f"attempt {k} fails: the whole batch is retried",
                    k,
                    ("stream-blocks-shard",),
                )
            if n > 2:
                b.add(None, StepKind.REPEAT, f"... {n} failed attempts in all; the shard waits")
            b.add(
                window + n * runs,
                StepKind.ATTEMPT,
                f"attempt {n + 1} succeeds; the shard moves on",
                n + 1,
            )
            return b.done(Disposition.DELIVERED_AFTER_RETRIES, f"attempt {n + 1} succeeded")
    how = f"times out after {timeout}s" if runs else "fails"
    b.add(
        window,
        StepKind.ATTEMPT,
        f"attempt 1 {how}: the whole batch is retried, the shard waits",
        1,
        ("stream-blocks-shard",),
    )
    return _give_up(b, on_failure, retries, max_age, runs, window, batch=True)


def _give_up(
    b: Builder,
    on_failure: object,
    retries: int,
    max_age: int,
    runs: int,
    window: int,
    batch: bool,
    by_age_only: bool = False,
    what: str = "",
) -> Trace:
    if (retries == INFINITE or by_age_only) and max_age == INFINITE:
        expiry = default("stream-retention")
        b.add(
            None,
            StepKind.REPEAT,
            "... retried with no retry or age limit",
            facts=("stream-retry-attempts", "stream-record-age"),
        )
        b.add(
            expiry,
            StepKind.END,
            "shard blocked until the records expire from the stream (24 h by default)",
            facts=("stream-retention",),
        )
        return b.done(
            Disposition.SHARD_BLOCKED,
            "MaximumRetryAttempts and MaximumRecordAgeInSeconds are both infinite",
            Disposition.SHARD_BLOCKED,
        )
    by_retries = None if (retries == INFINITE or by_age_only) else window + retries * runs
    by_age = None if max_age == INFINITE else max_age
    if by_retries is not None and (by_age is None or by_retries <= by_age):
        if retries > 0:
            b.add(
                None,
                StepKind.REPEAT,
                f"... retried {retries} times (MaximumRetryAttempts)",
                facts=("stream-retry-attempts",),
            )
        t: float = by_retries
        why = f"the {retries + 1} attempts failed"
    else:
        assert by_age is not None
        b.add(
            None,
            StepKind.REPEAT,
            "... retried until the records are too old",
            facts=("stream-record-age",),
        )
        t = by_age
        why = f"the records grew older than MaximumRecordAgeInSeconds {max_age}s"
    what = what or ("the batch" if batch else "the records")
    if isinstance(on_failure, Target):
        b.add(
            t,
            StepKind.DESTINATION,
            f"{what} discarded; its details sent to the on-failure destination"
            f" {target_text(on_failure)}",
            facts=("stream-on-failure-types",),
        )
        return b.done(Disposition.SENT_TO_ON_FAILURE, why)
    b.add(
        t,
        StepKind.END,
        f"dropped: {what} discarded and there is no on-failure destination",
        facts=("stream-blocks-shard",),
    )
    return b.done(Disposition.DROPPED, why)


def _poison(
    b: Builder, esm: EventSourceMapping, on_failure: object, retries: int, max_age: int, window: int
) -> Trace:
    size = known_int(
        esm.batch_size, table()["esm-batch-size"].by_source[esm.source.value]["default"]
    )
    bisect = known(esm.bisect_on_error)
    partial = known(esm.report_batch_item_failures)
    b.add(
        window,
        StepKind.ATTEMPT,
        f"attempt 1: a batch of {size} records with one poison record fails",
        1,
    )
    if partial and size > 1:
        b.add(
            window,
            StepKind.NOTE,
            "ReportBatchItemFailures: Lambda retries from the poison record;"
            " the records after it run again",
            facts=("esm-partial-batch",),
        )
    elif bisect and size > 1:
        steps = math.ceil(math.log2(size))
        b.add(
            window,
            StepKind.BISECT,
            f"batch split in two, {steps} times, until the poison record is alone;"
            " the good halves succeed",
            facts=("stream-bisect",),
        )
    isolated = (partial or bisect) and size > 1
    trace = _give_up(
        b,
        on_failure,
        retries,
        max_age,
        0,
        window,
        batch=not isolated,
        what="the poison record" if isolated else "",
    )
    if trace.disposition is Disposition.SHARD_BLOCKED or size <= 1:
        return b.done(trace.disposition, trace.reason, trace.others if size > 1 else None)
    # Without bisect or a partial response, the good records are discarded with the batch.
    others = Disposition.PROCESSED_MORE_THAN_ONCE if partial or bisect else trace.disposition
    return b.done(trace.disposition, trace.reason, others)
