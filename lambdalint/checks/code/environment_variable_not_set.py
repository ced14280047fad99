"""LL209 environment-variable-not-set (docs: rules/catalog/LL209.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, code_place, read_by_runtime, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL209", on=None)
def environment_variable_not_set(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        if fn.env is None:  # Environment computed: its names are unknown
            continue
        reported: set[str] = set()
        for read in analysis.env_reads:
            name = read.name
            # Only reads that run for this handler: a module shared by several handlers reads
            # other variables in the other handlers.
            if (
                not read.reached
                or read.has_default
                or name in fn.env
                or name in reported
                or read_by_runtime(name)
            ):
                continue
            reported.add(name)
            python = read.at.file.endswith(".py")
            effect = (
                "raises KeyError" if python else "is undefined, and whatever uses it gets nothing"
            )
            yield ctx.finding(
                f"{code_place(fn, str(read.at))} reads environment variable {name!r} without a "
                f"default, but function {fn.logical_id} does not set it: the read {effect}",
                at=fn.env_node if fn.env_node is not None else anchor(fn),
                resource=fn.logical_id,
            )
