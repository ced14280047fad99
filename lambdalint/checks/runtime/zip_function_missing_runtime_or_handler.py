"""LL203 zip-function-missing-runtime-or-handler (docs: rules/catalog/LL203.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    is_zip,
    properties_site,
    property_site,
    report,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function
from lambdalint.source.intrinsics import NO_VALUE, Candidate


@check("LL203")
def zip_function_missing_runtime_or_handler(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _hint(fn: Function) -> str:
    # An image URI on a function without PackageType: the real fix is PackageType Image.
    if fn.image_uri is not None:
        return (
            "; it sets an image URI but no PackageType, and the package type defaults to "
            "Zip: add PackageType: Image"
        )
    return ""


def _absent(cand: Candidate) -> str | None:
    """How a value leaves the property unset, or None when it is set (or unknown)."""
    if cand.value is NO_VALUE:
        return "can be AWS::NoValue"
    if cand.is_known and (cand.value is None or cand.value == ""):
        # An empty YAML value or "" is no value at all; SAM and Lambda both refuse it.
        return "is empty"
    return None


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    for fn in deployed_functions(graph, ctx):
        if not is_zip(fn, ctx):
            continue
        for name, node in (("Runtime", fn.runtime), ("Handler", fn.handler)):
            if node is None:
                loc, path = properties_site(ctx, fn)
                yield Problem(
                    loc,
                    fn.logical_id,
                    f"{FUNCTIONS} is a .zip function (PackageType Zip is the "
                    f"default) without {name}; Lambda requires Runtime and Handler "
                    f"for .zip packages{_hint(fn)}",
                    path=path,
                )
                continue
            for cand in ctx.candidates(node):
                how = _absent(cand)
                if how is None:
                    continue
                message = (
                    f"{FUNCTIONS} is a .zip function whose {name} {how}; Lambda "
                    f"requires Runtime and Handler for .zip packages{_hint(fn)}"
                    f"{cand.explain()}"
                )
                if cand.value is None:
                    # An empty YAML value has no text to point at: point at its key.
                    loc, path = property_site(ctx, fn, name)
                    yield Problem(loc, fn.logical_id, message, path=path)
                else:
                    yield Problem(
                        cand, fn.logical_id, message, path=ctx.template.path_of(node) or None
                    )
