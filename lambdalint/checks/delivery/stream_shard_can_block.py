"""LL504 stream-shard-can-block (docs: rules/catalog/LL504.yaml).

Fires iff the model says one poison record blocks the shard until the records expire:
``simulate(fn, stream mapping, poison-record)`` is shard-blocked."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import bound_triggers, trigger_site
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.semantics.config import (
    EventSourceMapping,
    FunctionConfig,
    Scenario,
    ScenarioKind,
    Trigger,
)
from lambdalint.semantics.simulate import simulate
from lambdalint.semantics.trace import Disposition, Trace

SCENARIO = Scenario(ScenarioKind.POISON_RECORD)


def blocks(fn: FunctionConfig, trigger: Trigger) -> Trace | None:
    if not isinstance(trigger, EventSourceMapping) or not trigger.source.is_stream:
        return None
    trace = simulate(fn, trigger, SCENARIO)
    return trace if trace.disposition is Disposition.SHARD_BLOCKED else None


@check("LL504")
def stream_shard_can_block(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    for b in bound_triggers(ctx):
        if blocks(b.function, b.trigger) is None:
            continue
        loc, path = trigger_site(ctx, b)
        yield ctx.finding(
            f"{b.label.split(' (')[0]}: MaximumRetryAttempts and MaximumRecordAgeInSeconds are "
            "both unlimited (the default -1), so one record that always fails is retried until "
            "it expires from the stream, blocking its shard meanwhile (bisecting or a partial "
            "batch response does not end the retries); set MaximumRetryAttempts or "
            "MaximumRecordAgeInSeconds and an OnFailure destination",
            at=loc,
            resource=b.fn_model.logical_id,
            path=path,
        )
