"""LL311 privilege-escalation (docs: rules/catalog/LL311.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL311")
@with_functions
def privilege_escalation(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.breadth import escalation_methods

    for hit in escalation_methods(analysis(graph, ctx)):
        yield ctx.finding(
            f"the role of function {', '.join(hit.functions)} allows on every resource (*) "
            f"the actions of a privilege-escalation method: {hit.detail}",
            at=hit.statement.loc,
            resource=hit.functions[0],
        )
