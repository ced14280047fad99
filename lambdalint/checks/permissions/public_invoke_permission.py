"""LL312 public-invoke-permission (docs: rules/catalog/LL312.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL312")
@with_functions
def public_invoke_permission(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.resource_policy import public_permissions

    for perm in public_permissions(analysis(graph, ctx)):
        yield ctx.finding(
            f"permission {perm.logical_id} lets anyone (Principal '*') invoke function "
            f"{perm.function_id or '?'}, with no SourceArn, SourceAccount or PrincipalOrgID",
            at=perm.at(perm.principal),
            resource=perm.logical_id,
        )
