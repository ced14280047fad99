"""LL602 reserved-concurrency-zero-with-triggers (docs: rules/catalog/LL602.yaml).

Fires iff the function has triggers and the model says even a succeeding handler never delivers
an event of one of them: ``simulate(fn, trigger, succeeds)`` is not delivered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.concurrency.values import finding_at
from lambdalint.checks.delivery.sites import bound_triggers, function_variants
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.values import Known, Site

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
    # Per function and per branch of its setting (a Condition that selects 0 is deployable):
    # the triggers that never deliver, and where that 0 is written.
    by_fn: dict[tuple[str, str], list[str]] = {}
    sites: dict[tuple[str, str], Site | Known[int]] = {}
    for bound in bound_triggers(ctx):
        reserved = bound.fn_model.reserved_concurrency
        if not reserved.written:
            continue
        variants = [(bound, "")]
        if not isinstance(bound.function.reserved_concurrency, (int, type(None))):  # Unknown
            variants = function_variants(ctx, bound, reserved, "reserved_concurrency")
        for b, why in variants:
            outcome = never_delivers(b.function, b.trigger)
            if outcome is None:
                continue
            key = (b.fn_model.logical_id, why)
            by_fn.setdefault(key, []).append(
                f"{b.label.split(' ← ', 1)[1].split(' (')[0]}: {outcome.text}"
            )
            zero = next((v for v in reserved.known() if v.explain() == why and v.value == 0), None)
            sites[key] = zero if why and zero is not None else reserved.site
    for (fn_id, why), outcomes in by_fn.items():
        message = (
            f"ReservedConcurrentExecutions 0 throttles every invocation of {fn_id}, which has "
            f"triggers ({'; '.join(outcomes)}){why}"
        )
        at = sites[(fn_id, why)]
        if isinstance(at, Site):
            yield finding_at(ctx, message, at, fn_id)
        else:
            yield ctx.finding(message, at=at, resource=fn_id)
