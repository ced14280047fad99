"""LL601 provisioned-concurrency-above-reserved (docs: rules/catalog/LL601.yaml).

Every value the function's reserved concurrency may take against every value of provisioned
concurrency configured for it (on the function, an alias or a version), joined only where the
two can be deployed together (``semantics.adapter.joint``): a branch of a condition is a
deployment of its own."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import deployed_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.base import Model
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.values import Field, Known, explain


@check("LL601")
def provisioned_concurrency_above_reserved(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    functions = [f for f in deployed_functions(graph, ctx) if f.reserved_concurrency]
    if not functions:
        return
    from lambdalint.semantics.adapter.joint import combinations, given
    from lambdalint.semantics.concurrency import provisioned_above_reserved

    for fn in functions:
        for field, owner in _provisioned(graph, fn):
            pairs = ((fn.reserved_concurrency, given((fn,))), (field, given((fn, owner))))
            seen: set[tuple[object, ...]] = set()
            for (reserved, pc), chosen in combinations(ctx, pairs):
                if not isinstance(reserved, Known) or not isinstance(pc, Known):
                    continue
                r, p = _whole(reserved.value), _whole(pc.value)
                if r is None or p is None or not provisioned_above_reserved(p, r):
                    continue
                why = explain((*reserved.via, *pc.via), chosen)
                key = (pc.loc, r, p, why)
                if key in seen:
                    continue
                seen.add(key)
                yield ctx.finding(
                    f"provisioned concurrency {p} of {fn.logical_id} is above its reserved "
                    f"concurrency {r}; provisioned concurrency counts toward the reserved "
                    f"concurrency and cannot exceed it{why}",
                    at=pc,
                    resource=fn.logical_id,
                )


def _provisioned(graph: LambdaGraph, fn: Model) -> Iterator[tuple[Field[int], Model]]:
    """Each provisioned concurrency setting of ``fn`` with the resource it is written on."""
    from lambdalint.model.lambda_ import Function

    assert isinstance(fn, Function)
    # SAM's alias and version carry the function's setting: the same field, seen once.
    owners: list[tuple[Field[int], Model]] = [(fn.provisioned_concurrency, fn)]
    owners += [(a.provisioned_concurrency, a) for a in graph.aliases_of(fn)]
    owners += [(v.provisioned_concurrency, v) for v in graph.versions_of(fn)]
    seen: set[int] = set()
    for field, owner in owners:
        if field.written and id(field) not in seen:
            seen.add(id(field))
            yield field, owner


def _whole(value: object) -> int | None:
    from lambdalint.source.intrinsics import as_number

    number = as_number(value)
    return int(number) if number is not None and number == int(number) else None
