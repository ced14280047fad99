"""LL501 async-events-dropped (docs: rules/catalog/LL501.yaml).

Fires iff the model says an event that fails every attempt is lost (dropped, or expired with
nowhere to go) for an asynchronous trigger: ``simulate(fn, trigger, fails-always)``."""

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
    from lambdalint.semantics.from_model import Bound
    from lambdalint.semantics.trace import Trace


def lost(fn: FunctionConfig, trigger: Trigger) -> Trace | None:
    """The trace when an always-failing event of this async trigger is lost, else None."""
    from lambdalint.semantics.config import AsyncProducer, Scenario, ScenarioKind
    from lambdalint.semantics.dispatch import simulate

    scenario = Scenario(ScenarioKind.FAILS_ALWAYS)
    if not isinstance(trigger, AsyncProducer):
        return None
    trace = simulate(fn, trigger, scenario)
    return trace if trace.disposition.lost else None


@check("LL501")
def async_events_dropped(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    by_function: dict[str, list[tuple[str, Trace, Bound]]] = {}
    for b in bound_triggers(ctx):
        trace = lost(b.function, b.trigger)
        if trace is not None:
            by_function.setdefault(b.fn_model.logical_id, []).append((b.label, trace, b))
    for fn_id, items in by_function.items():
        _, trace, first = items[0]
        loc, path = trigger_site(ctx, first)
        names = ", ".join(dict.fromkeys(lbl.split(" ← ", 1)[1] for lbl, _, _ in items))
        attempts = trace.attempts
        tries = {1: "its only attempt", 2: "both attempts"}.get(
            attempts, f"all {attempts} attempts"
        )
        yield ctx.finding(
            f"{fn_id} is invoked asynchronously by {names}: an event that fails {tries} is "
            f"lost ({trace.disposition.text}), since {fn_id} has no DeadLetterQueue and no "
            "OnFailure destination (lambdalint simulate shows the timeline)",
            at=loc,
            resource=fn_id,
            path=path,
        )
