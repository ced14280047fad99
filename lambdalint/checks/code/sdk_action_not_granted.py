"""LL218 sdk-action-not-granted (docs: rules/catalog/LL218.yaml): the join of what the function's
code calls (lambdalint.source.code.needs, SDK operations mapped to IAM actions) with what its
execution role allows (lambdalint.iam, the effective policy)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, code_place
from lambdalint.checks.permissions.common import analysis, role_phrase
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.severity import Severity


@check("LL218", on=None)
def sdk_action_not_granted(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.code is None or not any(f.analysis is not None for f in ctx.code.functions):
        return
    from lambdalint.iam.sym import Sym, Token
    from lambdalint.iam.tri import Answer
    from lambdalint.source.code.needs import code_needs

    a = analysis(graph, ctx)
    views = {view.logical_id: view for view in a.functions}
    # A resource the code names through no template resource: the question is whether the role
    # allows the action on anything at all (an unknown resource matches every pattern possibly).
    anything = Sym((Token("unknown", "*"),))
    for code in ctx.code.functions:
        view = views.get(code.logical_id)
        if code.analysis is None or view is None or not a.deployed(view):
            continue
        policy = a.policy(view)
        if not policy.known:
            continue
        for need in code_needs(code):
            on_resource = need.resource != "*"
            resource = a.resolver.arn_of(need.resource) if on_resource else anything
            decision = policy.allows(need.action, resource)
            if decision.answer is Answer.NO:
                severity = None
            elif decision.answer is Answer.CONDITIONAL:
                severity = Severity.WARNING  # granted only when a Condition holds
            else:
                continue
            if not need.surely:
                # The call is in a function the handler may not run (a decorated route, a
                # function registered at module level): not shown to run, so not an error.
                severity = Severity.WARNING
            target = f" on {need.resource}" if on_resource else ""
            via = f" (named by environment variable {need.via_env})" if need.via_env else ""
            when = " unless a condition holds" if decision.answer is Answer.CONDITIONAL else ""
            where = "" if need.surely else " (in code the handler may run; not shown to)"
            yield ctx.finding(
                f"{code_place(code, str(need.at))}{where} calls {need.action}{target}{via}, "
                f"which {role_phrase(view)} does not allow{when}: the call fails with "
                "AccessDenied",
                at=anchor(code),
                resource=code.logical_id,
                severity=severity,
            )
