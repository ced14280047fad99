"""LL017 unsafe-code-path, LL018 code-archive-rejected and LL019 code-path-missing: local code
locations (CodeUri, ContentUri, Code, Content) that escape the project root, loop, hold a zip
archive lambdalint refuses to inspect, or do not exist (docs: rules/catalog/LL017-LL019.yaml).
The reading itself, bounded and never following links outward, is in lambdalint.source.code_paths.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.code_paths import CODE_PROPERTIES, CodeProblem, inspect_code, is_local
from lambdalint.source.nodes import Scalar


def _problems(ctx: CheckContext, archives: bool) -> Iterator[tuple[str, Scalar, CodeProblem]]:
    limits = ctx.template.limits
    for res in ctx.template.resources.values():
        prop = CODE_PROPERTIES.get(res.type)
        node = res.prop(prop) if prop else None
        if isinstance(node, Scalar) and isinstance(node.value, str) and is_local(node.value):
            for problem in inspect_code(ctx.template.file, node.value, limits, archives):
                yield res.logical_id, node, problem


@check("LL017", on=None)
def unsafe_code_path(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for logical_id, node, problem in _problems(ctx, archives=False):
        if problem.rule_id == ctx.rule_id:
            yield ctx.finding(problem.message, at=node, resource=logical_id)


@check("LL018", on=None)
def code_archive_rejected(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for logical_id, node, problem in _problems(ctx, archives=True):
        if problem.rule_id == ctx.rule_id:
            yield ctx.finding(problem.message, at=node, resource=logical_id)


@check("LL019", on=None)
def code_path_missing(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for logical_id, node, problem in _problems(ctx, archives=False):
        if problem.rule_id == ctx.rule_id:
            yield ctx.finding(problem.message, at=node, resource=logical_id)
