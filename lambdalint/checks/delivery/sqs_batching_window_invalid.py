"""LL508 sqs-batching-window-invalid (docs: rules/catalog/LL508.yaml): a batch size above 10
without a batching window, or a window on a FIFO queue, asked of the model's validator."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import bound_triggers
from lambdalint.checks.delivery.variants import esm_variants
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

ROWS = frozenset({"esm-sqs-batch-over-10-needs-window", "esm-sqs-fifo-no-window"})


@check("LL508")
def sqs_batching_window_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.config import EventSourceMapping, SourceKind
    from lambdalint.semantics.validate import esm_problems

    for b in bound_triggers(ctx):
        trigger = b.trigger
        if not isinstance(trigger, EventSourceMapping) or trigger.source is not SourceKind.SQS:
            continue
        assert b.esm_model is not None
        # The batch size carries the window finding, the window the FIFO one.
        for prop in ("BatchSize", "MaximumBatchingWindowInSeconds"):
            for cand, variant in esm_variants(b.esm_model, trigger, prop):
                for problem in esm_problems(variant):
                    if problem.row in ROWS and problem.field == prop:
                        yield ctx.finding(
                            f"{b.label.split(' (')[0]}: {problem.message}{cand.explain()}",
                            at=cand,
                            resource=b.fn_model.logical_id,
                        )
