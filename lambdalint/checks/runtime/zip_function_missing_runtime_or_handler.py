"""LL203 zip-function-missing-runtime-or-handler (docs: rules/catalog/LL203.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.package import is_zip
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Absent, Candidate, Known

_EMPTY = "is empty"


@check("LL203", on=Function, group=True)
def zip_function_missing_runtime_or_handler(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    if not is_zip(fn):
        return
    for name, field in (("Runtime", fn.runtime), ("Handler", fn.handler)):
        if not field.written:
            # The site of an absent property is the resource's Properties key.
            yield ctx.finding(
                f"{FUNCTIONS} is a .zip function (PackageType Zip is the "
                f"default) without {name}; Lambda requires Runtime and Handler "
                f"for .zip packages{_hint(fn)}",
                at=field.site,
                resource=fn.logical_id,
            )
            continue
        for value in field.values:
            how = _absent(value)
            if how is None:
                continue
            message = (
                f"{FUNCTIONS} is a .zip function whose {name} {how}; Lambda "
                f"requires Runtime and Handler for .zip packages{_hint(fn)}{value.explain()}"
            )
            if isinstance(value, Absent) and value.how == _EMPTY:
                # An empty YAML value has no text to point at: point at its key.
                yield ctx.finding(message, at=field.site, resource=fn.logical_id)
            else:
                yield ctx.finding(
                    message, at=value.loc, resource=fn.logical_id, path=field.site.path
                )


def _hint(fn: Function) -> str:
    # An image URI on a function without PackageType: the real fix is PackageType Image.
    if fn.image_uri.written:
        return (
            "; it sets an image URI but no PackageType, and the package type defaults to "
            "Zip: add PackageType: Image"
        )
    return ""


def _absent(value: Candidate[str]) -> str | None:
    """How a value leaves the property unset, or None when it is set (or unknown)."""
    if isinstance(value, Absent):
        return value.how
    if isinstance(value, Known) and value.value == "":
        # "" is no value at all; SAM and Lambda both refuse it.
        return _EMPTY
    return None
