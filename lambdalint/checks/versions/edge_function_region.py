"""LL414 edge-function-region (docs: rules/catalog/LL414.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.edge import edge_facts
from lambdalint.checks.versions.model import edge_uses
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function


@check("LL414", on=Function)
def edge_function_region(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    # Region-dependent: silent unless the Region is given (--region, [tool.lambdalint] region).
    required = edge_facts()["region"]["value"]
    if ctx.region is None or ctx.region == required:
        return
    use = next(edge_uses(ctx.graph, fn), None)
    if use is None:
        return
    yield ctx.finding(
        f"function {fn.logical_id} runs at the edge (distribution "
        f"{use.distribution.logical_id}) but this stack deploys to {ctx.region}: Lambda@Edge "
        f"functions must be created in {required}",
        at=fn.loc,
        resource=fn.logical_id,
        path=("Resources", fn.resource_id),
    )
