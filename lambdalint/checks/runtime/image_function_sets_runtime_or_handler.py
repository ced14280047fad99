"""LL204 image-function-sets-runtime-or-handler (docs: rules/catalog/LL204.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    is_image,
    local_property,
    present,
    report,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

_ADVICE = {
    "Runtime": "the image's base brings the runtime, so remove Runtime",
    "Handler": "set the entry point with ImageConfig.Command instead",
}


@check("LL204")
def image_function_sets_runtime_or_handler(graph: LambdaGraph,
                                           ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    for fn in deployed_functions(graph, ctx):
        if not is_image(fn, ctx):
            continue
        # Only values written on the function itself: whether SAM applies a Globals Runtime or
        # Handler to an image function is not documented, so Globals values are not judged.
        for name in ("Runtime", "Handler"):
            node = local_property(ctx, fn, name)
            if node is None or not any(present(c) for c in ctx.candidates(node)):
                continue
            yield Problem(node, fn.logical_id,
                          f"{FUNCTIONS} has PackageType Image and sets {name}, which Lambda "
                          f"rejects for container images: {_ADVICE[name]}")
