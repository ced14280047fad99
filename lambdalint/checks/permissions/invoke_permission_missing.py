"""LL306 invoke-permission-missing (docs: rules/catalog/LL306.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL306")
@with_functions
def invoke_permission_missing(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.resource_policy import check_triggers

    a = analysis(graph, ctx)
    for fn in a.functions:
        if not a.deployed(fn):
            continue
        for c in check_triggers(a, fn):
            if c.matching or c.unknown:
                continue
            t = c.trigger
            source = f"{t.source_type} {t.source_id}" if t.source_id else f"trigger {t.logical_id}"
            yield ctx.finding(
                f"{source} invokes function {fn.logical_id}, but no AWS::Lambda::Permission lets "
                f"{' or '.join(c.principals)} call lambda:InvokeFunction on it; add one with "
                f"Principal {c.principals[0]} and SourceArn set to the source",
                at=t.loc,
                resource=fn.logical_id,
            )
