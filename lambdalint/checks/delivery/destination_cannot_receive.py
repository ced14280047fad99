"""LL510 destination-cannot-receive (docs: rules/catalog/LL510.yaml): a dead-letter queue or
destination of a kind Lambda cannot deliver to there (FIFO queue or topic, wrong resource type,
S3 as on-success, any destination on an SQS mapping), asked of the model's validator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import bound_triggers, sub
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import EventInvokeConfig
from lambdalint.source.nodes import Node

if TYPE_CHECKING:
    pass


@check("LL510")
def destination_cannot_receive(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not (
        any(fn.dead_letter is not None for fn in graph.functions())
        or any(True for _ in graph.objects(EventInvokeConfig))
        or bound_triggers(ctx)
    ):
        return  # no DLQ, destination or trigger: the model is not even imported
    from lambdalint.semantics.config import EventSourceMapping, SourceKind, Target, TargetKind
    from lambdalint.semantics.from_model import Reader
    from lambdalint.semantics.validate import destination_problems

    reader = Reader(ctx)
    for fn in graph.functions():
        if fn.condition is not None and ctx.evaluator.condition(fn.condition) is False:
            continue
        dlq = reader.function(fn, None).dead_letter
        written = fn.properties.get(
            "DeadLetterQueue" if fn.dialect == "sam" else "DeadLetterConfig"
        )
        site = sub(written, "TargetArn") or written
        if isinstance(dlq, Target) and site is not None:
            for p in destination_problems(dlq, "dead_letter", "async"):
                yield ctx.finding(f"{fn.logical_id}: {p.message}", at=site, resource=fn.logical_id)
    for eic in graph.objects(EventInvokeConfig):
        owner = next((t.function_id for t in eic.targets if t.function_id), eic.resource_id)
        eic_config = eic.properties.get("DestinationConfig")
        for which, role in (("OnFailure", "on_failure"), ("OnSuccess", "on_success")):
            target = reader.destination(eic_config, which)
            site = _destination_site(eic_config, which)
            if isinstance(target, Target) and site is not None:
                for p in destination_problems(target, role, "async"):
                    yield ctx.finding(f"{owner}: {p.message}", at=site, resource=eic.resource_id)
    for b in bound_triggers(ctx):
        esm = b.trigger
        if not isinstance(esm, EventSourceMapping) or b.esm_model is None:
            continue
        config = b.esm_model.properties.get("DestinationConfig")
        label = b.label.split(" (")[0]
        if esm.source is SourceKind.SQS:
            if config is not None and any(c.value for c in ctx.candidates(config)):
                (p,) = destination_problems(Target(TargetKind.SQS), "on_failure", "sqs")
                yield ctx.finding(
                    f"{label}: {p.message}", at=config, resource=b.fn_model.logical_id
                )
            continue
        for which, role in (("OnFailure", "on_failure"), ("OnSuccess", "on_success")):
            site = _destination_site(config, which)
            if site is None:
                continue
            target = reader.destination(config, which)
            if role == "on_success" or isinstance(target, Target):
                probe = target if isinstance(target, Target) else Target(TargetKind.SQS)
                for p in destination_problems(probe, role, esm.source.value):
                    yield ctx.finding(
                        f"{label}: {p.message}", at=site, resource=b.fn_model.logical_id
                    )


def _destination_site(config: Node | None, which: str) -> Node | None:
    node = sub(config, which)
    return sub(node, "Destination") or node
