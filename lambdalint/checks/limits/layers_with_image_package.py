"""LL108 layers-with-image-package (docs: rules/catalog/LL108.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.layers import in_globals, surely_present
from lambdalint.checks.package import is_image
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known


@check("LL108", on=Function, group=True)
def layers_with_image_package(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    if not is_image(fn):
        return
    # SAM merges Globals Layers into image functions too (and then refuses them), unless
    # the function's IgnoreGlobals names Layers (the merge in source/globals.py honours it).
    if not any(
        surely_present(item)
        for layers in fn.layers.written_values()
        if isinstance(layers, Known)
        for item in layers.value
    ):
        return
    site = fn.layers.site
    hint = " (or add IgnoreGlobals: [Layers] to the image function)" if in_globals(site) else ""
    yield ctx.finding(
        f"Layers are set on container image (PackageType Image) {FUNCTIONS}; "
        f"layers work only with .zip packages, so build the layer content into "
        f"the container image{hint}",
        at=site,
        resource=fn.logical_id,
    )
