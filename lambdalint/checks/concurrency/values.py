"""Reading concurrency settings once per template: reserved concurrency of each deployed function
and provisioned concurrency wherever it is configured (function, alias, version)."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.checks.reach import deployed_functions
from lambdalint.engine.context import CheckContext
from lambdalint.model.fields import sub
from lambdalint.model.lambda_ import Function
from lambdalint.source.nodes import Node


@dataclass(frozen=True)
class Reserved:
    fn: Function
    value: int
    node: Node


def reserved(ctx: CheckContext) -> list[Reserved]:
    """Functions whose reserved concurrency is one known number (unknown ones are left out)."""
    functions = [
        f for f in deployed_functions(ctx.graph, ctx) if f.reserved_concurrency is not None
    ]
    if not functions:
        return []  # nothing reserved: the model is not even imported
    from lambdalint.semantics.from_model import Reader

    reader = Reader(ctx)
    out = []
    for fn in functions:
        value = reader.integer(fn.reserved_concurrency, "ReservedConcurrentExecutions")
        if isinstance(value, int) and fn.reserved_concurrency is not None:
            out.append(Reserved(fn, value, fn.reserved_concurrency))
    return out


def provisioned(ctx: CheckContext, fn: Function) -> list[tuple[int, Node]]:
    """Known provisioned concurrency values configured for ``fn`` and where they are written."""
    from lambdalint.semantics.from_model import Reader

    reader = Reader(ctx)
    nodes = [fn.provisioned_concurrency]
    nodes += [a.provisioned_concurrency for a in ctx.graph.aliases_of(fn)]
    nodes += [v.provisioned_concurrency for v in ctx.graph.versions_of(fn)]
    out: list[tuple[int, Node]] = []
    seen: set[int] = set()
    for config in nodes:
        node = sub(config, "ProvisionedConcurrentExecutions")
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        value = reader.integer(node, "ProvisionedConcurrentExecutions")
        if isinstance(value, int):
            out.append((value, node))
    return out
