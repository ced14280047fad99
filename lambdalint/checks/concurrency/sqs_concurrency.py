"""LL605 sqs-maximum-concurrency-above-reserved and LL606 reserved-concurrency-low-for-sqs
(docs: rules/catalog/LL605.yaml, LL606.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.concurrency.values import finding_at
from lambdalint.checks.delivery.sites import bound_triggers
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL605")
def sqs_maximum_concurrency_above_reserved(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.concurrency import max_concurrency_above_reserved
    from lambdalint.semantics.config import EventSourceMapping, SourceKind

    for b in bound_triggers(ctx):
        esm = b.trigger
        if not isinstance(esm, EventSourceMapping) or esm.source is not SourceKind.SQS:
            continue
        maximum, reserved = esm.maximum_concurrency, b.function.reserved_concurrency
        if not isinstance(maximum, int) or not isinstance(reserved, int):
            continue
        if max_concurrency_above_reserved(maximum, reserved) and b.esm_model is not None:
            yield finding_at(
                ctx,
                f"{b.label.split(' (')[0]}: MaximumConcurrency {maximum} is above the reserved "
                f"concurrency {reserved} of {b.fn_model.logical_id}, so the poller's invocations "
                "beyond it are throttled and their messages return to the queue",
                b.esm_model.maximum_concurrency.site,
                b.fn_model.logical_id,
            )


@check("LL606")
def reserved_concurrency_low_for_sqs(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.concurrency import low_reserved_for_sqs
    from lambdalint.semantics.config import EventSourceMapping, SourceKind

    seen: set[str] = set()
    for b in bound_triggers(ctx):
        esm = b.trigger
        if not isinstance(esm, EventSourceMapping) or esm.source is not SourceKind.SQS:
            continue
        reserved = b.function.reserved_concurrency
        fn_id = b.fn_model.logical_id
        if fn_id in seen or not isinstance(reserved, int) or not low_reserved_for_sqs(reserved):
            continue
        seen.add(fn_id)
        if not b.fn_model.reserved_concurrency.written:
            continue
        yield finding_at(
            ctx,
            f"ReservedConcurrentExecutions {reserved} of {fn_id} is below 5, the number of "
            f"concurrent batches an SQS mapping starts with ({b.label.split(' ← ', 1)[1]}); "
            "the extra batches are throttled and their messages return to the queue",
            b.fn_model.reserved_concurrency.site,
            fn_id,
        )
