"""LL511 sync-caller-timeout-too-short (docs: rules/catalog/LL511.yaml).

Fires iff the model says the caller stops waiting while the function still runs:
``simulate(fn, sync caller, succeeds)`` is caller-timed-out. Info, not warning, when the caller's
limit is unverified (Cognito)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import bound_triggers, trigger_site
from lambdalint.checks.reach import property_site
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.semantics.config import FunctionConfig, Scenario, ScenarioKind, SyncCaller, Trigger
from lambdalint.semantics.simulate import simulate
from lambdalint.semantics.trace import Disposition
from lambdalint.severity import Severity

SCENARIO = Scenario(ScenarioKind.SUCCEEDS)


def caller_gives_up(fn: FunctionConfig, trigger: Trigger) -> bool:
    return (
        isinstance(trigger, SyncCaller)
        and simulate(fn, trigger, SCENARIO).disposition is Disposition.CALLER_TIMED_OUT
    )


@check("LL511")
def sync_caller_timeout_too_short(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    for b in bound_triggers(ctx):
        caller = b.trigger
        if not isinstance(caller, SyncCaller) or not caller_gives_up(b.function, caller):
            continue
        timeout = b.function.timeout
        waits = caller.timeout if isinstance(caller.timeout, (int, float)) else 0
        hint = (
            " (Regional and private REST APIs can raise it by a quota request)"
            if caller.raisable
            else ""
        )
        loc, path = property_site(ctx, b.fn_model, "Timeout")
        if path[-1:] != ("Timeout",):
            loc, path = trigger_site(ctx, b)
        yield ctx.finding(
            f"{b.label.split(' (')[0]}: the caller waits at most {waits:g} s{hint} but "
            f"{b.fn_model.logical_id} may run {timeout} s; a slow request fails at the caller "
            "while the function runs on",
            at=loc,
            resource=b.fn_model.logical_id,
            path=path,
            severity=None if caller.verified else Severity.INFO,
        )
