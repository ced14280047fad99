"""LL110 package-type-invalid (docs: rules/catalog/LL110.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Invalid, Known


@check("LL110", on=Function, group=True)
def package_type_invalid(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    valid = limits().package_type.values
    for value in fn.package_type.written_values():
        if isinstance(value, Known):
            if value.value in valid:
                continue
            shown = value.value
        elif isinstance(value, Invalid) and value.raw is not None:
            shown = str(value.raw).lower()  # a boolean, as YAML spells it
        else:
            continue
        hint = did_you_mean(shown.capitalize(), valid)
        yield ctx.finding(
            f"PackageType {shown!r} of {FUNCTIONS} is neither {' nor '.join(valid)} "
            f"(spelled exactly so){hint}{value.explain()}",
            at=value,
            resource=fn.logical_id,
        )
