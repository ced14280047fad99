"""LL205 layer-incompatible (docs: rules/catalog/LL205.yaml).

A layer's CompatibleRuntimes / CompatibleArchitectures are what its publisher declares; Lambda
uses them for filtering and does not refuse the combination, so a mismatch is a warning: the
layer's code (native libraries, a language-version-specific package) may fail to load.
"""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.reach import (
    FUNCTIONS,
    Problem,
    deployed_functions,
    known_strings,
    may_be_zip,
    report,
    sequence_items,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function, LayerVersion
from lambdalint.model.refs import references
from lambdalint.source.intrinsics import Candidate
from lambdalint.source.nodes import Node

DEFAULT_ARCHITECTURE = "x86_64"


@check("LL205")
def layer_incompatible(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _layer_refs(
    graph: LambdaGraph, ctx: CheckContext, fn: Function
) -> Iterator[tuple[Node, LayerVersion]]:
    """(the Layers item that names it, the layer) for layers defined in this template."""
    seen: set[tuple[int, str]] = set()
    for layer_list in sequence_items(ctx, fn.layers):
        for item in layer_list:
            for target, _ in references(item):
                layer = graph.get(target)
                if isinstance(layer, LayerVersion) and (id(item), target) not in seen:
                    seen.add((id(item), target))
                    yield item, layer


def _architectures(ctx: CheckContext, fn: Function) -> list[str] | None:
    if fn.architectures is None:
        return [DEFAULT_ARCHITECTURE]
    return known_strings(ctx, fn.architectures)


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    for fn in deployed_functions(graph, ctx):
        if not may_be_zip(fn, ctx):
            continue
        runtimes: list[Candidate] = [
            c for c in ctx.candidates(fn.runtime) if c.is_known and isinstance(c.value, str)
        ]
        arches = _architectures(ctx, fn)
        for item, layer in _layer_refs(graph, ctx, fn):
            allowed = known_strings(ctx, layer.compatible_runtimes)
            if allowed:
                for cand in runtimes:
                    if cand.value not in allowed:
                        yield Problem(
                            item,
                            fn.logical_id,
                            f"runtime {cand.value} of {FUNCTIONS} is not among the "
                            f"CompatibleRuntimes of layer {layer.logical_id} "
                            f"({', '.join(allowed)}); the layer's code may not load"
                            f"{cand.explain()}",
                        )
            allowed_arches = known_strings(ctx, layer.compatible_architectures)
            if allowed_arches and arches:
                for arch in arches:
                    if arch not in allowed_arches:
                        yield Problem(
                            item,
                            fn.logical_id,
                            f"architecture {arch} of {FUNCTIONS} is not among the "
                            f"CompatibleArchitectures of layer {layer.logical_id} "
                            f"({', '.join(allowed_arches)}); native code in the "
                            f"layer will not run",
                        )
