"""LL602 reserved-concurrency-zero-with-triggers (docs: rules/catalog/LL602.yaml).

Fires iff the function has triggers and the model says even a succeeding handler never delivers
an event of one of them: ``simulate(fn, trigger, succeeds)`` is not delivered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.concurrency.values import finding_at
from lambdalint.checks.delivery.sites import bound_triggers
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

if TYPE_CHECKING:
    from lambdalint.semantics.config import FunctionConfig, Trigger
    from lambdalint.semantics.trace import Disposition


def never_delivers(fn: FunctionConfig, trigger: Trigger) -> Disposition | None:
    from lambdalint.semantics.config import Scenario, ScenarioKind
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    scenario = Scenario(ScenarioKind.SUCCEEDS)
    if fn.reserved_concurrency != 0:
        return None
    disposition = simulate(fn, trigger, scenario).disposition
    if disposition in (Disposition.DELIVERED, Disposition.UNKNOWN):
        return None
    return disposition


@check("LL602")
def reserved_concurrency_zero_with_triggers(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    by_fn: dict[str, list[str]] = {}
    sites = {}
    for b in bound_triggers(ctx):
        outcome = never_delivers(b.function, b.trigger)
        reserved = b.fn_model.reserved_concurrency
        if outcome is None or not reserved.written:
            continue
        by_fn.setdefault(b.fn_model.logical_id, []).append(
            f"{b.label.split(' ← ', 1)[1].split(' (')[0]}: {outcome.text}"
        )
        sites[b.fn_model.logical_id] = reserved.site
    for fn_id, outcomes in by_fn.items():
        yield finding_at(
            ctx,
            f"ReservedConcurrentExecutions 0 throttles every invocation of {fn_id}, which has "
            f"triggers ({'; '.join(outcomes)})",
            sites[fn_id],
            fn_id,
        )
