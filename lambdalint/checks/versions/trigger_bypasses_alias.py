"""LL409 trigger-bypasses-alias (docs: rules/catalog/LL409.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.model import invokers
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Alias, Function
from lambdalint.model.targets import QualifierKind


def _why(fn: Function, alias: Alias) -> str | None:
    if alias.provisioned_concurrency.written:
        return "provisioned concurrency"
    if alias.generated and fn.deployment_preference.written:
        return "gradual deployment (DeploymentPreference)"
    return None


@check("LL409", on=Function)
def trigger_bypasses_alias(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    reason = next(
        (
            (alias, why)
            for alias in ctx.graph.aliases_of(fn)
            if ctx.deployed(alias) and (why := _why(fn, alias)) is not None
        ),
        None,
    )
    if reason is None:
        return
    alias, why = reason
    alias_name = alias.name.only() or alias.logical_id
    seen: set[tuple[int, int]] = set()
    for model, target in invokers(ctx.graph, fn):
        if target.qualifier.kind is not QualifierKind.UNQUALIFIED or not ctx.deployed(model):
            continue
        if (target.loc.line, target.loc.col) in seen:
            continue
        seen.add((target.loc.line, target.loc.col))
        yield ctx.finding(
            f"{model.resource_id} names function {fn.logical_id} unqualified, which "
            f"invokes $LATEST: its traffic bypasses alias {alias_name} and its {why}; name "
            f"the alias instead (!Ref {alias.logical_id})",
            at=target.loc,
            resource=model.resource_id,
            path=("Resources", model.resource_id),
        )
