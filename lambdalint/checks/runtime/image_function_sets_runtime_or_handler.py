"""LL204 image-function-sets-runtime-or-handler (docs: rules/catalog/LL204.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    in_globals,
    is_image,
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
def image_function_sets_runtime_or_handler(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    for fn in deployed_functions(graph, ctx):
        if not is_image(fn, ctx):
            continue
        for name, node in (("Runtime", fn.runtime), ("Handler", fn.handler)):
            if node is None:
                continue
            # SAM merges Globals into every AWS::Serverless::Function, image ones included, and
            # then refuses them ("Runtime, Handler, Layers cannot be present when PackageType is
            # of type Image"), unless the function's IgnoreGlobals names the property (the merge
            # in source/globals.py honours it, so such a value never gets here).
            from_globals = in_globals(ctx, node)
            # An empty string sets nothing (SAM tests truthiness), so it is not reported.
            if not any(present(c) and c.value != "" for c in ctx.candidates(node)):
                continue
            advice = _ADVICE[name]
            if from_globals:
                advice += (
                    f" (it comes from Globals: move it to the .zip functions or add "
                    f"IgnoreGlobals: [{name}] to the image function)"
                )
            yield Problem(
                node,
                fn.logical_id,
                f"{name} is set on container image (PackageType Image) {FUNCTIONS}; "
                f"Lambda rejects it for container images: {advice}",
            )
