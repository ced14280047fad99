"""LL108 layers-with-image-package (docs: rules/catalog/LL108.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.layers import surely_present
from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    is_image,
    property_site,
    report,
    sequence_items,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


@check("LL108")
def layers_with_image_package(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    for fn in deployed_functions(graph, ctx):
        if not is_image(fn, ctx):
            continue
        # SAM merges Globals Layers into image functions too (and then refuses them), unless
        # the function's IgnoreGlobals names Layers (the merge in source/globals.py honours it).
        if not any(
            surely_present(ctx, item) for items in sequence_items(ctx, fn.layers) for item in items
        ):
            continue
        loc, path = property_site(ctx, fn, "Layers")
        hint = (
            " (or add IgnoreGlobals: [Layers] to the image function)"
            if path[:1] == ("Globals",)
            else ""
        )
        yield Problem(
            loc,
            fn.logical_id,
            f"Layers are set on container image (PackageType Image) {FUNCTIONS}; "
            f"layers work only with .zip packages, so build the layer content into "
            f"the container image{hint}",
            path=path,
        )
