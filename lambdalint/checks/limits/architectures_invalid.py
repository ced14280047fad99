"""LL109 architectures-invalid (docs: rules/catalog/LL109.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.layers import surely_present
from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    in_globals,
    property_site,
    report,
    sequence_items,
)
from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import LayerVersion
from lambdalint.source.nodes import Node


@check("LL109")
def architectures_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _unknown_values(
    ctx: CheckContext, items: list[Node], owner: str, what: str
) -> Iterator[Problem]:
    valid = limits().architectures.values
    for item in items:
        for cand in ctx.candidates(item):
            if not cand.is_known or not isinstance(cand.value, str) or cand.value in valid:
                continue
            hint = did_you_mean(cand.value.lower(), valid)
            yield Problem(
                cand,
                owner,
                f"architecture {cand.value!r} of {what} is not one Lambda supports "
                f"({' or '.join(valid)}){hint}{cand.explain()}",
            )


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    arch = limits().architectures
    for fn in deployed_functions(graph, ctx):
        if fn.architectures is None:
            continue
        for items in sequence_items(ctx, fn.architectures):
            present = [item for item in items if surely_present(ctx, item)]
            yield from _unknown_values(ctx, present, fn.logical_id, FUNCTIONS)
            if len(present) == arch.function_items:
                continue
            loc, path = property_site(ctx, fn, "Architectures")
            from_globals = sum(1 for item in present if in_globals(ctx, item))
            # SAM prepends Globals list entries to the function's own: two architectures.
            origin = (
                f" ({from_globals} from Globals, which SAM adds to the function's)"
                if 0 < from_globals < len(present)
                else ""
            )
            yield Problem(
                loc,
                fn.logical_id,
                f"Architectures of {FUNCTIONS} lists {len(present)} values{origin}; Lambda takes "
                f"exactly {arch.function_items} ({' or '.join(arch.values)}; "
                f"{arch.default} when Architectures is omitted)",
                path=path,
            )
    for layer in graph.objects(LayerVersion):
        for items in sequence_items(ctx, layer.compatible_architectures):
            yield from _unknown_values(ctx, items, layer.logical_id, f"layer {layer.logical_id}")
            if len(items) > arch.layer_max_items:
                yield Problem(
                    items[arch.layer_max_items],
                    layer.logical_id,
                    f"CompatibleArchitectures of layer {layer.logical_id} lists {len(items)} "
                    f"values; Lambda accepts at most {arch.layer_max_items}",
                )
