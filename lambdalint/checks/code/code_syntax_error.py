"""LL215 code-syntax-error (docs: rules/catalog/LL215.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, code_place, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL215", on=None)
def code_syntax_error(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        for problem in analysis.syntax_errors:
            at = problem.at
            yield ctx.finding(
                f"{code_place(fn, at.file)}:{at.line}:{at.col}: {problem.message}; the module "
                "fails to load, so every invocation that loads it fails",
                at=anchor(fn),
                resource=fn.logical_id,
            )
