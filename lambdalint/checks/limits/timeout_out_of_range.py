"""LL102 timeout-out-of-range (docs: rules/catalog/LL102.yaml)."""

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


@check("LL102")
def timeout_out_of_range(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    timeout = limits().timeout
    for fn in deployed_functions(graph, ctx):
        managed = has_capacity_provider(fn, ctx)
        upper = timeout.upper(managed)
        for cand, seconds in whole_numbers(ctx, fn.timeout):
            if seconds is None:
                message = (
                    f"Timeout {shown(cand)} of {FUNCTIONS} is not a whole number of "
                    f"seconds{cand.explain()}"
                )
            elif seconds < timeout.min:
                message = (
                    f"Timeout {seconds} s of {FUNCTIONS} is below the minimum "
                    f"{timeout.min} s{cand.explain()}"
                )
            elif seconds > upper:
                # Work longer than one invocation belongs in an orchestrator, not a longer timeout.
                message = (
                    f"Timeout {seconds} s of {FUNCTIONS} is above the maximum {upper} s "
                    f"({upper // 60} minutes); split longer work into steps with AWS Step "
                    f"Functions or Lambda durable functions{cand.explain()}"
                )
            else:
                continue
            yield Problem(cand, fn.logical_id, message)
