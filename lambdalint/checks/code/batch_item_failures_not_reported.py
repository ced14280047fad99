"""LL213 batch-item-failures-not-reported (docs: rules/catalog/LL213.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import handler_found, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL213", on=None)
def batch_item_failures_not_reported(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.code is None or ctx.code.unresolved_mappings:
        return
    for fn, analysis in read_functions(ctx):
        if analysis.returns_batch_failures is not True or not handler_found(analysis):
            continue
        if fn.batch.reporting or not fn.batch.plain:
            continue
        for source in fn.batch.plain:
            yield ctx.finding(
                f"the code of function {fn.logical_id} returns batchItemFailures, but this "
                "event source does not set FunctionResponseTypes: [ReportBatchItemFailures], "
                "so Lambda ignores the list",
                at=source,
                resource=fn.logical_id,
            )
