"""LL107 too-many-layers (docs: rules/catalog/LL107.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.layers import explain, most_present
from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    in_globals,
    property_site,
    report,
    sequence_items,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph


@check("LL107")
def too_many_layers(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    most = limits().layers.max
    for fn in deployed_functions(graph, ctx):
        for layer_list in sequence_items(ctx, fn.layers):
            present, choice = most_present(ctx, layer_list)
            if len(present) <= most:
                continue
            from_globals = sum(1 for item in present if in_globals(ctx, item))
            origin = f" ({from_globals} from Globals)" if from_globals else ""
            loc, path = property_site(ctx, fn, "Layers")
            yield Problem(
                loc,
                fn.logical_id,
                f"{len(present)} layers{origin} reach {FUNCTIONS}; Lambda allows at "
                f"most {most} per function{explain(choice)}",
                path=path,
            )
