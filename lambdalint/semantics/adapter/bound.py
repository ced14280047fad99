"""Every (function, trigger) pair a template deploys, as the simulator's inputs, with the
models findings point at."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from lambdalint.model.lambda_ import EventSourceMapping as EsmModel
from lambdalint.model.lambda_ import Function
from lambdalint.model.sources import ASYNC_KINDS, Queue, TriggerKind
from lambdalint.model.sources import Trigger as TriggerModel
from lambdalint.model.values import Known
from lambdalint.semantics import config as c
from lambdalint.semantics.adapter.callers import LABELS, caller
from lambdalint.semantics.adapter.functions import Functions
from lambdalint.semantics.adapter.mappings import mapping
from lambdalint.semantics.adapter.targets import Targets

if TYPE_CHECKING:
    from lambdalint.model.graph import LambdaGraph
    from lambdalint.source.intrinsics import Evaluator
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
_KIND_LABELS = {
    TriggerKind.S3: "S3",
    TriggerKind.SNS: "SNS",
    TriggerKind.EVENTBRIDGE: "EventBridge",
    TriggerKind.SCHEDULE: "EventBridge schedule",
    TriggerKind.SCHEDULE_V2: "EventBridge Scheduler",
    TriggerKind.CLOUDWATCH_LOGS: "CloudWatch Logs",
    TriggerKind.IOT: "IoT rule",
}


@dataclass(frozen=True)
class Bound:
    """One function and one of its triggers, as simulator inputs, with the models (function,
    trigger, mapping, queue) whose typed fields say where findings point."""

    fn_model: Function
    trigger_model: TriggerModel
    esm_model: EsmModel | None
    queue_model: Queue | None
    function: c.FunctionConfig
    trigger: c.Trigger
    label: str


class Context(Protocol):
    """What the adapter reads of a lint run's check context (``engine.context.CheckContext``,
    or ``run.context_for`` outside a run): semantics sits below the engine."""

    template: Template
    graph: LambdaGraph
    evaluator: Evaluator


class Reader:
    def __init__(self, ctx: Context) -> None:
        self.graph: LambdaGraph = ctx.graph
        self.targets = Targets(ctx.template, ctx.graph)
        self.functions = Functions(ctx.graph, self.targets)

    def function(self, fn: Function, trig: TriggerModel | None) -> c.FunctionConfig:
        return self.functions.function(fn, trig)

    def bind(self, fn: Function, trig: TriggerModel) -> Bound | None:
        if trig.resource_id == fn.logical_id and fn.resource_type == "AWS::Serverless::Function":
            name = trig.logical_id.split(".", 1)[1]  # the SAM event's name
        else:
            name = trig.logical_id.removesuffix(".Trigger")
        function = self.function(fn, trig)
        esm = self.graph.mapping_of(trig)
        if trig.kind in _SOURCES and esm is not None:
            queue = self.graph.get(esm.source_id) if esm.source_id else None
            queue_model = queue if isinstance(queue, Queue) else None
            config = mapping(self.targets, name, _SOURCES[trig.kind], esm, queue_model)
            label = f"{fn.logical_id} ← {name} ({config.source.label}, event source mapping)"
            return Bound(fn, trig, esm, queue_model, function, config, label)
        if trig.kind in ASYNC_KINDS:
            producer = c.AsyncProducer(name, trig.kind.value)
            kind = _KIND_LABELS.get(trig.kind, trig.kind.value)
            return Bound(
                fn,
                trig,
                None,
                None,
                function,
                producer,
                f"{fn.logical_id} ← {name} ({kind}, async)",
            )
        sync = caller(self.graph, name, trig)
        if sync is None:
            return None
        label = f"{fn.logical_id} ← {name} ({LABELS[sync.service]}, sync)"
        return Bound(fn, trig, None, None, function, sync, label)


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


def timeout_variants(b: Bound) -> list[tuple[Bound, str]]:
    """``b`` once per value its function Timeout may take, with the condition or parameter that
    selects it (``""`` when the Timeout is fixed). A Timeout with an unknown value stays one
    Unknown, so rules asked about it find nothing."""
    if not isinstance(b.function.timeout, c.Unknown):
        return [(b, "")]
    out: list[tuple[Bound, str]] = []
    for cand in b.fn_model.timeout.written_values():
        if not isinstance(cand, Known):
            return [(b, "")]
        function = dataclasses.replace(b.function, timeout=cand.value)
        out.append((dataclasses.replace(b, function=function), cand.explain()))
    return out or [(b, "")]
