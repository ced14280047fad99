"""LL303 vpc-permission-missing (docs: rules/catalog/LL303.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import need_findings, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL303")
@with_functions
def vpc_permission_missing(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from need_findings(graph, ctx, ("vpc",))
