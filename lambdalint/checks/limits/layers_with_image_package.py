"""LL108 layers-with-image-package (docs: rules/catalog/LL108.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.layers import surely_present
from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    is_image,
    local_property,
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
        # Only layers written on the function itself: whether SAM applies Globals Layers to an
        # image function is not documented, so a Globals list is not judged here.
        layers = local_property(ctx, fn, "Layers")
        if not any(surely_present(ctx, item)
                   for items in sequence_items(ctx, layers) for item in items):
            continue
        loc, path = property_site(ctx, fn, "Layers")
        yield Problem(loc, fn.logical_id,
                      f"{FUNCTIONS} has PackageType Image and Layers; layers work only with "
                      f".zip packages, so build the layer content into the container image",
                      path=path)
