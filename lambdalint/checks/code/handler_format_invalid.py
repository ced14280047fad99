"""LL216 handler-format-invalid (docs: rules/catalog/LL216.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.code.locate import language_of


@cache
def _formats() -> dict[str, tuple[re.Pattern[str], str]]:
    rows = load_data("facts/code.yaml")["handler_formats"]
    return {k: (re.compile(v["pattern"]), v["shape"]) for k, v in rows.items()}


@check("LL216", on=None)
def handler_format_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.code is None:
        return
    for fn in ctx.code.functions:
        # Empty or whitespace handlers are LL203's and LL112's.
        if not fn.handler or fn.handler_node is None or any(c.isspace() for c in fn.handler):
            continue
        family = language_of(fn.runtime)
        rule = _formats().get(family or "")
        if rule is None:  # custom runtimes: bootstrap decides
            continue
        pattern, shape = rule
        if not pattern.match(fn.handler):
            yield ctx.finding(
                f"Handler {fn.handler!r} does not have the shape {fn.runtime} requires: "
                f"{shape}; every invocation fails",
                at=fn.handler_node,
                resource=fn.logical_id,
            )
