"""LL601 provisioned-concurrency-above-reserved (docs: rules/catalog/LL601.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.concurrency.values import finding_at, provisioned, reserved
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL601")
def provisioned_concurrency_above_reserved(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    items = reserved(ctx)
    if not items:
        return
    from lambdalint.semantics.concurrency import provisioned_above_reserved

    for r in items:
        for value, site in provisioned(ctx, r.fn):
            if provisioned_above_reserved(value, r.value):
                yield finding_at(
                    ctx,
                    f"provisioned concurrency {value} of {r.fn.logical_id} is above its reserved "
                    f"concurrency {r.value}; provisioned concurrency counts toward the reserved "
                    "concurrency and cannot exceed it",
                    site,
                    r.fn.logical_id,
                )
