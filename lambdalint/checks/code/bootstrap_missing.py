"""LL217 bootstrap-missing (docs: rules/catalog/LL217.yaml)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL217", on=None)
def bootstrap_missing(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.code is None:
        return
    name = load_data("facts/code.yaml")["custom_runtime"]["bootstrap"]
    for fn in ctx.code.functions:
        if not (fn.runtime or "").startswith("provided") or fn.has_layers:
            continue  # a layer may provide the runtime (/opt/bootstrap)
        kind = fn.site.kind.value
        if kind == "archive":
            present = name in fn.site.entries
        elif kind == "directory" and fn.site.build is None:
            # Without a BuildMethod the folder is packaged as it is.
            present = os.path.isfile(os.path.join(fn.site.path, name))
        else:
            continue
        if not present:
            yield ctx.finding(
                f"function {fn.logical_id} uses the custom runtime {fn.runtime}, but "
                f"{fn.site.shown} has no '{name}' at its top: Lambda has nothing to start "
                "(Runtime.InvalidEntrypoint); build it there or set Metadata BuildMethod",
                at=fn.code_node,
                resource=fn.logical_id,
            )
