"""Reading concurrency settings once per template: reserved concurrency of each deployed function
and provisioned concurrency wherever it is configured (function, alias, version)."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.checks.delivery.sites import deployed_functions, sub
from lambdalint.engine.context import CheckContext
from lambdalint.model.lambda_ import Function
from lambdalint.source.nodes import Node


@dataclass(frozen=True)
class Reserved:
    fn: Function
    value: int
    node: Node


def reserved(ctx: CheckContext) -> list[Reserved]:
    """Functions whose reserved concurrency is one known number (unknown ones are left out)."""
    prop = "ReservedConcurrentExecutions"
    functions = [
        f for f in deployed_functions(ctx.graph, ctx) if f.properties.get(prop) is not None
    ]
    if not functions:
        return []  # nothing reserved: the model is not even imported
    from lambdalint.semantics.from_model import Reader

    reader = Reader(ctx)
    out = []
    for fn in functions:
        node = fn.properties.get(prop)
        value = reader.integer(node, prop)
        if isinstance(value, int) and node is not None:
            out.append(Reserved(fn, value, node))
    return out


def provisioned(ctx: CheckContext, fn: Function) -> list[tuple[int, Node]]:
    """Known provisioned concurrency values configured for ``fn`` and where they are written."""
    from lambdalint.semantics.from_model import Reader

    reader = Reader(ctx)
    # SAM's alias and version carry the function's properties: the same node, seen once.
    models = [fn, *ctx.graph.aliases_of(fn), *ctx.graph.versions_of(fn)]
    nodes = [m.properties.get("ProvisionedConcurrencyConfig") for m in models]
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
