"""LL315 function-url-public (docs: rules/catalog/LL315.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import analysis, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.severity import Severity


@check("LL315")
@with_functions
def function_url_public(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.iam.resource_policy import url_checks

    for c in url_checks(analysis(graph, ctx)):
        at = c.url.at
        if c.missing:
            yield ctx.finding(
                f"function URL {c.url.logical_id} of function {c.fn.logical_id} has AuthType "
                f"NONE, but the function's resource policy lacks "
                f"{' and '.join(c.missing)}; since October 2025 a public URL needs both "
                f"statements, else callers get HTTP 403",
                at=at,
                resource=c.fn.logical_id,
                severity=Severity.ERROR,
            )
            continue
        yield ctx.finding(
            f"function URL {c.url.logical_id} of function {c.fn.logical_id} has AuthType NONE: "
            f"anyone on the internet can invoke it; use AWS_IAM unless it is meant to be public",
            at=at,
            resource=c.fn.logical_id,
        )
