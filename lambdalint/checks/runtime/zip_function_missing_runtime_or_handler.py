"""LL203 zip-function-missing-runtime-or-handler (docs: rules/catalog/LL203.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    is_zip,
    properties_site,
    report,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.source.intrinsics import NO_VALUE


@check("LL203")
def zip_function_missing_runtime_or_handler(graph: LambdaGraph,
                                            ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    for fn in deployed_functions(graph, ctx):
        if not is_zip(fn, ctx):
            continue
        for name, node in (("Runtime", fn.runtime), ("Handler", fn.handler)):
            if node is None:
                loc, path = properties_site(ctx, fn)
                yield Problem(loc, fn.logical_id,
                              f"{FUNCTIONS} is a .zip function (PackageType Zip is the "
                              f"default) without {name}; Lambda requires Runtime and Handler "
                              f"for .zip packages", path=path)
                continue
            for cand in ctx.candidates(node):
                if cand.value is NO_VALUE:
                    yield Problem(cand, fn.logical_id,
                                  f"{FUNCTIONS} is a .zip function whose {name} can be "
                                  f"AWS::NoValue; Lambda requires Runtime and Handler for .zip "
                                  f"packages{cand.explain()}",
                                  path=ctx.template.path_of(node) or None)
