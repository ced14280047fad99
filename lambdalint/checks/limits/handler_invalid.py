"""LL112 handler-invalid (docs: rules/catalog/LL112.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.names import violations
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known


@check("LL112", on=Function, group=True)
def handler_invalid(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    rule = limits().handler
    for value in fn.handler.written_values():
        # An empty Handler is LL203's (a .zip function without one).
        if not isinstance(value, Known) or not value.value:
            continue
        for why in violations(value.value, rule):
            yield ctx.finding(
                f"Handler {value.value!r} of {FUNCTIONS} {why}{value.explain()}",
                at=value,
                resource=fn.logical_id,
            )
