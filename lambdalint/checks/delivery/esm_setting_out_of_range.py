"""LL506 esm-setting-out-of-range (docs: rules/catalog/LL506.yaml): every value of an event
source mapping's numeric settings, asked of the model's validator (semantics/validate.py)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import bound_triggers
from lambdalint.checks.delivery.variants import esm_variants
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

ROWS = frozenset(
    {
        "esm-batch-size",
        "esm-batching-window",
        "sqs-maximum-concurrency",
        "stream-retry-attempts",
        "stream-record-age",
        "stream-parallelization",
        "stream-tumbling-window",
    }
)
PROPS = (
    "BatchSize",
    "MaximumBatchingWindowInSeconds",
    "MaximumRetryAttempts",
    "MaximumRecordAgeInSeconds",
    "ParallelizationFactor",
    "TumblingWindowInSeconds",
    "ScalingConfig.MaximumConcurrency",
)


@check("LL506")
def esm_setting_out_of_range(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.config import EventSourceMapping
    from lambdalint.semantics.validate import esm_problems

    seen: set[tuple[object, str]] = set()
    for b in bound_triggers(ctx):
        if not isinstance(b.trigger, EventSourceMapping) or b.esm_model is None:
            continue
        for prop in PROPS:
            for cand, variant in esm_variants(b.esm_model, b.trigger, prop):
                for problem in esm_problems(variant):
                    if problem.row not in ROWS or problem.field != prop:
                        continue
                    key = (cand.loc, problem.message)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield ctx.finding(
                        f"{b.label.split(' (')[0]}: {problem.message}{cand.explain()}",
                        at=cand,
                        resource=b.fn_model.logical_id,
                    )
