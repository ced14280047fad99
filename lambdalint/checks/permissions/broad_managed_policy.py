"""LL309 broad-managed-policy (docs: rules/catalog/LL309.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL309")
@with_functions
def broad_managed_policy(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.breadth import broad_managed_policies

    for fn_id, doc, what in broad_managed_policies(analysis(graph, ctx)):
        yield ctx.finding(
            f"function {fn_id}'s role has AWS managed policy {doc.managed_name} ({what}); "
            f"grant only what the function uses (a SAM policy template or a scoped statement)",
            at=doc.loc,
            resource=fn_id,
        )
