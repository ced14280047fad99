"""LL110 package-type-invalid (docs: rules/catalog/LL110.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, present, report
from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph


@check("LL110")
def package_type_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    valid = limits().package_type.values
    for fn in deployed_functions(graph, ctx):
        for cand in ctx.candidates(fn.package_type):
            if not present(cand) or cand.value in valid:
                continue
            shown = cand.value if isinstance(cand.value, str) else str(cand.value).lower()
            hint = did_you_mean(shown.capitalize(), valid)
            yield Problem(
                cand,
                fn.logical_id,
                f"PackageType {shown!r} of {FUNCTIONS} is neither {' nor '.join(valid)} "
                f"(spelled exactly so){hint}{cand.explain()}",
            )
