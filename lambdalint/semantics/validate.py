"""What Lambda refuses to create: settings outside their documented range, combinations the API
rejects, and DLQs or destinations that cannot receive (rows of rules/facts/invocation.yaml).
Unknown values are never a problem."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.semantics.config import (
    AsyncConfig,
    EventSourceMapping,
    QueueConfig,
    SourceKind,
    Target,
    TargetKind,
    Unknown,
)
from lambdalint.semantics.table import Row, table


@dataclass(frozen=True)
class Problem:
    row: str
    # The property as the template spells it (ScalingConfig.MaximumConcurrency).
    field: str
    message: str
    # Beyond a default quota that the account can have raised: an error only if it was not.
    raisable: bool = False

    @property
    def verified(self) -> bool:
        return table()[self.row].verified


def _range(
    row_id: str, name: str, value: object, lo: int, hi: int, extra: str = ""
) -> list[Problem]:
    if not isinstance(value, int) or isinstance(value, bool) or lo <= value <= hi:
        return []
    return [Problem(row_id, name, f"{name} {value} is outside {lo}-{hi}{extra}")]


def _row_range(row: Row, name: str, value: object) -> list[Problem]:
    return _range(row.id, name, value, row.num("min"), row.num("max"))


def async_problems(config: AsyncConfig) -> list[Problem]:
    t = table()
    return [
        *_row_range(
            t["async-retry-attempts"], "MaximumRetryAttempts", config.maximum_retry_attempts
        ),
        *_row_range(t["async-max-event-age"], "MaximumEventAgeInSeconds", config.maximum_event_age),
    ]


def _fifo_of(esm: EventSourceMapping) -> bool | Unknown:
    if isinstance(esm.queue, QueueConfig):
        return esm.queue.fifo
    return Unknown("the source queue is unknown")


def esm_problems(esm: EventSourceMapping, fifo: bool | Unknown | None = None) -> list[Problem]:
    t = table()
    out: list[Problem] = []
    src = esm.source
    fifo = _fifo_of(esm) if fifo is None else fifo
    size_row = t["esm-batch-size"]
    key = "sqs_fifo" if src is SourceKind.SQS and fifo is True else src.value
    upper = size_row.by_source[key]["max"]
    what = " for an SQS FIFO queue" if key == "sqs_fifo" else f" for {src.label}"
    out += _range(size_row.id, "BatchSize", esm.batch_size, size_row.num("min"), upper, what)
    out += _row_range(
        t["esm-batching-window"], "MaximumBatchingWindowInSeconds", esm.batching_window
    )
    window = esm.batching_window
    if src is SourceKind.SQS:
        needs = t["esm-sqs-batch-over-10-needs-window"]
        if (
            fifo is False
            and isinstance(esm.batch_size, int)
            and esm.batch_size > needs.num("max")
            and (window is None or (isinstance(window, int) and window < needs.num("min")))
        ):
            out.append(
                Problem(
                    needs.id,
                    "BatchSize",
                    f"BatchSize {esm.batch_size} above {needs.max} on an SQS queue needs "
                    f"MaximumBatchingWindowInSeconds of at least {needs.min}",
                )
            )
        if fifo is True and isinstance(window, int) and window > 0:
            out.append(
                Problem(
                    "esm-sqs-fifo-no-window",
                    "MaximumBatchingWindowInSeconds",
                    f"MaximumBatchingWindowInSeconds {window} on a FIFO queue: the batching "
                    "window applies to standard queues only",
                )
            )
        out += _row_range(
            t["sqs-maximum-concurrency"],
            "ScalingConfig.MaximumConcurrency",
            esm.maximum_concurrency,
        )
    out += _starting_position(esm)
    if src.is_stream or src.is_kafka:
        retry = t["stream-retry-attempts"]
        out += _row_range(retry, "MaximumRetryAttempts", esm.maximum_retry_attempts)
        age = t["stream-record-age"]
        value = esm.maximum_record_age
        if isinstance(value, int) and value != -1:
            out += _range(
                age.id,
                "MaximumRecordAgeInSeconds",
                value,
                age.num("min"),
                age.num("max"),
                " (or -1 for no limit)",
            )
    if src.is_stream:
        out += _row_range(
            t["stream-parallelization"], "ParallelizationFactor", esm.parallelization_factor
        )
        out += _row_range(
            t["stream-tumbling-window"], "TumblingWindowInSeconds", esm.tumbling_window
        )
    out += filter_problems(esm.filters)
    return out


def filter_problems(count: object) -> list[Problem]:
    """``count`` filters on one mapping: more than the default quota (raisable), or more than
    any account may have."""
    row = table()["esm-filter-count"]
    if not isinstance(count, int) or isinstance(count, bool) or count <= row.num("default"):
        return []
    name = "FilterCriteria.Filters"
    if count > row.num("max"):
        message = (
            f"{count} filters: Lambda accepts at most {row.max} per event source mapping, even "
            "with a quota increase, and rejects the mapping"
        )
        return [Problem(row.id, name, message)]
    message = (
        f"{count} filters: above the default quota of {row.default} per event source mapping, "
        f"Lambda rejects the mapping unless the account's quota was raised (up to {row.max})"
    )
    return [Problem(row.id, name, message, raisable=True)]


# cfn-lint also requires it for MSK ARNs; self-managed Kafka has no ARN to tell: not judged.
_REQUIRES_POSITION = (SourceKind.KINESIS, SourceKind.DYNAMODB, SourceKind.MSK)


def _starting_position(esm: EventSourceMapping) -> list[Problem]:
    row = table()["esm-starting-position"]
    value = esm.starting_position
    if isinstance(value, Unknown):
        return []
    if value is None:
        if esm.source in _REQUIRES_POSITION:
            return [
                Problem(
                    row.id,
                    "StartingPosition",
                    f"StartingPosition is required for {esm.source.label}",
                )
            ]
        return []
    if esm.source is SourceKind.SQS:
        return [Problem(row.id, "StartingPosition", "StartingPosition must not be set for SQS")]
    if value not in row.values:
        allowed = ", ".join(str(v) for v in row.values)
        return [
            Problem(
                row.id, "StartingPosition", f"StartingPosition {value!r} is not one of {allowed}"
            )
        ]
    if value == "AT_TIMESTAMP" and esm.source is SourceKind.DYNAMODB:
        return [
            Problem(
                row.id,
                "StartingPosition",
                "StartingPosition AT_TIMESTAMP is not supported for DynamoDB Streams",
            )
        ]
    return []


def destination_problems(target: Target, role: str, context: str) -> list[Problem]:
    """Problems of ``target`` used as ``role`` (dead_letter, on_failure, on_success) for
    ``context`` (``async``, or an event source kind's value)."""
    t = table()
    if target.kind is TargetKind.OTHER:
        return []
    kind = target.kind.value
    if role == "dead_letter":
        row = t["dlq-types"]
        if kind not in row.values:
            return [
                Problem(
                    row.id,
                    "DeadLetterQueue",
                    f"a dead-letter queue must be an SQS queue or SNS topic, not {_label(target)}",
                )
            ]
        if target.fifo is True:
            return [
                Problem(
                    "destination-no-fifo",
                    "DeadLetterQueue",
                    f"{_label(target)} is FIFO; a dead-letter queue must be a standard queue"
                    " or topic",
                )
            ]
        return []
    if context == "async":
        row = t["async-on-failure-types" if role == "on_failure" else "async-on-success-types"]
        name = "OnFailure" if role == "on_failure" else "OnSuccess"
        if kind not in row.values:
            extra = " (S3 buckets are on-failure destinations only)" if kind == "s3" else ""
            return [
                Problem(row.id, name, f"{_label(target)} cannot be an {name} destination{extra}")
            ]
        if target.fifo is True:
            return [
                Problem(
                    "destination-no-fifo",
                    name,
                    f"{_label(target)} is FIFO; Lambda cannot deliver to FIFO queues or topics",
                )
            ]
        return []
    if context == SourceKind.SQS.value:
        return [
            Problem(
                "sqs-no-destinations",
                "DestinationConfig",
                "an SQS event source mapping takes no destinations; use the queue's RedrivePolicy",
            )
        ]
    row = t["stream-on-failure-types"]
    if role == "on_success":
        return [
            Problem(
                row.id, "OnSuccess", "event source mappings do not support OnSuccess destinations"
            )
        ]
    allowed = set(row.values) | (
        {"kafka"} if context in (SourceKind.MSK.value, SourceKind.KAFKA.value) else set()
    )
    if kind not in allowed:
        return [
            Problem(
                row.id,
                "OnFailure",
                f"{_label(target)} cannot be the on-failure destination of an event source mapping",
            )
        ]
    return []


def _label(target: Target) -> str:
    names = {
        TargetKind.SQS: "an SQS queue",
        TargetKind.SNS: "an SNS topic",
        TargetKind.LAMBDA: "a Lambda function",
        TargetKind.EVENTBRIDGE: "an EventBridge bus",
        TargetKind.S3: "an S3 bucket",
        TargetKind.KAFKA: "a Kafka topic",
    }
    text = names.get(target.kind, "this resource")
    return f"{text} ({target.name})" if target.name else text
