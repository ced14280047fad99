"""LL202 runtime-unknown (docs: rules/catalog/LL202.yaml)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

from lambdalint.checks.runtime.runtimes import runtime_values
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import RuntimeTable, runtimes
from lambdalint.model.lambda_ import Function


def suggestion(table: RuntimeTable, identifier: str, today: date) -> str | None:
    """The identifier the user most likely meant, if any."""
    valid = [r for r in table.runtimes if r.zip]
    # Identifiers are case-sensitive and Lambda does not trim them: "Python3.12 " is refused.
    normal = identifier.strip().lower()
    if any(r.id == normal for r in valid):
        return normal
    # A bare family or version prefix ("python3", "nodejs20", "java"): the newest supported one.
    family = [
        r
        for r in valid
        if r.id.startswith(normal) and normal and (r.deprecated is None or r.deprecated > today)
    ]
    if family:
        return max(family, key=lambda r: (r.deprecated is not None, r.deprecated or today, r.id)).id
    close = difflib.get_close_matches(normal, [r.id for r in valid], n=1, cutoff=0.6)
    return close[0] if close else None


@check("LL202", on=Function, group=True)
def runtime_unknown(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    table = runtimes()
    for cand in runtime_values(fn):
        identifier = cand.value
        if identifier == "":
            continue  # no runtime at all: LL203's finding
        info = table.get(identifier)
        if info is not None and info.zip:
            continue
        if info is not None:
            message = (
                f"runtime {identifier} of {FUNCTIONS} exists only as a container image "
                f"base; use PackageType Image with that base image, or a .zip runtime"
                f"{cand.explain()}"
            )
        else:
            close = suggestion(table, identifier, ctx.as_of)
            hint = f"; did you mean {close}?" if close else ""
            message = (
                f"runtime {identifier!r} of {FUNCTIONS} is not a Lambda runtime "
                f"identifier{hint}{cand.explain()}"
            )
        yield ctx.finding(message, at=cand, resource=fn.logical_id)
