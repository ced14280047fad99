"""LL412 edge-role-not-trusted (docs: rules/catalog/LL412.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.edge import edge_facts
from lambdalint.checks.versions.model import edge_uses
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function, Role
from lambdalint.model.values import Known


@check("LL412", on=Function)
def edge_role_not_trusted(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    use = next(edge_uses(ctx.graph, fn), None)
    if use is None:
        return
    roles = [t for t in fn.role if t.resolved]
    # Only one role, in the template, with its whole trust policy known.
    if len(roles) != 1 or len(fn.role) != 1:
        return
    role = ctx.graph.get(roles[0].node_id)
    if not isinstance(role, Role):
        return
    values = role.trusted_services.values
    if len(values) != 1 or not isinstance(values[0], Known):
        return
    principal = edge_facts()["trust_principal"]["value"]
    if principal in values[0].value or "*" in values[0].value:
        return
    site = role.trusted_services.site
    where = "SAM's generated role" if role.generated else f"role {role.logical_id}"
    yield ctx.finding(
        f"function {fn.logical_id} runs at the edge (distribution "
        f"{use.distribution.logical_id}) but {where} does not trust {principal}: "
        "Lambda@Edge cannot assume it, and CloudFront rejects the association"
        + (
            "; set AssumeRolePolicyDocument with lambda.amazonaws.com and " + principal
            if role.generated
            else "; add it to the trust policy's Service principals"
        ),
        at=site if role.trusted_services.written else fn.role_site,
        resource=fn.logical_id if role.generated else role.resource_id,
    )
