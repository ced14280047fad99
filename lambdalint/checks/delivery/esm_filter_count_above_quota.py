"""LL513 esm-filter-count-above-quota (docs: rules/catalog/LL513.yaml): the number of
FilterCriteria filters of every event source mapping (of a function in the template or not),
asked of the model's validator (``semantics.validate.filter_problems``). Above 10 Lambda rejects
the mapping in every account (error); above the default quota of 5 only in an account that did
not have it raised (warning)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import EventSourceMapping
from lambdalint.severity import Severity


@check("LL513")
def esm_filter_count_above_quota(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    mappings = [m for m in graph.objects(EventSourceMapping) if m.filters and ctx.deployed(m)]
    if not mappings:
        return
    from lambdalint.semantics.adapter.mappings import filter_count
    from lambdalint.semantics.validate import filter_problems

    for esm in mappings:
        # A SAM event's mapping (``Fn.Work.Mapping``) is named by its function and event.
        name = esm.logical_id
        if esm.generated:
            name = " ← ".join(esm.logical_id.removesuffix(".Mapping").split(".", 1))
        for problem in filter_problems(filter_count(esm)):
            severity = Severity.WARNING if problem.raisable or not problem.verified else None
            site = esm.filters.site
            yield ctx.finding(
                f"{name}: {problem.message}",
                at=site.value or site.loc,
                path=site.path,
                resource=esm.resource_id,
                severity=severity,
            )
