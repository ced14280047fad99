"""LL102 timeout-out-of-range (docs: rules/catalog/LL102.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Invalid, Known


@check("LL102", on=Function, group=True)
def timeout_out_of_range(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    timeout = limits().timeout
    upper = timeout.upper(fn.may_use_capacity_provider)
    for value in fn.timeout.written_values():
        if isinstance(value, Invalid):
            message = f"Timeout {value.shown()} of {FUNCTIONS} is not a whole number of seconds"
        elif not isinstance(value, Known):
            continue
        elif value.value < timeout.min:
            message = f"Timeout {value.value} s of {FUNCTIONS} is below the minimum {timeout.min} s"
        elif value.value > upper:
            # Work longer than one invocation belongs in an orchestrator, not a longer timeout.
            message = (
                f"Timeout {value.value} s of {FUNCTIONS} is above the maximum {upper} s "
                f"({upper // 60} minutes); split longer work into steps with AWS Step "
                f"Functions or Lambda durable functions"
            )
        else:
            continue
        yield ctx.finding(message + value.explain(), at=value, resource=fn.logical_id)
