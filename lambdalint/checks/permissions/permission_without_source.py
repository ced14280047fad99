"""LL313 permission-without-source (docs: rules/catalog/LL313.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL313")
@with_functions
def permission_without_source(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.resource_policy import unscoped_service_permissions

    for perm, principal in unscoped_service_permissions(analysis(graph, ctx)):
        yield ctx.finding(
            f"permission {perm.logical_id} lets {principal} invoke function "
            f"{perm.function_id or '?'} on behalf of any resource, in any account; set SourceArn "
            f"(and SourceAccount) to the resource meant to invoke it",
            at=perm.at(perm.principal),
            resource=perm.logical_id,
        )
