"""LL411 edge-function-not-version (docs: rules/catalog/LL411.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.model import edge_uses
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.targets import QualifierKind

_WHAT = {
    QualifierKind.UNQUALIFIED: "the unqualified function ($LATEST)",
    QualifierKind.LATEST: "$LATEST",
    QualifierKind.ALIAS: "an alias",
}


@check("LL411", on=Function)
def edge_function_not_version(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    for use in edge_uses(ctx.graph, fn):
        what = _WHAT.get(use.target.qualifier.kind)
        if what is None:
            continue
        if use.target.qualifier.kind is QualifierKind.ALIAS and use.target.qualifier.name:
            what = f"alias {use.target.qualifier.name}"
        yield ctx.finding(
            f"CloudFront distribution {use.distribution.logical_id} associates {what} of "
            f"function {fn.logical_id}: Lambda@Edge needs a numbered version ARN "
            "(!Ref <AWS::Lambda::Version>, or SAM !Ref <Fn>.Version), and CloudFront "
            "rejects the association",
            at=use.target.loc,
            resource=use.distribution.logical_id,
            path=("Resources", use.distribution.resource_id),
        )
