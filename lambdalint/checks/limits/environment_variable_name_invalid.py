"""LL105 environment-variable-name-invalid (docs: rules/catalog/LL105.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.environment import key_site, variable_maps
from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, report
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits, reserved_env_names
from lambdalint.model.graph import LambdaGraph


@check("LL105")
def environment_variable_name_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    pattern = limits().environment.key_regex
    names = reserved_env_names()
    # Reserved names (some start with "_") are LL106's to report, not this rule's.
    reserved = names.reserved.names | names.disputed.names
    for fn in deployed_functions(graph, ctx):
        for cand in variable_maps(ctx, fn):
            for key in cand.value.items:
                if key in reserved or pattern.fullmatch(key):
                    continue
                loc, path = key_site(ctx, fn, cand.value, key)
                yield Problem(
                    loc,
                    fn.logical_id,
                    f"environment variable name {key!r} of {FUNCTIONS} is invalid: a "
                    f"name starts with a letter and has at least two characters, "
                    f"only letters, digits and underscores ({pattern.pattern})",
                    path=path,
                )
