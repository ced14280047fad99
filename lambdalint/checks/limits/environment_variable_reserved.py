"""LL106 environment-variable-reserved (docs: rules/catalog/LL106.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.environment import variable_maps
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import reserved_env_names
from lambdalint.model.lambda_ import Function
from lambdalint.severity import Severity


@check("LL106", on=Function, group=True)
def environment_variable_reserved(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    names = reserved_env_names()
    for variables in variable_maps(fn):
        for entry in variables.value:
            if entry.key in names.reserved.names:
                yield ctx.finding(
                    f"environment variable {entry.key} of {FUNCTIONS} is reserved: "
                    f"Lambda sets it itself and rejects a configuration that sets it",
                    at=entry.key_loc,
                    resource=fn.logical_id,
                    path=entry.key_path,
                )
            elif entry.key in names.disputed.names:
                # Sources disagree on whether Lambda rejects it (rules/facts/environment.yaml),
                # so this is advice, not an error.
                yield ctx.finding(
                    f"environment variable {entry.key} of {FUNCTIONS} is set by Lambda "
                    f"itself; setting it is redundant and may be rejected",
                    at=entry.key_loc,
                    resource=fn.logical_id,
                    path=entry.key_path,
                    severity=Severity.INFO,
                )
