"""LL512 partial-batch-response-not-configured (docs: rules/catalog/LL512.yaml).

Fires iff, for one poison record in a batch, the model says the other records fare worse than
they would with ``ReportBatchItemFailures``: compare ``simulate(poison-record)`` with and without
it (processed again, or discarded with the batch, versus not)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import bound_triggers, sam_subscription, trigger_site
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

if TYPE_CHECKING:
    from lambdalint.semantics.config import (
        FunctionConfig,
        Trigger,
    )


def partial_would_help(fn: FunctionConfig, trigger: Trigger) -> bool:
    from lambdalint.semantics.config import EventSourceMapping, Scenario, ScenarioKind, SourceKind
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    scenario = Scenario(ScenarioKind.POISON_RECORD)
    # How badly the other records of a batch fare, worst last.
    harm = {
        Disposition.DELIVERED: 0,
        Disposition.PROCESSED_MORE_THAN_ONCE: 1,
        Disposition.SENT_TO_ON_FAILURE: 2,
        Disposition.DROPPED: 3,
    }
    if (
        not isinstance(trigger, EventSourceMapping)
        or trigger.report_batch_item_failures is not False
    ):
        return False
    if trigger.source is not SourceKind.SQS and not trigger.source.is_stream:
        return False
    now = simulate(fn, trigger, scenario).others
    with_partial = simulate(
        fn, dataclasses.replace(trigger, report_batch_item_failures=True), scenario
    ).others
    if now not in harm or with_partial not in harm:
        return False
    return harm[with_partial] < harm[now]


@check("LL512")
def partial_batch_response_not_configured(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.config import Scenario, ScenarioKind
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    scenario = Scenario(ScenarioKind.POISON_RECORD)
    for b in bound_triggers(ctx):
        if sam_subscription(b) or not partial_would_help(b.function, b.trigger):
            continue  # SAM's mapping for SqsSubscription cannot take FunctionResponseTypes
        if _code_returns_failures(ctx, b.fn_model.logical_id):
            continue  # the handler already reports failed items: LL213 says the setting is missing
        others = simulate(b.function, b.trigger, scenario).others
        fate = (
            "processed again"
            if others is Disposition.PROCESSED_MORE_THAN_ONCE
            else "discarded with it"
        )
        loc, path = trigger_site(ctx, b)
        yield ctx.finding(
            f"{b.label.split(' (')[0]}: without FunctionResponseTypes [ReportBatchItemFailures] "
            f"one failing record fails its whole batch, and the other records are {fate}; "
            "report the failed items from the handler (batchItemFailures)",
            at=loc,
            resource=b.fn_model.logical_id,
            path=path,
        )


def _code_returns_failures(ctx: CheckContext, function_id: str) -> bool:
    """The function's code (read by the code step) returns batchItemFailures."""
    code = ctx.code.function(function_id) if ctx.code is not None else None
    return bool(code and code.analysis and code.analysis.returns_batch_failures is True)
