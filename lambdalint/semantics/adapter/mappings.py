"""An event source mapping and, for SQS, its queue, as the simulator's inputs."""

from __future__ import annotations

import json

from lambdalint.model.lambda_ import EventSourceMapping as EsmModel
from lambdalint.model.sources import Queue
from lambdalint.model.targets import TargetKind
from lambdalint.model.values import Absent, Invalid, Known
from lambdalint.semantics import config as c
from lambdalint.semantics.adapter.targets import Targets
from lambdalint.semantics.adapter.values import boolean, integer, present, string


def mapping(
    targets: Targets, name: str, source: c.SourceKind, esm: EsmModel, queue: Queue | None
) -> c.EventSourceMapping:
    partial = _partial(esm)
    bisect = boolean(esm.bisect_on_error, "BisectBatchOnFunctionError")
    queue_config: c.QueueConfig | c.Unknown | None = None
    if source is c.SourceKind.SQS:
        queue_config = (
            queue_of(targets, queue)
            if queue is not None
            else c.Unknown("the source queue is not defined in this template")
        )
    return c.EventSourceMapping(
        name=name,
        source=source,
        batch_size=integer(esm.batch_size, "BatchSize"),
        batching_window=integer(esm.maximum_batching_window, "MaximumBatchingWindowInSeconds"),
        starting_position=string(esm.starting_position, "StartingPosition"),
        maximum_retry_attempts=integer(esm.maximum_retry_attempts, "MaximumRetryAttempts"),
        maximum_record_age=integer(esm.maximum_record_age, "MaximumRecordAgeInSeconds"),
        bisect_on_error=False if bisect is None else bisect,
        report_batch_item_failures=partial,
        parallelization_factor=integer(esm.parallelization_factor, "ParallelizationFactor"),
        tumbling_window=integer(esm.tumbling_window, "TumblingWindowInSeconds"),
        maximum_concurrency=integer(esm.maximum_concurrency, "MaximumConcurrency"),
        on_failure=targets.destination(esm.destination_config, esm.on_failure, "OnFailure"),
        queue=queue_config,
    )


def _partial(esm: EsmModel) -> bool | c.Unknown:
    """Whether FunctionResponseTypes holds ReportBatchItemFailures."""
    types = esm.function_response_types
    there = present(types, "FunctionResponseTypes")
    if isinstance(there, c.Unknown) or not there:
        return there
    if len(types.values) != 1 or not isinstance(types.values[0], Known):
        return c.Unknown("FunctionResponseTypes is not known statically")
    items = types.values[0].value
    if not all(len(i.values) == 1 and isinstance(i.values[0], Known) for i in items):
        return c.Unknown("FunctionResponseTypes is not known statically")
    return "ReportBatchItemFailures" in [i.only() for i in items]


def queue_of(targets: Targets, queue: Queue) -> c.QueueConfig:
    fifo = boolean(queue.fifo, "FifoQueue")
    max_receive: int | c.Unknown | None = None
    dead_letter: c.OptTarget = None
    redrive = queue.redrive
    if redrive.written:
        value = redrive.values[0] if len(redrive.values) == 1 else None
        if isinstance(value, Invalid) and isinstance(value.raw, str):
            max_receive, dead_letter = _json_redrive(value.raw)
        elif isinstance(value, Known):
            max_receive = integer(queue.max_receive_count, "maxReceiveCount")
            if max_receive is None:
                max_receive = c.Unknown("the RedrivePolicy has no maxReceiveCount")
            dead_letter = _redrive_target(targets, queue)
        elif not all(isinstance(v, Absent) for v in redrive.values):
            max_receive = c.Unknown("RedrivePolicy is not known statically")
    return c.QueueConfig(
        visibility_timeout=integer(queue.visibility_timeout, "VisibilityTimeout"),
        max_receive_count=max_receive,
        dead_letter=dead_letter,
        fifo=False if fifo is None else fifo,
        retention=integer(queue.message_retention, "MessageRetentionPeriod"),
    )


def _redrive_target(targets: Targets, queue: Queue) -> c.OptTarget:
    """The queue a RedrivePolicy's deadLetterTargetArn names."""
    for t in queue.dead_letter:
        res = targets.template.resources.get(t.node_id) if t.node_id else None
        if t.kind is TargetKind.RESOLVED and res is not None:
            return targets.resolved(res.logical_id, res.type)
        if t.kind is TargetKind.EXTERNAL and t.arn:
            return targets.external(t.arn)
        if t.kind is TargetKind.UNKNOWN:
            return c.Unknown("deadLetterTargetArn is not known statically")
    return None


def _json_redrive(value: str) -> tuple[int | c.Unknown, c.OptTarget]:
    try:
        policy = json.loads(value)
        count = int(policy["maxReceiveCount"])
    except (ValueError, KeyError, TypeError):
        return c.Unknown("RedrivePolicy is not valid JSON with maxReceiveCount"), None
    arn = policy.get("deadLetterTargetArn")
    return count, c.Target(c.TargetKind.SQS, str(arn or ""), str(arn or "").endswith(".fifo"))
