"""LL106 environment-variable-reserved (docs: rules/catalog/LL106.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.environment import key_site, variable_maps
from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, report
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import reserved_env_names
from lambdalint.model.graph import LambdaGraph
from lambdalint.severity import Severity


@check("LL106")
def environment_variable_reserved(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    names = reserved_env_names()
    for fn in deployed_functions(graph, ctx):
        for cand in variable_maps(ctx, fn):
            for key in cand.value.items:
                loc, path = key_site(ctx, fn, cand.value, key)
                if key in names.reserved.names:
                    yield Problem(
                        loc,
                        fn.logical_id,
                        f"environment variable {key} of {FUNCTIONS} is reserved: "
                        f"Lambda sets it itself and rejects a configuration that sets "
                        f"it",
                        path=path,
                    )
                elif key in names.disputed.names:
                    # Sources disagree on whether Lambda rejects it (rules/facts/environment.yaml),
                    # so this is advice, not an error.
                    yield Problem(
                        loc,
                        fn.logical_id,
                        f"environment variable {key} of {FUNCTIONS} is set by Lambda "
                        f"itself; setting it is redundant and may be rejected",
                        severity=Severity.INFO,
                        path=path,
                    )
