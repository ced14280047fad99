"""LL101 memory-size-out-of-range (docs: rules/catalog/LL101.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.numbers import shown, whole_numbers
from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    has_capacity_provider,
    report,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph


@check("LL101")
def memory_size_out_of_range(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    memory = limits().memory_size
    for fn in deployed_functions(graph, ctx):
        managed = has_capacity_provider(fn, ctx)
        upper = memory.upper(managed)
        for cand, mb in whole_numbers(ctx, fn.memory_size):
            if mb is None:
                message = (
                    f"MemorySize {shown(cand)} of {FUNCTIONS} is not a whole number of MB"
                    f"{cand.explain()}"
                )
            elif mb < memory.min:
                message = (
                    f"MemorySize {mb} MB of {FUNCTIONS} is below the minimum "
                    f"{memory.min} MB{cand.explain()}"
                )
            elif mb > upper:
                if managed or memory.max_with_capacity_provider is None:
                    hint = ""
                else:
                    hint = (
                        f"; up to {memory.max_with_capacity_provider} MB is possible only "
                        f"for Lambda Managed Instances functions (CapacityProviderConfig)"
                    )
                message = (
                    f"MemorySize {mb} MB of {FUNCTIONS} is above the maximum {upper} MB"
                    f"{hint}{cand.explain()}"
                )
            else:
                continue
            yield Problem(cand, fn.logical_id, message)
