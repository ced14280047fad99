"""Reading concurrency settings once per template: reserved concurrency of each deployed function
and provisioned concurrency wherever it is configured (function, alias, version)."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.checks.delivery.sites import deployed_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Field, Site


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


def provisioned(ctx: CheckContext, fn: Function) -> list[tuple[int, Site]]:
    """Known provisioned concurrency values configured for ``fn`` and where they are written."""
    from lambdalint.semantics.adapter.values import integer

    # SAM's alias and version carry the function's setting: the same field, seen once.
    fields: list[Field[int]] = [fn.provisioned_concurrency]
    fields += [a.provisioned_concurrency for a in ctx.graph.aliases_of(fn)]
    fields += [v.provisioned_concurrency for v in ctx.graph.versions_of(fn)]
    out: list[tuple[int, Site]] = []
    seen: set[int] = set()
    for field in fields:
        if not field.written or id(field) in seen:
            continue
        seen.add(id(field))
        value = integer(field, "ProvisionedConcurrentExecutions")
        if isinstance(value, int):
            out.append((value, field.site))
    return out
