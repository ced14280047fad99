"""LL105 environment-variable-name-invalid (docs: rules/catalog/LL105.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.environment import variable_maps
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits, reserved_env_names
from lambdalint.model.lambda_ import Function


@check("LL105", on=Function, group=True)
def environment_variable_name_invalid(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    pattern = limits().environment.key_regex
    names = reserved_env_names()
    # Reserved names (some start with "_") are LL106's to report, not this rule's.
    reserved = names.reserved.names | names.disputed.names
    for variables in variable_maps(fn):
        for entry in variables.value:
            if entry.key in reserved or pattern.fullmatch(entry.key):
                continue
            yield ctx.finding(
                f"environment variable name {entry.key!r} of {FUNCTIONS} is invalid: a "
                f"name starts with a letter and has at least two characters, "
                f"only letters, digits and underscores ({pattern.pattern})",
                at=entry.key_loc,
                resource=fn.logical_id,
                path=entry.key_path,
            )
