"""LL112 handler-invalid (docs: rules/catalog/LL112.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.names import violations
from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, present, report
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph


@check("LL112")
def handler_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    rule = limits().handler
    for fn in deployed_functions(graph, ctx):
        for cand in ctx.candidates(fn.handler):
            # An empty Handler is LL203's (a .zip function without one).
            if not present(cand) or not isinstance(cand.value, str) or not cand.value:
                continue
            for why in violations(cand.value, rule):
                yield Problem(
                    cand,
                    fn.logical_id,
                    f"Handler {cand.value!r} of {FUNCTIONS} {why}{cand.explain()}",
                )
