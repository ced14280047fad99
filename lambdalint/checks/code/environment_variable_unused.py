"""LL210 environment-variable-unused (docs: rules/catalog/LL210.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import (
    handler_found,
    is_inline,
    read_by_runtime,
    read_functions,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping


@check("LL210", on=None)
def environment_variable_unused(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        # "Never read" needs every reachable file read and no dynamic access to the environment.
        if not fn.env or not analysis.env_complete or not handler_found(analysis):
            continue
        if is_inline(fn):
            continue  # inline code is often a placeholder the deployment replaces
        # Reads another handler's functions make (a shared module) do not count; reads that
        # may run for this handler do.
        read = {r.name for r in analysis.env_reads if not r.unreached}
        variables = fn.env_node
        for name, value in fn.env.items():
            if name in read or read_by_runtime(name):
                continue
            at = variables.key_loc(name) if isinstance(variables, Mapping) else value.loc
            yield ctx.finding(
                f"environment variable {name!r} is set but the code of function "
                f"{fn.logical_id} never reads it (read: {', '.join(sorted(read)) or 'none'})",
                at=at,
                resource=fn.logical_id,
                path=ctx.template.path_of(value),
            )
