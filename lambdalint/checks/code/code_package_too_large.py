"""LL214 code-package-too-large (docs: rules/catalog/LL214.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL214", on=None)
def code_package_too_large(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.code is None:
        return
    limit = int(load_data("facts/code.yaml")["package"]["unzipped_max_bytes"])
    for fn in ctx.code.functions:
        # Sizes are exact only for archives (their central directory); a folder's deployed size
        # depends on the build. Layers given by ARN add an unknown size, so this is a lower bound.
        own = fn.site.unzipped_bytes
        if own is None:
            continue
        layers = [
            (lid, ctx.code.layer_sizes[lid]) for lid in fn.layer_refs if lid in ctx.code.layer_sizes
        ]
        total = own + sum(size for _, size in layers)
        if total <= limit:
            continue
        parts = f"{fn.site.shown} {own:,} bytes" + "".join(
            f" + layer {lid} {n:,}" for lid, n in layers
        )
        yield ctx.finding(
            f"function {fn.logical_id} unzips to {total:,} bytes ({parts}); Lambda allows "
            f"{limit:,} bytes (250 MB) unzipped, layers included, and rejects the deployment",
            at=fn.code_node,
            resource=fn.logical_id,
        )
