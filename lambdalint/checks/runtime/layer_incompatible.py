"""LL205 layer-incompatible (docs: rules/catalog/LL205.yaml).

A layer's CompatibleRuntimes / CompatibleArchitectures are what its publisher declares; Lambda
uses them for filtering and does not refuse the combination, so a mismatch is a warning: the
layer's code (native libraries, a language-version-specific package) may fail to load.
"""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.layers import no_value
from lambdalint.checks.package import may_be_zip
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.base import Items
from lambdalint.model.lambda_ import Function, LayerVersion
from lambdalint.model.values import Field, Known, Site
from lambdalint.source.location import Location


@check("LL205", on=Function, group=True)
def layer_incompatible(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    if not may_be_zip(fn):
        return
    runtimes = [v for v in fn.runtime.written_values() if isinstance(v, Known)]
    # The default (x86_64) when Architectures is omitted.
    arches = strings(fn.architectures)
    for site, layer in _layer_refs(fn, ctx):
        allowed = strings(layer.compatible_runtimes)
        if allowed:
            for runtime in runtimes:
                if runtime.value not in allowed:
                    yield ctx.finding(
                        f"runtime {runtime.value} of {FUNCTIONS} is not among the "
                        f"CompatibleRuntimes of layer {layer.logical_id} "
                        f"({', '.join(allowed)}); the layer's code may not load"
                        f"{runtime.explain()}",
                        at=site,
                        resource=fn.logical_id,
                    )
        allowed_arches = strings(layer.compatible_architectures)
        if allowed_arches and arches:
            for arch in arches:
                if arch not in allowed_arches:
                    yield ctx.finding(
                        f"architecture {arch} of {FUNCTIONS} is not among the "
                        f"CompatibleArchitectures of layer {layer.logical_id} "
                        f"({', '.join(allowed_arches)}); native code in the "
                        f"layer will not run",
                        at=site,
                        resource=fn.logical_id,
                    )


def strings(field: Field[Items]) -> list[str] | None:
    """The strings of a list field when it is one list of known strings, else None
    (``AWS::NoValue`` items are left out)."""
    if len(field.values) != 1 or not isinstance(field.values[0], Known):
        return None
    out: list[str] = []
    for item in field.values[0].value:
        if len(item.values) != 1:
            return None
        value = item.values[0]
        if no_value(value):
            continue
        if not isinstance(value, Known):
            return None
        out.append(value.value)
    return out


def _within(inner: Location, outer: Location) -> bool:
    return (
        inner.file == outer.file
        and (outer.line, outer.col) <= (inner.line, inner.col)
        and (inner.end_line, inner.end_col) <= (outer.end_line, outer.end_col)
    )


def _layer_refs(fn: Function, ctx: CheckContext) -> Iterator[tuple[Site, LayerVersion]]:
    """(the Layers item that names it, the layer) for layers defined in this template: a
    layer target belongs to the item it was written in (``- !Ref Deps``, or a branch of an
    ``!If`` item)."""
    targets = [t for t in fn.layer_targets if t.resolved]
    seen: set[tuple[Site, str]] = set()
    for layers in fn.layers.written_values():
        if not isinstance(layers, Known):
            continue
        for item in layers.value:
            for target in targets:
                layer = ctx.graph.get(target.node_id)
                if not isinstance(layer, LayerVersion) or not _within(target.loc, item.site.loc):
                    continue
                key = (item.site, layer.logical_id)
                if key not in seen:
                    seen.add(key)
                    yield item.site, layer
