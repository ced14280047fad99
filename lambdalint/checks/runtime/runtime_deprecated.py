"""LL201 runtime-deprecated (docs: rules/catalog/LL201.yaml).

Severity depends on the date: error once Lambda blocks creating functions with the runtime,
warning once it is deprecated, info when deprecation is at most ``days`` away. "Today" is
``ctx.as_of`` (``--as-of``), never the clock, so results are reproducible.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from lambdalint.checks.runtime.runtimes import runtime_values
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import RuntimeInfo, RuntimeTable, runtimes
from lambdalint.model.lambda_ import Function
from lambdalint.severity import Severity

DEFAULT_NOTICE_DAYS = 180


class Options(BaseModel):
    """LL201's options (``[tool.lambdalint.rules.LL201]``), defaults as in the catalog entry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Report (as info) runtimes whose deprecation is at most this many days away (a negative
    # value turns the notice off).
    days: int = Field(default=DEFAULT_NOTICE_DAYS, strict=True)


_FAMILY = re.compile(r"^(nodejs|python|java|dotnet|ruby|provided|go)")
# Families whose successor is another family: Go moved to the OS-only runtimes.
_FAMILY_SUCCESSOR = {"go": "provided"}


def successor(table: RuntimeTable, info: RuntimeInfo, today: date) -> str | None:
    """The supported runtime of the same language that stays supported longest."""
    family = _FAMILY.match(info.id)
    if family is None:
        return None
    prefix = _FAMILY_SUCCESSOR.get(family.group(1), family.group(1))
    options = [
        r
        for r in table.runtimes
        if r.zip and r.deprecated is not None and r.deprecated > today and r.id.startswith(prefix)
    ]
    return max(options, key=lambda r: (r.deprecated, r.id)).id if options else None


@check("LL201", on=Function, options=Options, group=True)
def runtime_deprecated(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    table = runtimes()
    today = ctx.as_of
    notice = ctx.options.days if isinstance(ctx.options, Options) else DEFAULT_NOTICE_DAYS
    for cand in runtime_values(fn):
        identifier = cand.value
        info = table.get(identifier)
        if info is None or not info.zip or info.deprecated is None:
            continue
        newer = successor(table, info, today)
        advice = f"; move to {newer}" if newer else ""
        if (
            info.block_create is not None
            and today >= info.block_create
            and info.block_create < info.deprecated
        ):
            message = _two_phase(identifier, info, today) + f"{advice}{cand.explain()}"
            severity = Severity.ERROR
        elif info.block_create is not None and today >= info.block_create:
            blocked = (
                f"updating them since {info.block_update}"
                if info.block_update is not None and today >= info.block_update
                else f"updating them from {info.block_update}"
                if info.block_update is not None
                else ""
            )
            message = (
                f"runtime {identifier} of {FUNCTIONS} is deprecated since "
                f"{info.deprecated}; Lambda blocks creating functions with it since "
                f"{info.block_create}"
                + (f" and {blocked}" if blocked else "")
                + f"{advice}{cand.explain()}"
            )
            severity = Severity.ERROR
        elif today >= info.deprecated:
            creation = (
                f"; creating functions with it is blocked from {info.block_create}"
                if info.block_create is not None
                else ""
            )
            message = (
                f"runtime {identifier} of {FUNCTIONS} is deprecated since "
                f"{info.deprecated} (no more security patches){creation}{advice}"
                f"{cand.explain()}"
            )
            severity = Severity.WARNING
        elif (
            info.block_create is not None
            and info.block_create < info.deprecated
            and (info.block_create - today).days <= notice
        ):
            message = (
                f"runtime {identifier} of {FUNCTIONS} will be deprecated in two phases: Lambda "
                f"blocks creating functions with it from {info.block_create}, in "
                f"{(info.block_create - today).days} days, and updating them from "
                f"{info.block_update or info.deprecated}{advice}{cand.explain()}"
            )
            severity = Severity.INFO
        elif (info.deprecated - today).days <= notice:
            message = (
                f"runtime {identifier} of {FUNCTIONS} will be deprecated on "
                f"{info.deprecated}, in {(info.deprecated - today).days} days{advice}"
                f"{cand.explain()}"
            )
            severity = Severity.INFO
        else:
            continue
        yield ctx.finding(message, at=cand, resource=fn.logical_id, severity=severity)


def _two_phase(identifier: str, info: RuntimeInfo, today: date) -> str:
    """The message for a runtime deprecated under Lambda's pre-2020 policy, where creation was
    blocked first and the deprecated date is when deprecation completed (updates blocked too):
    the dates in the order they happen, so that the earlier block does not read as a mistake."""
    assert info.block_create is not None and info.deprecated is not None
    done = info.block_update or info.deprecated
    if today >= done:
        return (
            f"runtime {identifier} of {FUNCTIONS} is deprecated: Lambda blocked creating "
            f"functions with it from {info.block_create} and updating them from {done}, "
            "when its deprecation completed"
        )
    return (
        f"runtime {identifier} of {FUNCTIONS} is being deprecated: Lambda blocks creating "
        f"functions with it since {info.block_create} and will block updating them from {done}, "
        "when its deprecation completes"
    )
