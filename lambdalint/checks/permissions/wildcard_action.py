"""LL308 wildcard-action-on-all-resources (docs: rules/catalog/LL308.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL308")
@with_functions
def wildcard_action(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.breadth import wildcard_grants

    for hit in wildcard_grants(analysis(graph, ctx)):
        what = "every action" if hit.detail == "*" else f"every {hit.detail.split(':')[0]} action"
        yield ctx.finding(
            f"{hit.statement.describe()} allows {what} ({hit.detail}) on every resource (*) "
            f"to function {', '.join(hit.functions)}; list the actions and resources it uses",
            at=hit.at.loc if hit.at is not None else hit.statement.loc,
            resource=hit.functions[0],
        )
