"""LL101 memory-size-out-of-range (docs: rules/catalog/LL101.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Invalid, Known


@check("LL101", on=Function, group=True)
def memory_size_out_of_range(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    memory = limits().memory_size
    managed = fn.may_use_capacity_provider
    upper = memory.upper(managed)
    for value in fn.memory_size.written_values():
        if isinstance(value, Invalid):
            message = f"MemorySize {value.shown()} of {FUNCTIONS} is not a whole number of MB"
        elif not isinstance(value, Known):
            continue
        elif value.value < memory.min:
            message = (
                f"MemorySize {value.value} MB of {FUNCTIONS} is below the minimum {memory.min} MB"
            )
        elif value.value > upper:
            if managed or memory.max_with_capacity_provider is None:
                hint = ""
            else:
                hint = (
                    f"; up to {memory.max_with_capacity_provider} MB is possible only "
                    f"for Lambda Managed Instances functions (CapacityProviderConfig)"
                )
            message = (
                f"MemorySize {value.value} MB of {FUNCTIONS} is above the maximum {upper} MB{hint}"
            )
        else:
            continue
        yield ctx.finding(message + value.explain(), at=value, resource=fn.logical_id)
