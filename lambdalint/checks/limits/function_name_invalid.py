"""LL111 function-name-invalid (docs: rules/catalog/LL111.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.names import violations
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known, Unknown


@check("LL111", on=Function, group=True)
def function_name_invalid(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    rule = limits().function_name
    values = fn.name.written_values()
    for value in values:
        if isinstance(value, Known):
            for why in violations(value.value, rule):
                yield ctx.finding(
                    f"FunctionName {value.value!r} of {FUNCTIONS} {why}{value.explain()}",
                    at=value,
                    resource=fn.logical_id,
                )
    # ``!Sub '${AWS::StackName}-...'``: the text around the variables is known, and is
    # already too long or holds a character no name may have.
    if not values or not all(isinstance(v, Unknown) for v in values):
        return
    for value in values:
        if isinstance(value, Unknown) and value.literal is not None:
            for why in violations(value.literal, rule, partial=True):
                yield ctx.finding(
                    f"FunctionName of {FUNCTIONS} {why} (counting only the literal text of "
                    f"its Fn::Sub)",
                    at=value,
                    resource=fn.logical_id,
                    path=fn.name.site.path,
                )
