"""LL510 destination-cannot-receive (docs: rules/catalog/LL510.yaml): a dead-letter queue or
destination of a kind Lambda cannot deliver to there (FIFO queue or topic, wrong resource type,
S3 as on-success, any destination on an SQS mapping), asked of the model's validator."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import bound_triggers
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Destination, EventInvokeConfig
from lambdalint.model.values import Absent, Invalid, Known, Site


@check("LL510")
def destination_cannot_receive(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not (
        any(fn.dead_letter is not None for fn in graph.functions())
        or any(True for _ in graph.objects(EventInvokeConfig))
        or bound_triggers(ctx)
    ):
        return  # no DLQ, destination or trigger: the model is not even imported
    from lambdalint.semantics.adapter.targets import Targets
    from lambdalint.semantics.config import EventSourceMapping, SourceKind, Target, TargetKind
    from lambdalint.semantics.validate import destination_problems

    targets = Targets(ctx.template, graph)
    for fn in graph.functions():
        if fn.condition is not None and ctx.evaluator.condition(fn.condition) is False:
            continue
        dlq = fn.dead_letter
        target = targets.dead_letter(dlq)
        if isinstance(target, Target) and dlq is not None:
            at = dlq.arn.site if dlq.arn.written else dlq.site
            for p in destination_problems(target, "dead_letter", "async"):
                yield _at(ctx, f"{fn.logical_id}: {p.message}", at, fn.logical_id)
    for eic in graph.objects(EventInvokeConfig):
        owner = next((t.function_id for t in eic.targets if t.function_id), eic.resource_id)
        for to, which, role in _destinations(eic.on_failure, eic.on_success):
            target = targets.destination(eic.destination_config, to, which)
            if isinstance(target, Target):
                for p in destination_problems(target, role, "async"):
                    yield _at(ctx, f"{owner}: {p.message}", _site(to), eic.resource_id)
    for b in bound_triggers(ctx):
        esm = b.trigger
        if not isinstance(esm, EventSourceMapping) or b.esm_model is None:
            continue
        config = b.esm_model.destination_config
        label = b.label.split(" (")[0]
        fn_id = b.fn_model.logical_id
        if esm.source is SourceKind.SQS:
            if config.written and any(_set(v) for v in config.values):
                (p,) = destination_problems(Target(TargetKind.SQS), "on_failure", "sqs")
                yield _at(ctx, f"{label}: {p.message}", config.site, fn_id)
            continue
        for to, which, role in _destinations(b.esm_model.on_failure, b.esm_model.on_success):
            target = targets.destination(config, to, which)
            if role == "on_success" or isinstance(target, Target):
                # The validator says which sources take an on-success destination at all.
                probe = target if isinstance(target, Target) else Target(TargetKind.SQS)
                for p in destination_problems(probe, role, esm.source.value):
                    yield _at(ctx, f"{label}: {p.message}", _site(to), fn_id)


def _destinations(
    on_failure: Destination | None, on_success: Destination | None
) -> Iterator[tuple[Destination, str, str]]:
    if on_failure is not None:
        yield on_failure, "OnFailure", "on_failure"
    if on_success is not None:
        yield on_success, "OnSuccess", "on_success"


def _site(to: Destination) -> Site:
    """The destination's ARN as written, else the OnFailure / OnSuccess setting."""
    return to.arn.site if to.arn.written else to.written.site


def _set(value: object) -> bool:
    """A DestinationConfig value that configures something (not empty, not absent)."""
    if isinstance(value, Known):
        return bool(value.value)
    if isinstance(value, Invalid):
        return bool(value.raw)
    if isinstance(value, Absent):
        return value.how == "can be AWS::NoValue"
    return True


def _at(ctx: CheckContext, message: str, site: Site, resource: str) -> Finding:
    """A finding at where a setting's value is written."""
    return ctx.finding(message, at=site.value or site.loc, path=site.path, resource=resource)
