"""The model's inputs: one function's normalized configuration, one trigger, one scenario.

Plain frozen dataclasses with no link to the template model. A value the template does not fix
(an unresolvable intrinsic, a value that differs between the branches of a condition) is an
``Unknown`` carrying the reason, and the simulation carries it through instead of guessing.
Absent settings are ``None`` and mean "the AWS default", which the simulator takes from the
behaviour table (``rules/facts/invocation.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeAlias, TypeGuard


@dataclass(frozen=True)
class Unknown:
    """A value the template does not fix; ``reason`` says why (shown in traces)."""

    reason: str

    def __str__(self) -> str:
        return f"unknown ({self.reason})"


def is_unknown(value: object) -> TypeGuard[Unknown]:
    return isinstance(value, Unknown)


UNKNOWN_TIMEOUT = Unknown("Timeout is not a fixed number")


class TargetKind(str, Enum):
    SQS = "sqs"
    SNS = "sns"
    LAMBDA = "lambda"
    EVENTBRIDGE = "eventbridge"
    S3 = "s3"
    KAFKA = "kafka"
    OTHER = "other"


@dataclass(frozen=True)
class Target:
    """A DLQ or destination: what kind of resource it is and whether it is FIFO (None: unknown)."""

    kind: TargetKind
    name: str = ""
    fifo: bool | None = False


# A setting: its value, None when the template leaves it to the AWS default, or Unknown.
OptInt: TypeAlias = "int | Unknown | None"
OptFloat: TypeAlias = "float | Unknown | None"
OptTarget: TypeAlias = "Target | Unknown | None"


@dataclass(frozen=True)
class AsyncConfig:
    """EventInvokeConfig for the qualifier the trigger invokes (None fields: AWS defaults)."""

    maximum_retry_attempts: OptInt = None
    maximum_event_age: OptInt = None
    on_success: OptTarget = None
    on_failure: OptTarget = None


@dataclass(frozen=True)
class FunctionConfig:
    name: str
    timeout: OptInt = None
    async_config: AsyncConfig | Unknown = AsyncConfig()
    dead_letter: OptTarget = None
    reserved_concurrency: OptInt = None
    provisioned_concurrency: OptInt = None


class SourceKind(str, Enum):
    SQS = "sqs"
    KINESIS = "kinesis"
    DYNAMODB = "dynamodb"
    MSK = "msk"
    KAFKA = "self_managed_kafka"
    MQ = "mq"
    DOCUMENTDB = "documentdb"

    @property
    def is_stream(self) -> bool:
        return self in (SourceKind.KINESIS, SourceKind.DYNAMODB)

    @property
    def is_kafka(self) -> bool:
        return self in (SourceKind.MSK, SourceKind.KAFKA)

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    SourceKind.SQS: "SQS",
    SourceKind.KINESIS: "Kinesis",
    SourceKind.DYNAMODB: "DynamoDB Streams",
    SourceKind.MSK: "Amazon MSK",
    SourceKind.KAFKA: "self-managed Kafka",
    SourceKind.MQ: "Amazon MQ",
    SourceKind.DOCUMENTDB: "DocumentDB",
}


@dataclass(frozen=True)
class QueueConfig:
    """The SQS source queue. ``max_receive_count`` None: no redrive policy."""

    visibility_timeout: OptInt = None
    max_receive_count: OptInt = None
    dead_letter: OptTarget = None
    fifo: bool | Unknown = False
    retention: OptInt = None


@dataclass(frozen=True)
class SyncCaller:
    """A caller that waits for the response: ``timeout`` is how long it waits (None: no limit of
    its own). ``raisable``: the caller's limit can be raised by a quota request."""

    name: str
    service: str
    timeout: OptFloat = None
    raisable: bool = False
    verified: bool = True


@dataclass(frozen=True)
class AsyncProducer:
    """A service that invokes asynchronously (the Lambda event queue)."""

    name: str
    service: str


@dataclass(frozen=True)
class EventSourceMapping:
    """An event source mapping: Lambda polls ``source`` and invokes synchronously."""

    name: str
    source: SourceKind
    batch_size: OptInt = None
    batching_window: OptInt = None
    starting_position: str | Unknown | None = None
    maximum_retry_attempts: OptInt = None
    maximum_record_age: OptInt = None
    bisect_on_error: bool | Unknown = False
    report_batch_item_failures: bool | Unknown = False
    parallelization_factor: OptInt = None
    tumbling_window: OptInt = None
    maximum_concurrency: OptInt = None
    on_failure: OptTarget = None
    # How many FilterCriteria filters the mapping has (None: no FilterCriteria).
    filters: OptInt = None
    # SQS only: the source queue (Unknown when it is not in the template).
    queue: QueueConfig | Unknown | None = None


Trigger = SyncCaller | AsyncProducer | EventSourceMapping


class ScenarioKind(str, Enum):
    SUCCEEDS = "succeeds"
    FAILS_ALWAYS = "fails-always"
    FAILS_FIRST_N = "fails-first-n"
    TIMES_OUT = "times-out"
    THROTTLED = "throttled"
    POISON_RECORD = "poison-record"


@dataclass(frozen=True)
class Scenario:
    """How the handler behaves. A success runs for the function's whole timeout (the worst case a
    caller or a queue must allow for); a failure is immediate; a timeout runs the whole timeout.
    ``n``: failed attempts for fails-first-n, throttled attempts for throttled (None: always)."""

    kind: ScenarioKind
    n: int | None = None

    @property
    def label(self) -> str:
        if self.kind is ScenarioKind.FAILS_FIRST_N:
            return f"fails the first {self.n} attempts"
        if self.kind is ScenarioKind.THROTTLED and self.n is not None:
            return f"throttled {self.n} times"
        return _SCENARIO_LABELS[self.kind]


_SCENARIO_LABELS = {
    ScenarioKind.SUCCEEDS: "succeeds (taking its whole timeout)",
    ScenarioKind.FAILS_ALWAYS: "fails every attempt",
    ScenarioKind.FAILS_FIRST_N: "fails the first attempts",
    ScenarioKind.TIMES_OUT: "times out every attempt",
    ScenarioKind.THROTTLED: "throttled every attempt",
    ScenarioKind.POISON_RECORD: "one poison record in the batch",
}
