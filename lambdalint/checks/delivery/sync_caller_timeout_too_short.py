"""LL511 sync-caller-timeout-too-short (docs: rules/catalog/LL511.yaml).

Fires iff the model says the caller stops waiting while the function still runs:
``simulate(fn, sync caller, succeeds)`` is caller-timed-out. Info, not warning, when the caller's
limit is unverified (Cognito)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import Site, bound_triggers, timeout_variants, trigger_site
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.severity import Severity

if TYPE_CHECKING:
    from lambdalint.semantics.config import (
        FunctionConfig,
        Trigger,
    )


def caller_gives_up(fn: FunctionConfig, trigger: Trigger) -> bool:
    from lambdalint.semantics.config import Scenario, ScenarioKind, SyncCaller
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    scenario = Scenario(ScenarioKind.SUCCEEDS)
    return (
        isinstance(trigger, SyncCaller)
        and simulate(fn, trigger, scenario).disposition is Disposition.CALLER_TIMED_OUT
    )


@check("LL511")
def sync_caller_timeout_too_short(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.config import SyncCaller

    # One finding per place the function timeout is written (a Globals Timeout reaches many).

    groups: dict[tuple[Site, float, bool, bool, str], list[str]] = {}
    timeouts: dict[tuple[Site, float, bool, bool, str], object] = {}
    pairs = [v for bound in bound_triggers(ctx) for v in timeout_variants(ctx, bound)]
    for b, why in pairs:
        caller = b.trigger
        if not isinstance(caller, SyncCaller) or not caller_gives_up(b.function, caller):
            continue
        waits = float(caller.timeout) if isinstance(caller.timeout, (int, float)) else 0.0
        written = b.fn_model.timeout.site
        site: Site = (written.loc, written.path)
        if site[1][-1:] != ("Timeout",):
            site = trigger_site(ctx, b)
        key = (site, waits, caller.raisable, caller.verified, why)
        groups.setdefault(key, []).append(b.label.split(" (")[0])
        timeouts[key] = b.function.timeout
    for (site, waits, raisable, verified, why), labels in groups.items():
        hint = (
            " (Regional and private REST APIs can raise it by a quota request)" if raisable else ""
        )
        functions = sorted({label.split(" ← ")[0] for label in labels})
        timeout = timeouts[(site, waits, raisable, verified, why)]
        runs = f"{' and '.join(functions)} may run {timeout} s"
        who = "callers wait" if len(labels) > 1 else "caller waits"
        loc, path = site
        yield ctx.finding(
            f"{', '.join(labels)}: the {who} at most {waits:g} s{hint} but {runs}; a slow "
            f"request fails at the caller while the function runs on{why}",
            at=loc,
            resource=functions[0],
            path=path,
            severity=None if verified else Severity.INFO,
        )
