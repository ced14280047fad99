"""LL307 permission-source-mismatch (docs: rules/catalog/LL307.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL307")
@with_functions
def permission_source_mismatch(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.resource_policy import QUALIFIER_MISMATCH, check_triggers

    a = analysis(graph, ctx)
    for fn in a.functions:
        if not a.deployed(fn):
            continue
        for c in check_triggers(a, fn):
            if c.unknown or not c.matching or len(c.mismatched) != len(c.matching):
                continue
            if all(why.startswith(QUALIFIER_MISMATCH) for _, why in c.mismatched):
                continue  # a permission on the wrong alias or version: LL410's finding
            t = c.trigger
            for perm, why in c.mismatched:
                yield ctx.finding(
                    f"permission {perm.logical_id} cannot serve {t.source_type or 'trigger'} "
                    f"{t.source_id or t.logical_id} invoking function {fn.logical_id}: {why}",
                    at=perm.at(perm.source_arn),
                    resource=perm.logical_id,
                )
