"""The runtime identifiers a function may be deployed with (``Runtime`` only matters for .zip
packages; image functions are left to LL204)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.reach import deployed_functions, may_be_zip
from lambdalint.engine.context import CheckContext
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function
from lambdalint.source.intrinsics import Candidate


def runtime_candidates(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[tuple[Function, Candidate, str]]:
    for fn in deployed_functions(graph, ctx):
        if not may_be_zip(fn, ctx):
            continue
        for cand in ctx.candidates(fn.runtime):
            if cand.is_known and isinstance(cand.value, str):
                yield fn, cand, cand.value
