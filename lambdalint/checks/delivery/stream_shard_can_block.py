"""LL504 stream-shard-can-block (docs: rules/catalog/LL504.yaml).

Fires iff the model says one poison record blocks the shard until the records expire:
``simulate(fn, stream mapping, poison-record)`` is shard-blocked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import bound_triggers, trigger_site
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


def blocks(fn: FunctionConfig, trigger: Trigger) -> Trace | None:
    from lambdalint.semantics.config import EventSourceMapping, Scenario, ScenarioKind
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    scenario = Scenario(ScenarioKind.POISON_RECORD)
    if not isinstance(trigger, EventSourceMapping) or not trigger.source.is_stream:
        return None
    trace = simulate(fn, trigger, scenario)
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
