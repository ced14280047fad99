"""One template's permission facts, computed once per lint run and shared by the LL3xx rules and
``lambdalint permissions``: each function's effective role policy, what it needs, and the gap."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lambdalint.iam import from_model
from lambdalint.iam.evaluate import EffectivePolicy
from lambdalint.iam.resolve import Resolver
from lambdalint.iam.role import PolicyBuilder
from lambdalint.iam.views import FunctionView, PermissionView
from lambdalint.model.lambda_ import Policy
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.template import Template

if TYPE_CHECKING:
    from lambdalint.iam.requirements import Need
    from lambdalint.model.graph import LambdaGraph


@dataclass
class Analysis:
    template: Template
    evaluator: Evaluator
    functions: list[FunctionView]
    permissions: list[PermissionView]
    resolver: Resolver
    builder: PolicyBuilder
    _policies: dict[str, EffectivePolicy] = field(default_factory=dict)
    _needs: dict[str, list[Need]] = field(default_factory=dict)

    def policy(self, fn: FunctionView) -> EffectivePolicy:
        if fn.logical_id not in self._policies:
            self._policies[fn.logical_id] = self.builder.effective(fn)
        return self._policies[fn.logical_id]

    def needs(self, fn: FunctionView) -> list[Need]:
        from lambdalint.iam.requirements import evaluate, needs_of

        if fn.logical_id not in self._needs:
            self._needs[fn.logical_id] = [evaluate(self, fn, n) for n in needs_of(self, fn)]
        return self._needs[fn.logical_id]

    def deployed(self, fn: FunctionView) -> bool:
        return fn.condition is None or self.evaluator.condition(fn.condition) is not False


_CACHE: dict[int, Analysis] = {}


def analyse(template: Template, graph: LambdaGraph, evaluator: Evaluator) -> Analysis:
    """The analysis of this template (cached on the graph object for the rules of one run)."""
    key = id(graph)
    cached = _CACHE.get(key)
    if cached is not None and cached.template is template:
        return cached
    resolver = Resolver(template, evaluator)
    result = Analysis(
        template=template,
        evaluator=evaluator,
        functions=from_model.functions(template, graph),
        permissions=from_model.permissions(graph),
        resolver=resolver,
        builder=PolicyBuilder(template, resolver, {p.logical_id: p for p in graph.objects(Policy)}),
    )
    _CACHE.clear()
    _CACHE[key] = result
    return result
