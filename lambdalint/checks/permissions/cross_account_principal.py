"""LL316 cross-account-principal (docs: rules/catalog/LL316.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL316")
@with_functions
def cross_account_principal(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.resource_policy import cross_account

    for perm, account in cross_account(analysis(graph, ctx)):
        yield ctx.finding(
            f"permission {perm.logical_id} lets AWS account {account} invoke function "
            f"{perm.function_id or '?'}; make sure that account is meant to",
            at=perm.at(perm.principal),
            resource=perm.logical_id,
        )
