"""LL208 handler-signature-invalid (docs: rules/catalog/LL208.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, code_place, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL208", on=None)
def handler_signature_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        h = analysis.handler
        if h.signature_problem and h.at is not None:
            yield ctx.finding(
                f"handler {h.function!r} ({code_place(fn, str(h.at))}) {h.signature_problem}",
                at=anchor(fn),
                resource=fn.logical_id,
            )
