"""LL107 too-many-layers (docs: rules/catalog/LL107.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.layers import explain, in_globals, most_present
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known


@check("LL107", on=Function, group=True)
def too_many_layers(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    most = limits().layers.max
    for layers in fn.layers.written_values():
        if not isinstance(layers, Known):
            continue
        present, choice = most_present(layers.value)
        if len(present) <= most:
            continue
        from_globals = sum(1 for item in present if in_globals(item.site))
        origin = f" ({from_globals} from Globals)" if from_globals else ""
        yield ctx.finding(
            f"{len(present)} layers{origin} reach {FUNCTIONS}; Lambda allows at "
            f"most {most} per function{explain(choice)}",
            at=fn.layers.site,
            resource=fn.logical_id,
        )
