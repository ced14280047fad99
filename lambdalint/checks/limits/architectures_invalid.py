"""LL109 architectures-invalid (docs: rules/catalog/LL109.yaml).

It reads functions and layers, so it runs once per template (``on=None``); with ``group`` a
value written once (a parameter's AllowedValues) is still one finding naming every function.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lambdalint.checks.limits.layers import Item, in_globals, surely_present
from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function, LayerVersion
from lambdalint.model.values import Known


@check("LL109", group=True)
def architectures_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    for fn in graph.objects(Function):
        if ctx.deployed(fn):
            yield from _function(fn, ctx)
    for layer in graph.objects(LayerVersion):
        if ctx.deployed(layer):
            yield from _layer(layer, ctx)


def _unknown_values(
    ctx: CheckContext, items: Iterable[Item], owner: str, what: str
) -> Iterator[Finding]:
    valid = limits().architectures.values
    for item in items:
        for value in item.values:
            if not isinstance(value, Known) or value.value in valid:
                continue
            hint = did_you_mean(value.value.lower(), valid)
            yield ctx.finding(
                f"architecture {value.value!r} of {what} is not one Lambda supports "
                f"({' or '.join(valid)}){hint}{value.explain()}",
                at=value,
                resource=owner,
            )


def _function(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    arch = limits().architectures
    for items in fn.architectures.written_values():
        if not isinstance(items, Known):
            continue
        present = [item for item in items.value if surely_present(item)]
        yield from _unknown_values(ctx, present, fn.logical_id, FUNCTIONS)
        if len(present) == arch.function_items:
            continue
        from_globals = sum(1 for item in present if in_globals(item.site))
        # SAM prepends Globals list entries to the function's own: two architectures.
        origin = (
            f" ({from_globals} from Globals, which SAM adds to the function's)"
            if 0 < from_globals < len(present)
            else ""
        )
        yield ctx.finding(
            f"Architectures of {FUNCTIONS} lists {len(present)} values{origin}; Lambda takes "
            f"exactly {arch.function_items} ({' or '.join(arch.values)}; "
            f"{arch.default} when Architectures is omitted)",
            at=fn.architectures.site,
            resource=fn.logical_id,
        )


def _layer(layer: LayerVersion, ctx: CheckContext) -> Iterator[Finding]:
    arch = limits().architectures
    for items in layer.compatible_architectures.written_values():
        if not isinstance(items, Known):
            continue
        what = f"layer {layer.logical_id}"
        yield from _unknown_values(ctx, items.value, layer.logical_id, what)
        if len(items.value) > arch.layer_max_items:
            yield ctx.finding(
                f"CompatibleArchitectures of layer {layer.logical_id} lists "
                f"{len(items.value)} values; Lambda accepts at most {arch.layer_max_items}",
                at=items.value[arch.layer_max_items].site,
                resource=layer.logical_id,
            )
