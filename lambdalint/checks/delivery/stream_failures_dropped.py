"""LL503 stream-failures-dropped (docs: rules/catalog/LL503.yaml).

Fires iff the model says a failing batch of a Kinesis or DynamoDB stream mapping is dropped:
``simulate(fn, stream mapping, fails-always)`` is dropped (retries or record age are bounded and
there is no on-failure destination)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import bound_triggers, setting_site
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

if TYPE_CHECKING:
    from lambdalint.semantics.config import (
        FunctionConfig,
        Trigger,
    )
    from lambdalint.semantics.trace import Trace


def dropped(fn: FunctionConfig, trigger: Trigger) -> Trace | None:
    from lambdalint.semantics.config import EventSourceMapping, Scenario, ScenarioKind
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    scenario = Scenario(ScenarioKind.FAILS_ALWAYS)
    if not isinstance(trigger, EventSourceMapping) or not trigger.source.is_stream:
        return None
    trace = simulate(fn, trigger, scenario)
    return trace if trace.disposition is Disposition.DROPPED else None


@check("LL503")
def stream_failures_dropped(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    for b in bound_triggers(ctx):
        trace = dropped(b.function, b.trigger)
        if trace is None:
            continue
        loc, path = setting_site(ctx, b, "MaximumRetryAttempts", "MaximumRecordAgeInSeconds")
        yield ctx.finding(
            f"{b.label.split(' (')[0]}: a batch that keeps failing is discarded ({trace.reason}) "
            "and the mapping has no OnFailure destination, so its records are lost without a "
            "trace; add DestinationConfig.OnFailure (SQS, SNS or S3)",
            at=loc,
            resource=b.fn_model.logical_id,
            path=path,
        )
