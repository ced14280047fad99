"""LL216 handler-format-invalid (docs: rules/catalog/LL216.yaml). A handler-string rule: it
needs no code, so it reads the model like LL112 and never triggers the code step."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known

# Runtime identifier prefixes by handler family (custom runtimes, provided.*, are not checked:
# their bootstrap reads the handler).
_FAMILIES = ("python", "nodejs", "java", "dotnet", "ruby")


@cache
def _formats() -> dict[str, tuple[re.Pattern[str], str]]:
    rows = load_data("facts/code.yaml")["handler_formats"]
    return {k: (re.compile(v["pattern"]), v["shape"]) for k, v in rows.items()}


@check("LL216", on=Function, group=True)
def handler_format_invalid(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    runtimes = {v.value for v in fn.runtime.written_values() if isinstance(v, Known)}
    families = {f for r in runtimes for f in _FAMILIES if r.startswith(f)}
    if len(families) != 1 or len(runtimes) != 1 or not fn.runtime.fully_known:
        return  # unknown, or a runtime that differs by condition
    (family,) = families
    (runtime,) = runtimes
    pattern, shape = _formats()[family]
    for value in fn.handler.written_values():
        # Empty or whitespace handlers are LL203's and LL112's.
        if not isinstance(value, Known) or not value.value:
            continue
        if any(c.isspace() for c in value.value) or pattern.match(value.value):
            continue
        yield ctx.finding(
            f"Handler {value.value!r} of {FUNCTIONS} does not have the shape {runtime} requires: "
            f"{shape}; every invocation fails{value.explain()}",
            at=value,
            resource=fn.logical_id,
        )
