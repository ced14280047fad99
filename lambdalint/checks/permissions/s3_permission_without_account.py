"""LL314 s3-permission-without-source-account (docs: rules/catalog/LL314.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL314")
@with_functions
def s3_permission_without_account(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.resource_policy import s3_without_account

    for perm in s3_without_account(analysis(graph, ctx)):
        yield ctx.finding(
            f"permission {perm.logical_id} scopes s3.amazonaws.com by SourceArn only; bucket "
            f"ARNs carry no account, so a bucket of that name in another account matches too: "
            f"add SourceAccount",
            at=perm.at(perm.source_arn),
            resource=perm.logical_id,
        )
