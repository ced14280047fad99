"""The one adapter from today's template model (``lambdalint/model``) to the simulator's plain
inputs. When the model changes, this file changes; the simulator and the rules do not.

Values are read through the evaluator: a value fixed by the template becomes a number, a bool or a
string; an absent one is ``None`` (the AWS default); anything else (an unresolvable intrinsic,
branches of a condition that differ, ``AWS::NoValue`` on one branch) is ``Unknown`` with the
reason, so the simulation never guesses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from lambdalint.model.lambda_ import (
    ASYNC_KINDS,
    Api,
    EventInvokeConfig,
    Function,
    Queue,
    TriggerKind,
)
from lambdalint.model.lambda_ import EventSourceMapping as EsmModel
from lambdalint.model.lambda_ import Trigger as TriggerModel
from lambdalint.model.refs import literal_arn_service, references
from lambdalint.model.targets import QualifierKind, Target
from lambdalint.semantics import config as c
from lambdalint.source.intrinsics import NO_VALUE, UNKNOWN, as_number
from lambdalint.source.nodes import Mapping, Node, Scalar, intrinsic

if TYPE_CHECKING:
    from lambdalint.model.graph import LambdaGraph
    from lambdalint.source.intrinsics import Candidate, Evaluator
    from lambdalint.source.template import Template

_SOURCES = {
    TriggerKind.SQS: c.SourceKind.SQS,
    TriggerKind.KINESIS: c.SourceKind.KINESIS,
    TriggerKind.DYNAMODB: c.SourceKind.DYNAMODB,
    TriggerKind.MSK: c.SourceKind.MSK,
    TriggerKind.KAFKA: c.SourceKind.KAFKA,
    TriggerKind.MQ: c.SourceKind.MQ,
    TriggerKind.DOCUMENTDB: c.SourceKind.DOCUMENTDB,
}
_TARGET_TYPES = {
    "AWS::SQS::Queue": c.TargetKind.SQS,
    "AWS::SNS::Topic": c.TargetKind.SNS,
    "AWS::Lambda::Function": c.TargetKind.LAMBDA,
    "AWS::Serverless::Function": c.TargetKind.LAMBDA,
    "AWS::Lambda::Alias": c.TargetKind.LAMBDA,
    "AWS::Events::EventBus": c.TargetKind.EVENTBRIDGE,
    "AWS::S3::Bucket": c.TargetKind.S3,
}
_TARGET_SERVICES = {
    "sqs": c.TargetKind.SQS,
    "sns": c.TargetKind.SNS,
    "lambda": c.TargetKind.LAMBDA,
    "events": c.TargetKind.EVENTBRIDGE,
    "s3": c.TargetKind.S3,
}
# SAM's DestinationConfig / DeadLetterQueue ``Type`` values.
_SAM_TYPES = {
    "SQS": c.TargetKind.SQS,
    "SNS": c.TargetKind.SNS,
    "Lambda": c.TargetKind.LAMBDA,
    "EventBridge": c.TargetKind.EVENTBRIDGE,
    "S3Bucket": c.TargetKind.S3,
}
# The sync caller limits of the behaviour table, by service.
_CALLER_ROWS = {"rest": "sync-rest-timeout", "http": "sync-http-timeout"}
_CALLER_ROWS |= {"websocket": "sync-websocket-timeout", "cognito": "sync-cognito-timeout"}


@dataclass(frozen=True)
class Bound:
    """One function and one of its triggers, as simulator inputs, with the template nodes
    findings point at (``sites``: a property name -> the node where it was written)."""

    fn_model: Function
    trigger_model: TriggerModel
    esm_model: EsmModel | None
    queue_model: Queue | None
    function: c.FunctionConfig
    trigger: c.Trigger
    label: str
    sites: dict[str, Node] = field(default_factory=dict)


def sub(node: Node | None, key: str) -> Node | None:
    """``node[key]`` when node is a plain mapping; an intrinsic standing for the whole mapping is
    returned as is, so the evaluator can still read it (``DestinationConfig: !If [...]``)."""
    if isinstance(node, Mapping):
        if intrinsic(node) is not None:
            return node
        return node.items.get(key)
    return None


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _qualifier_name(targets: tuple[Target, ...], fn_id: str) -> str | None:
    """The alias name, version or ``$LATEST`` a reference to ``fn_id`` invokes (the first
    branch naming it); None when unqualified or not known."""
    for t in targets:
        if t.function_id != fn_id:
            continue
        if t.qualifier.kind is QualifierKind.LATEST:
            return "$LATEST"
        if t.qualifier.kind in (QualifierKind.ALIAS, QualifierKind.VERSION):
            return t.qualifier.name
        return None
    return None


def _qualifier_text(eic: EventInvokeConfig) -> str | None:
    """The Qualifier an EventInvokeConfig is written for (None when it has none)."""
    q = eic.qualifier
    if q.kind is QualifierKind.LATEST:
        return "$LATEST"
    if q.kind in (QualifierKind.ALIAS, QualifierKind.VERSION):
        return q.name
    return None


class Context(Protocol):
    """What the adapter reads of a lint run's check context (``engine.context.CheckContext``,
    or ``run.context_for`` outside a run): semantics sits below the engine."""

    template: Template
    graph: LambdaGraph
    evaluator: Evaluator

    def candidates(self, node: Node | None) -> list[Candidate]: ...

    def value(self, node: Node | None) -> Any: ...


class Reader:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.graph: LambdaGraph = ctx.graph

    # ----- plain values ---------------------------------------------------------------------
    def _values(self, node: Node | None, name: str) -> list[Any] | c.Unknown | None:
        if node is None:
            return None
        values: list[Any] = []
        for cand in self.ctx.candidates(node):
            if cand.value is UNKNOWN:
                return c.Unknown(f"{name} is not known statically")
            values.append(cand.value)
        if values and all(v is NO_VALUE or v is None for v in values):
            return None
        if any(v is NO_VALUE or v is None for v in values):
            return c.Unknown(f"{name} is set only under some conditions")
        return values

    def integer(self, node: Node | None, name: str) -> int | c.Unknown | None:
        values = self._values(node, name)
        if not isinstance(values, list):
            return values
        numbers = {as_number(v) for v in values}
        if len(numbers) != 1:
            return c.Unknown(f"{name} differs between conditions")
        number = numbers.pop()
        if number is None or number != int(number):
            return c.Unknown(f"{name} is not a whole number")
        return int(number)

    def boolean(self, node: Node | None, name: str) -> bool | c.Unknown | None:
        values = self._values(node, name)
        if not isinstance(values, list):
            return values
        flags = {v if isinstance(v, bool) else str(v).lower() == "true" for v in values}
        return flags.pop() if len(flags) == 1 else c.Unknown(f"{name} differs between conditions")

    def string(self, node: Node | None, name: str) -> str | c.Unknown | None:
        values = self._values(node, name)
        if not isinstance(values, list):
            return values
        texts = {v for v in values if isinstance(v, str)}
        if len(texts) != 1 or len(values) != len([v for v in values if isinstance(v, str)]):
            return c.Unknown(f"{name} differs between conditions or is not text")
        return texts.pop()

    def present(self, node: Node | None, name: str) -> bool | c.Unknown:
        values = self._values(node, name)
        return values if isinstance(values, c.Unknown) else values is not None

    # ----- targets --------------------------------------------------------------------------
    def target(self, arn: Node | None, name: str, sam_type: Node | None = None) -> c.OptTarget:
        """What a DLQ / destination ARN names; None when absent."""
        typed = _text(sam_type)
        present = self.present(arn, name) if arn is not None else (typed is not None)
        if isinstance(present, c.Unknown) or not present:
            return present if isinstance(present, c.Unknown) else None
        for ref, _ in references(arn):
            res = self.ctx.template.resources.get(ref)
            if res is not None:
                kind = _TARGET_TYPES.get(res.type, c.TargetKind.OTHER)
                fifo: bool | None = False
                if kind in (c.TargetKind.SQS, c.TargetKind.SNS):
                    prop = "FifoQueue" if kind is c.TargetKind.SQS else "FifoTopic"
                    flag = self.boolean(res.properties.get(prop), prop)
                    fifo = flag if isinstance(flag, bool) else (None if flag else False)
                return c.Target(kind, ref, fifo)
        service = literal_arn_service(arn)
        if service in _TARGET_SERVICES:
            literal = _text(arn) or ""
            return c.Target(_TARGET_SERVICES[service], literal, literal.endswith(".fifo"))
        if typed in _SAM_TYPES:
            # SAM creates a standard queue or topic when Destination is omitted.
            return c.Target(_SAM_TYPES[typed], "", None if arn is not None else False)
        return c.Target(c.TargetKind.OTHER, "")

    def destination(self, config: Node | None, which: str) -> c.OptTarget:
        if config is not None and not isinstance(self.ctx.value(config), Mapping):
            return c.Unknown("DestinationConfig is not known statically")
        node = sub(config, which)
        if node is None:
            return None
        if not isinstance(self.ctx.value(node), Mapping):
            return c.Unknown(f"{which} is not known statically")
        return self.target(sub(node, "Destination"), f"{which}.Destination", sub(node, "Type"))

    # ----- function -------------------------------------------------------------------------
    def function(self, fn: Function, trig: TriggerModel | None) -> c.FunctionConfig:
        p = fn.properties
        dlq_node = p.get("DeadLetterQueue" if fn.dialect == "sam" else "DeadLetterConfig")
        dead_letter: c.OptTarget = None
        if dlq_node is not None:
            shape = self._values(dlq_node, "DeadLetterQueue")
            if isinstance(shape, c.Unknown) or shape is None:
                dead_letter = shape
            else:
                arn = sub(dlq_node, "TargetArn")
                dead_letter = self.target(arn, "DeadLetterQueue.TargetArn", sub(dlq_node, "Type"))
        return c.FunctionConfig(
            name=fn.logical_id,
            timeout=self.integer(p.get("Timeout"), "Timeout"),
            async_config=self.async_config(fn, trig),
            dead_letter=dead_letter,
            reserved_concurrency=self.integer(
                p.get("ReservedConcurrentExecutions"), "ReservedConcurrentExecutions"
            ),
        )

    def invoke_config(self, fn: Function, trig: TriggerModel | None) -> EventInvokeConfig | None:
        """The EventInvokeConfig that applies to what ``trig`` invokes (raises Unknown)."""
        wanted = (_qualifier_name(trig.targets, fn.logical_id) if trig else None) or "$LATEST"
        own_event = trig is not None and trig.resource_id == fn.logical_id
        for eic in self.graph.objects(EventInvokeConfig):
            if not any(t.function_id == fn.logical_id for t in eic.targets):
                continue
            if eic.dialect == "sam" and eic.resource_id == fn.logical_id and own_event:
                return eic  # SAM points the function's events and its config at the same alias
            if eic.qualifier.kind is QualifierKind.UNKNOWN:
                raise _Unknown(c.Unknown("EventInvokeConfig Qualifier is not known statically"))
            if _qualifier_text(eic) == wanted:
                return eic
        return None

    def async_config(self, fn: Function, trig: TriggerModel | None) -> c.AsyncConfig | c.Unknown:
        try:
            eic = self.invoke_config(fn, trig)
        except _Unknown as exc:
            return exc.unknown
        if eic is None:
            return c.AsyncConfig()
        p = eic.properties
        return c.AsyncConfig(
            maximum_retry_attempts=self.integer(
                p.get("MaximumRetryAttempts"), "MaximumRetryAttempts"
            ),
            maximum_event_age=self.integer(
                p.get("MaximumEventAgeInSeconds"), "MaximumEventAgeInSeconds"
            ),
            on_success=self.destination(p.get("DestinationConfig"), "OnSuccess"),
            on_failure=self.destination(p.get("DestinationConfig"), "OnFailure"),
        )

    # ----- triggers -------------------------------------------------------------------------
    def bind(self, fn: Function, trig: TriggerModel) -> Bound | None:
        if trig.resource_id == fn.logical_id and trig.dialect == "sam":
            name = trig.logical_id.split(".", 1)[1]  # the SAM event's name
        else:
            name = trig.logical_id.removesuffix(".Trigger")
        function = self.function(fn, trig)
        esm = self.graph.mapping_of(trig)
        if trig.kind in _SOURCES and esm is not None:
            queue = self.graph.get(esm.source_id)
            queue_model = queue if isinstance(queue, Queue) else None
            mapping, sites = self.mapping(name, _SOURCES[trig.kind], esm, queue_model)
            label = f"{fn.logical_id} ← {name} ({mapping.source.label}, event source mapping)"
            return Bound(fn, trig, esm, queue_model, function, mapping, label, sites)
        if trig.kind in ASYNC_KINDS:
            producer = c.AsyncProducer(name, trig.kind.value)
            label = (
                f"{fn.logical_id} ← {name} ({_KIND_LABELS.get(trig.kind, trig.kind.value)}, async)"
            )
            return Bound(fn, trig, None, None, function, producer, label)
        caller = self.caller(name, trig)
        if caller is None:
            return None
        label = f"{fn.logical_id} ← {name} ({_CALLER_LABELS[caller.service]}, sync)"
        return Bound(fn, trig, None, None, function, caller, label)

    def caller(self, name: str, trig: TriggerModel) -> c.SyncCaller | None:
        from lambdalint.semantics.table import table

        service = {
            TriggerKind.API: "rest",
            TriggerKind.HTTP_API: "http",
            TriggerKind.COGNITO: "cognito",
            TriggerKind.ALB: "alb",
            TriggerKind.FUNCTION_URL: "url",
        }.get(trig.kind)
        if service is None:
            return None
        millis = trig.properties.get("TimeoutInMillis") if trig.dialect == "sam" else None
        res = self.ctx.template.resources.get(trig.resource_id)
        if trig.dialect == "cfn" and res is not None:
            millis = sub(
                res.properties.get("Integration"), "TimeoutInMillis"
            ) or res.properties.get("TimeoutInMillis")
            api = self.graph.get(trig.source_id)
            if isinstance(api, Api) and _text(api.properties.get("ProtocolType")) == "WEBSOCKET":
                service = "websocket"
        if service not in _CALLER_ROWS:
            return c.SyncCaller(name, service, None)
        streaming = trig.properties.get("ResponseTransferMode") if trig.dialect == "sam" else None
        if res is not None and trig.dialect == "cfn":
            streaming = sub(res.properties.get("Integration"), "ResponseTransferMode")
        if streaming is not None and self.string(streaming, "ResponseTransferMode") != "BUFFERED":
            # A streamed REST response has other limits (not in the behaviour table).
            unknown = c.Unknown("the integration streams its response")
            return c.SyncCaller(name, service, unknown, service == "rest")
        row = table()[_CALLER_ROWS[service]]
        timeout: float | c.Unknown | None = row.max
        written = self.integer(millis, "TimeoutInMillis")
        if isinstance(written, c.Unknown):
            timeout = written
        elif written is not None:
            timeout = written / 1000
        return c.SyncCaller(name, service, timeout, service == "rest", row.verified)

    def mapping(
        self, name: str, source: c.SourceKind, esm: EsmModel, queue: Queue | None
    ) -> tuple[c.EventSourceMapping, dict[str, Node]]:
        p = esm.properties
        sites = {k: v for k, v in p.items.items()}
        response_types = p.get("FunctionResponseTypes")
        types = self._values(response_types, "FunctionResponseTypes")
        partial: bool | c.Unknown = False
        if isinstance(types, c.Unknown):
            partial = types
        elif types:
            plain = self.ctx.evaluator.plain_value(response_types)  # type: ignore[arg-type]
            partial = (
                "ReportBatchItemFailures" in plain
                if isinstance(plain, list)
                else c.Unknown("FunctionResponseTypes is not known statically")
            )
        bisect = self.boolean(p.get("BisectBatchOnFunctionError"), "BisectBatchOnFunctionError")
        queue_config: c.QueueConfig | c.Unknown | None = None
        if source is c.SourceKind.SQS:
            queue_config = (
                self.queue(queue, sites)
                if queue is not None
                else c.Unknown("the source queue is not defined in this template")
            )
        mapping = c.EventSourceMapping(
            name=name,
            source=source,
            batch_size=self.integer(p.get("BatchSize"), "BatchSize"),
            batching_window=self.integer(
                p.get("MaximumBatchingWindowInSeconds"), "MaximumBatchingWindowInSeconds"
            ),
            starting_position=self.string(p.get("StartingPosition"), "StartingPosition"),
            maximum_retry_attempts=self.integer(
                p.get("MaximumRetryAttempts"), "MaximumRetryAttempts"
            ),
            maximum_record_age=self.integer(
                p.get("MaximumRecordAgeInSeconds"), "MaximumRecordAgeInSeconds"
            ),
            bisect_on_error=False if bisect is None else bisect,
            report_batch_item_failures=partial,
            parallelization_factor=self.integer(
                p.get("ParallelizationFactor"), "ParallelizationFactor"
            ),
            tumbling_window=self.integer(
                p.get("TumblingWindowInSeconds"), "TumblingWindowInSeconds"
            ),
            maximum_concurrency=self.integer(
                sub(p.get("ScalingConfig"), "MaximumConcurrency"), "MaximumConcurrency"
            ),
            on_failure=self.destination(p.get("DestinationConfig"), "OnFailure"),
            queue=queue_config,
        )
        return mapping, sites

    def queue(self, queue: Queue, sites: dict[str, Node]) -> c.QueueConfig:
        p = queue.properties
        visibility = p.get("VisibilityTimeout")
        if visibility is not None:
            sites["queue.VisibilityTimeout"] = visibility
        fifo = self.boolean(p.get("FifoQueue"), "FifoQueue")
        max_receive: int | c.Unknown | None = None
        dead_letter: c.OptTarget = None
        policy = p.get("RedrivePolicy")
        if policy is not None:
            value = self.ctx.value(policy)
            if isinstance(value, str):
                max_receive, dead_letter = _json_redrive(value)
            elif isinstance(value, Mapping):
                count = value.get("maxReceiveCount")
                max_receive = self.integer(count, "maxReceiveCount")
                if max_receive is None:
                    max_receive = c.Unknown("the RedrivePolicy has no maxReceiveCount")
                dead_letter = self.target(value.get("deadLetterTargetArn"), "deadLetterTargetArn")
            elif value is not NO_VALUE:
                max_receive = c.Unknown("RedrivePolicy is not known statically")
        return c.QueueConfig(
            visibility_timeout=self.integer(visibility, "VisibilityTimeout"),
            max_receive_count=max_receive,
            dead_letter=dead_letter,
            fifo=False if fifo is None else fifo,
            retention=self.integer(p.get("MessageRetentionPeriod"), "MessageRetentionPeriod"),
        )


class _Unknown(Exception):
    def __init__(self, unknown: c.Unknown) -> None:
        super().__init__(unknown.reason)
        self.unknown = unknown


def _json_redrive(value: str) -> tuple[int | c.Unknown, c.OptTarget]:
    try:
        policy = json.loads(value)
        count = int(policy["maxReceiveCount"])
    except (ValueError, KeyError, TypeError):
        return c.Unknown("RedrivePolicy is not valid JSON with maxReceiveCount"), None
    arn = policy.get("deadLetterTargetArn")
    return count, c.Target(c.TargetKind.SQS, str(arn or ""), str(arn or "").endswith(".fifo"))


_KIND_LABELS = {
    TriggerKind.S3: "S3",
    TriggerKind.SNS: "SNS",
    TriggerKind.EVENTBRIDGE: "EventBridge",
    TriggerKind.SCHEDULE: "EventBridge schedule",
    TriggerKind.SCHEDULE_V2: "EventBridge Scheduler",
    TriggerKind.CLOUDWATCH_LOGS: "CloudWatch Logs",
    TriggerKind.IOT: "IoT rule",
}
_CALLER_LABELS = {
    "rest": "API Gateway REST API",
    "http": "API Gateway HTTP API",
    "websocket": "API Gateway WebSocket API",
    "cognito": "Cognito user pool",
    "alb": "Application Load Balancer",
    "url": "function URL",
}


def bound_triggers(ctx: Context) -> Iterator[Bound]:
    """Every (function, trigger) pair the template deploys, as simulator inputs. Functions
    without triggers cost nothing here."""
    reader = Reader(ctx)
    for fn in ctx.graph.functions():
        if fn.condition is not None and ctx.evaluator.condition(fn.condition) is False:
            continue
        for trig in ctx.graph.triggers_of(fn):
            if trig.condition is not None and ctx.evaluator.condition(trig.condition) is False:
                continue
            bound = reader.bind(fn, trig)
            if bound is not None:
                yield bound


def timeout_variants(ctx: Context, b: Bound) -> list[tuple[Bound, str]]:
    """``b`` once per value its function Timeout may take, with the condition or parameter that
    selects it (``""`` when the Timeout is fixed). A Timeout with an unknown value stays one
    Unknown, so rules asked about it find nothing."""
    import dataclasses

    from lambdalint.source.intrinsics import as_number

    if not isinstance(b.function.timeout, c.Unknown):
        return [(b, "")]
    out: list[tuple[Bound, str]] = []
    for cand in ctx.candidates(b.fn_model.properties.get("Timeout")):
        known = cand.is_known and cand.value is not NO_VALUE and cand.value is not None
        number = as_number(cand.value) if known else None
        if number is None or number != int(number):
            return [(b, "")]
        function = dataclasses.replace(b.function, timeout=int(number))
        out.append((dataclasses.replace(b, function=function), cand.explain()))
    return out or [(b, "")]
