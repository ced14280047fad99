"""LL304 feature-permission-missing (docs: rules/catalog/LL304.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.permissions.common import need_findings, with_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL304")
@with_functions
def feature_permission_missing(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from need_findings(
        graph,
        ctx,
        (
            "tracing",
            "efs",
            "sqs_kms",
        ),
    )
