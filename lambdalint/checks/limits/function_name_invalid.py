"""LL111 function-name-invalid (docs: rules/catalog/LL111.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.names import sub_literal, violations
from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, present, report
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph


@check("LL111")
def function_name_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    rule = limits().function_name
    for fn in deployed_functions(graph, ctx):
        node = fn.function_name
        if node is None:
            continue
        cands = ctx.candidates(node)
        for cand in cands:
            if present(cand) and isinstance(cand.value, str):
                for why in violations(cand.value, rule):
                    yield Problem(
                        cand,
                        fn.logical_id,
                        f"FunctionName {cand.value!r} of {FUNCTIONS} {why}{cand.explain()}",
                    )
        # ``!Sub '${AWS::StackName}-...'``: the text around the variables is known, and is
        # already too long or holds a character no name may have.
        literal = sub_literal(node)
        if literal is not None and not any(c.is_known for c in cands):
            for why in violations(literal, rule, partial=True):
                yield Problem(
                    node,
                    fn.logical_id,
                    f"FunctionName of {FUNCTIONS} {why} (counting only the literal text of "
                    f"its Fn::Sub)",
                )
