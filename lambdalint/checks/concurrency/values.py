"""Reading concurrency settings once per template: the reserved concurrency of each deployed
function."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.checks.delivery.sites import deployed_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Site


@dataclass(frozen=True)
class Reserved:
    fn: Function
    value: int
    # Where the value is written (the function's property or the Globals line).
    site: Site


def finding_at(ctx: CheckContext, message: str, site: Site, resource: str) -> Finding:
    """A finding at the value of a setting, as written."""
    return ctx.finding(message, at=site.value or site.loc, path=site.path, resource=resource)


def reserved(ctx: CheckContext) -> list[Reserved]:
    """Functions whose reserved concurrency is one known number (unknown ones are left out)."""
    functions = [f for f in deployed_functions(ctx.graph, ctx) if f.reserved_concurrency]
    if not functions:
        return []  # nothing reserved: the model is not even imported
    from lambdalint.semantics.adapter.values import integer

    out = []
    for fn in functions:
        value = integer(fn.reserved_concurrency, "ReservedConcurrentExecutions")
        if isinstance(value, int):
            out.append(Reserved(fn, value, fn.reserved_concurrency.site))
    return out
