"""The SQS poller: receive, visibility timeout, redelivery, redrive to the source queue's
dead-letter queue, partial batch responses (lambda-facts.md B.4; rows ``sqs-*``)."""

from __future__ import annotations

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
    QueueConfig,
    Scenario,
    ScenarioKind,
    Target,
    Unknown,
)
from lambdalint.semantics.table import table
from lambdalint.semantics.trace import Disposition, StepKind, Trace

# Receives shown one by one before the rest of a long retry loop is summarised.
SHOWN_RECEIVES = 3


def simulate_sqs(
    fn: FunctionConfig, esm: EventSourceMapping, scenario: Scenario, check_deploy: bool = True
) -> Trace:
    b = Builder(fn.name, esm.name, scenario.label)
    try:
        return _run(b, fn, esm, scenario, check_deploy)
    except NeedsValue as exc:
        return b.unknown(exc.unknown)


def effective_visibility(visibility: int, window: int, timeout: int) -> int:
    """Row sqs-effective-visibility-window: Lambda extends the visibility of a batch gathered over
    a window when window + timeout would outlast it."""
    extra = int(table()["sqs-effective-visibility-window"].values[0])
    if window > 0 and window + timeout > visibility:
        return window + timeout + extra
    return visibility


def _run(
    b: Builder, fn: FunctionConfig, esm: EventSourceMapping, scenario: Scenario, check_deploy: bool
) -> Trace:
    queue = known(esm.queue if esm.queue is not None else Unknown("the source queue is unknown"))
    assert isinstance(queue, QueueConfig)
    timeout = function_timeout(fn)
    visibility = known_int(queue.visibility_timeout, default("sqs-visibility-default"))
    window = known_int(esm.batching_window, default("esm-batching-window"))
    if check_deploy and timeout > visibility:
        b.add(
            0,
            StepKind.END,
            f"Lambda rejects the mapping: function timeout {timeout}s is above the queue's "
            f"visibility timeout {visibility}s",
            facts=("sqs-visibility-hard",),
        )
        return b.done(Disposition.REJECTED, "the function timeout exceeds the visibility timeout")
    vis = effective_visibility(visibility, window, timeout)
    if vis != visibility:
        b.add(
            0,
            StepKind.NOTE,
            f"effective visibility timeout {vis}s (window + timeout + 30s)",
            facts=("sqs-effective-visibility-window",),
        )
    throttled_forever = fn.reserved_concurrency == 0 or (
        scenario.kind is ScenarioKind.THROTTLED and scenario.n is None
    )
    if scenario.kind is ScenarioKind.THROTTLED and not throttled_forever:
        return _throttled(b, scenario.n or 0, timeout, window, vis)
    if scenario.kind is ScenarioKind.POISON_RECORD:
        return _poison(b, esm, queue, timeout, window, vis)
    if scenario.kind is ScenarioKind.SUCCEEDS and not throttled_forever:
        b.add(
            0,
            StepKind.NOTE,
            f"message received; invisible for {vis}s",
            facts=("sqs-visibility-redelivery",),
        )
        b.add(window, StepKind.ATTEMPT, f"attempt 1 runs for up to {timeout}s", 1)
        if window + timeout > vis:
            b.add(
                vis,
                StepKind.VISIBILITY_EXPIRY,
                "visibility timeout expires while attempt 1 still runs",
                facts=("sqs-visibility-redelivery",),
            )
            b.add(
                vis,
                StepKind.REDELIVERY,
                "message received again: attempt 2 starts beside attempt 1",
                2,
            )
            return b.done(
                Disposition.PROCESSED_MORE_THAN_ONCE,
                "the function runs longer than the visibility timeout",
            )
        b.add(window + timeout, StepKind.END, "attempt 1 succeeds; the message is deleted")
        return b.done(Disposition.DELIVERED, "attempt 1 succeeded")
    return _failing(b, fn, queue, scenario, timeout, window, vis, throttled_forever)


def _failing(
    b: Builder,
    fn: FunctionConfig,
    queue: QueueConfig,
    scenario: Scenario,
    timeout: int,
    window: int,
    vis: int,
    throttled: bool,
) -> Trace:
    max_receive = known(queue.max_receive_count)
    retention = known_int(queue.retention, default("sqs-retention-default"))
    runs = timeout if scenario.kind is ScenarioKind.TIMES_OUT and not throttled else 0
    redrive = isinstance(max_receive, int)
    total = max_receive if isinstance(max_receive, int) else -(-retention // vis)
    first_success = (
        (scenario.n or 0) + 1
        if scenario.kind is ScenarioKind.FAILS_FIRST_N and not throttled
        else None
    )
    for receive in range(1, min(total, SHOWN_RECEIVES) + 1):
        t = (receive - 1) * vis
        fails = receive != first_success
        _receive_steps(b, receive, t, window, runs, timeout, vis, fails, throttled)
        if not fails:
            return b.done(Disposition.DELIVERED_AFTER_RETRIES, f"receive {receive} succeeded")
        if window + runs > vis:
            b.add(
                t + vis,
                StepKind.REDELIVERY,
                "visibility expired while the attempt still ran: the message is processed twice",
                facts=("sqs-visibility-redelivery",),
            )
            return b.done(
                Disposition.PROCESSED_MORE_THAN_ONCE,
                "the function runs longer than the visibility timeout",
            )
    if first_success is not None and first_success <= total:
        t = (first_success - 1) * vis
        b.add(None, StepKind.REPEAT, f"... received again every {vis}s")
        b.add(t + window, StepKind.ATTEMPT, f"attempt {first_success} succeeds", first_success)
        return b.done(Disposition.DELIVERED_AFTER_RETRIES, f"receive {first_success} succeeded")
    if total > SHOWN_RECEIVES:
        b.add(None, StepKind.REPEAT, f"... received every {vis}s, {total} times in all")
    if redrive:
        dlq = known(queue.dead_letter)
        where = f" {target_text(dlq)}" if isinstance(dlq, Target) else ""
        b.add(
            total * vis,
            StepKind.REDRIVE,
            f"maxReceiveCount {total} reached: moved to the dead-letter queue{where}",
            facts=("sqs-redrive",),
        )
        return b.done(Disposition.SENT_TO_DLQ, f"redrive after {total} receives")
    b.add(
        retention,
        StepKind.END,
        f"expired: the retention period ({retention}s) ended and the queue has no redrive policy",
        facts=("sqs-retention-default",),
    )
    return b.done(
        Disposition.EXPIRED, "the queue deleted the message at the end of its retention period"
    )


def _receive_steps(
    b: Builder,
    receive: int,
    t: float,
    window: int,
    runs: int,
    timeout: int,
    vis: int,
    fails: bool,
    throttled: bool,
) -> None:
    if receive > 1:
        b.add(
            t,
            StepKind.VISIBILITY_EXPIRY,
            "visibility timeout expired: message visible again",
            facts=("sqs-visibility-redelivery",),
        )
    if throttled:
        b.add(
            t + window,
            StepKind.THROTTLE,
            f"receive {receive}: the invocation is throttled",
            receive,
        )
        return
    if not fails:
        b.add(
            t + window,
            StepKind.ATTEMPT,
            f"attempt {receive} succeeds; the message is deleted",
            receive,
        )
        return
    how = f"times out after {timeout}s" if runs else "fails"
    b.add(t + window, StepKind.ATTEMPT, f"attempt {receive} {how}", receive)
    b.add(
        t + window + runs,
        StepKind.RETURN_TO_QUEUE,
        f"message stays invisible until t={t + vis:g}s",
        facts=("sqs-visibility-redelivery",),
    )


def _throttled(b: Builder, n: int, timeout: int, window: int, vis: int) -> Trace:
    """Row sqs-throttle-retry-spacing (model assumption): each throttled retry of the batch comes
    a function timeout after the previous one."""
    b.add(
        0,
        StepKind.NOTE,
        f"message received; invisible for {vis}s",
        facts=("sqs-visibility-redelivery",),
    )
    for k in range(n):
        b.add(
            window + k * timeout,
            StepKind.THROTTLE,
            f"invocation {k + 1} throttled; the poller retries",
            facts=("sqs-throttle-retry-spacing",),
        )
    start = window + n * timeout
    b.add(start, StepKind.ATTEMPT, f"attempt runs for up to {timeout}s", 1)
    if start + timeout > vis:
        b.add(
            vis,
            StepKind.VISIBILITY_EXPIRY,
            "visibility timeout expires before the batch is done",
            facts=("sqs-visibility-guidance",),
        )
        b.add(vis, StepKind.REDELIVERY, "message received again by another batch")
        return b.done(
            Disposition.PROCESSED_MORE_THAN_ONCE,
            "throttled retries outlasted the visibility timeout",
        )
    b.add(start + timeout, StepKind.END, "the batch succeeds; the message is deleted")
    return b.done(
        Disposition.DELIVERED_AFTER_RETRIES, "the batch ran within the visibility timeout"
    )


def _poison(
    b: Builder, esm: EventSourceMapping, queue: QueueConfig, timeout: int, window: int, vis: int
) -> Trace:
    fifo = known(queue.fifo)
    size_row = table()["esm-batch-size"].by_source["sqs_fifo" if fifo else "sqs"]
    size = known_int(esm.batch_size, size_row["default"])
    partial = known(esm.report_batch_item_failures)
    max_receive = known(queue.max_receive_count)
    b.add(
        window, StepKind.ATTEMPT, f"attempt 1: a batch of {size} with one poison message fails", 1
    )
    poison = Disposition.SENT_TO_DLQ if isinstance(max_receive, int) else Disposition.EXPIRED
    retention = known_int(queue.retention, default("sqs-retention-default"))

    def poison_end() -> None:
        if isinstance(max_receive, int):
            b.add(
                max_receive * vis,
                StepKind.REDRIVE,
                f"the poison message, received {max_receive} times, is moved to the dead-letter"
                " queue",
                facts=("sqs-redrive",),
            )
        else:
            b.add(
                retention,
                StepKind.END,
                "the poison message expires at the end of the retention period",
                facts=("sqs-retention-default",),
            )

    if size <= 1:
        poison_end()
        return b.done(poison, "one message per batch", None)
    if partial:
        b.add(
            window,
            StepKind.NOTE,
            f"ReportBatchItemFailures: the other {size - 1} messages are deleted; only the poison"
            " message returns to the queue",
            facts=("esm-partial-batch",),
        )
        poison_end()
        return b.done(poison, "partial batch response", Disposition.DELIVERED)
    b.add(
        window + vis,
        StepKind.REDELIVERY,
        f"the whole batch returns: the other {size - 1} messages are processed again",
        facts=("esm-partial-batch",),
    )
    poison_end()
    if not fifo:
        return b.done(poison, "no partial batch response", Disposition.PROCESSED_MORE_THAN_ONCE)
    return b.done(
        poison,
        "no partial batch response (FIFO: the message group waits)",
        Disposition.PROCESSED_MORE_THAN_ONCE,
    )
