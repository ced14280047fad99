"""Shared by the LL3xx rules: the template's permission analysis and message phrasing."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.severity import Severity

if TYPE_CHECKING:
    # Imported when a rule runs, not when the rules are registered: a plain check of a
    # template without functions never loads the IAM package.
    from lambdalint.iam.analysis import Analysis
    from lambdalint.iam.requirements import Need
    from lambdalint.iam.views import FunctionView
    from lambdalint.model.graph import LambdaGraph


Rule = Callable[["LambdaGraph", CheckContext], Iterator[Finding]]


def with_functions(rule: Rule) -> Rule:
    """Run the rule only on templates with a function: the others never import the IAM code."""

    @functools.wraps(rule)
    def run(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
        if next(iter(graph.functions()), None) is None:
            return iter(())
        return rule(graph, ctx)

    return run


def analysis(graph: LambdaGraph, ctx: CheckContext) -> Analysis:
    from lambdalint.iam.analysis import analyse

    return analyse(ctx.template, graph, ctx.evaluator)


def role_phrase(fn: FunctionView) -> str:
    if fn.role is not None and fn.role.generated:
        return f"the role SAM generates for function {fn.logical_id}"
    if fn.role is not None:
        return f"role {fn.role.logical_id} of function {fn.logical_id}"
    return f"the role of function {fn.logical_id}"


def need_findings(
    graph: LambdaGraph, ctx: CheckContext, features: tuple[str, ...]
) -> Iterator[Finding]:
    """One finding per unmet requirement of ``features``: only certain gaps (answer ``no``)."""
    a = analysis(graph, ctx)
    for fn in a.functions:
        if not a.deployed(fn) or not a.policy(fn).known:
            continue
        for need in a.needs(fn):
            if need.feature not in features:
                continue
            missing = need.missing()
            if not missing:
                continue
            yield _finding(ctx, fn, need, missing)


def _finding(ctx: CheckContext, fn: FunctionView, need: Need, missing: list[str]) -> Finding:
    fix = f"; add {need.fix}" if need.fix else ""
    actions = ", ".join(missing)
    msg = (
        f"{role_phrase(fn)} does not allow {actions} on {need.resource_label}, "
        f"needed by {need.why}{fix}"
    )
    # A row the data marks weaker (an S3 destination: AWS wording unverified) stays weaker.
    row = Severity.parse(need.severity)
    severity = row if row < ctx.severity else None
    at = need.at if need.at is not None else fn.loc
    return ctx.finding(msg, at=at, resource=fn.logical_id, severity=severity)
