"""LL310 passrole-on-all-resources (docs: rules/catalog/LL310.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL310")
@with_functions
def passrole_on_all(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.breadth import passrole_on_everything

    for hit in passrole_on_everything(analysis(graph, ctx)):
        yield ctx.finding(
            f"{hit.statement.describe()} allows iam:PassRole ({hit.detail}) on every role (*) "
            f"to function {', '.join(hit.functions)}: it can hand any role to a service; name "
            f"the roles, or add an iam:PassedToService condition",
            at=hit.at.loc if hit.at is not None else hit.statement.loc,
            resource=hit.functions[0],
        )
