"""LL212 batch-item-failures-not-returned (docs: rules/catalog/LL212.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import handler_found, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL212", on=None)
def batch_item_failures_not_returned(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        # False only when every reachable file was read and none builds batchItemFailures.
        if analysis.returns_batch_failures is not False or not handler_found(analysis):
            continue
        for types in fn.batch.reporting:
            yield ctx.finding(
                "ReportBatchItemFailures is enabled, but the code of function "
                f"{fn.logical_id} never returns batchItemFailures: Lambda reads its response "
                "as 'no record failed', so records that failed without raising are not retried",
                at=types,
                resource=fn.logical_id,
            )
