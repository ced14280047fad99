"""LL216 handler-format-invalid (docs: rules/catalog/LL216.yaml). A handler-string rule: it
needs no code, so it reads the model like LL112 and never triggers the code step."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, present, report
from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

# Runtime identifier prefixes by handler family (custom runtimes, provided.*, are not checked:
# their bootstrap reads the handler).
_FAMILIES = ("python", "nodejs", "java", "dotnet", "ruby")


@cache
def _formats() -> dict[str, tuple[re.Pattern[str], str]]:
    rows = load_data("facts/code.yaml")["handler_formats"]
    return {k: (re.compile(v["pattern"]), v["shape"]) for k, v in rows.items()}


@check("LL216")
def handler_format_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    for fn in deployed_functions(graph, ctx):
        runtimes = {
            c.value for c in ctx.candidates(fn.runtime) if present(c) and isinstance(c.value, str)
        }
        families = {f for r in runtimes for f in _FAMILIES if r.startswith(f)}
        if len(families) != 1 or len(runtimes) != 1:
            continue  # unknown, or a runtime that differs by condition
        (family,) = families
        (runtime,) = runtimes
        pattern, shape = _formats()[family]
        for cand in ctx.candidates(fn.handler):
            value = cand.value
            # Empty or whitespace handlers are LL203's and LL112's.
            if not present(cand) or not isinstance(value, str) or not value:
                continue
            if any(c.isspace() for c in value) or pattern.match(value):
                continue
            yield Problem(
                cand,
                fn.logical_id,
                f"Handler {value!r} of {FUNCTIONS} does not have the shape {runtime} requires: "
                f"{shape}; every invocation fails{cand.explain()}",
            )
