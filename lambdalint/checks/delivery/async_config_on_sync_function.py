"""LL514 async-config-on-sync-only-function (docs: rules/catalog/LL514.yaml).

Fires iff the function has a dead-letter queue or EventInvokeConfig destinations, the template
shows every invoker of it (``invokers.only_sync_invokers``), and the model says none of them
invokes it asynchronously (``semantics.dispatch.uses_async_config``): those settings then never
receive anything."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import bound_triggers, deployed_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import EventInvokeConfig, Function
from lambdalint.model.values import Field, Site


@check("LL514")
def async_config_on_sync_only_function(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.checks.delivery.invokers import only_sync_invokers

    for fn in deployed_functions(graph, ctx):
        kept = _async_settings(ctx, fn)
        if not kept:
            continue
        bounds = only_sync_invokers(ctx, fn)
        if bounds is None:
            continue
        names = ", ".join(b.label.split(" ← ", 1)[1] for b in bounds)
        what = " and ".join(name for name, _ in kept)
        site = kept[0][1]
        yield ctx.finding(
            f"{fn.logical_id} has {what}, which Lambda uses only for asynchronous invocations, "
            f"but every invoker the template shows invokes it synchronously ({names}): a "
            "failure goes back to the caller or the mapping, and Lambda never sends an event "
            "there",
            at=site.loc,
            path=site.path,
            resource=fn.logical_id,
        )


def _async_settings(ctx: CheckContext, fn: Function) -> list[tuple[str, Site]]:
    """The function's dead-letter queue and invoke-config destinations, where written."""
    out: list[tuple[str, Site]] = []
    if fn.dead_letter is not None and _set(fn.dead_letter.written):
        name = "DeadLetterQueue" if fn.dialect == "sam" else "DeadLetterConfig"
        out.append((f"a {name}", fn.dead_letter.site))
    for eic in ctx.graph.targeting(fn, EventInvokeConfig):
        if not ctx.deployed(eic):
            continue
        for to in (eic.on_failure, eic.on_success):
            if to is not None and _set(to.written):
                out.append(("EventInvokeConfig destinations", to.site))
                break
    return out


def _set(written: Field[bool]) -> bool:
    """Written, and set under some condition (not only an ``AWS::NoValue`` branch)."""
    return written.written and any(v.value for v in written.known())
