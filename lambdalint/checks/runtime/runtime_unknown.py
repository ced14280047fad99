"""LL202 runtime-unknown (docs: rules/catalog/LL202.yaml)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from lambdalint.checks.reach import FUNCTIONS, Problem, report
from lambdalint.checks.runtime.runtimes import runtime_candidates
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import runtimes
from lambdalint.model.graph import LambdaGraph


@check("LL202")
def runtime_unknown(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    table = runtimes()
    valid = [r.id for r in table.runtimes if r.zip]
    for fn, cand, identifier in runtime_candidates(graph, ctx):
        info = table.get(identifier)
        if info is not None and info.zip:
            continue
        if info is not None:
            message = (f"runtime {identifier} of {FUNCTIONS} exists only as a container image "
                       f"base; use PackageType Image with that base image, or a .zip runtime"
                       f"{cand.explain()}")
        else:
            close = difflib.get_close_matches(identifier, valid, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else ""
            message = (f"runtime {identifier!r} of {FUNCTIONS} is not a Lambda runtime "
                       f"identifier{hint}{cand.explain()}")
        yield Problem(cand, fn.logical_id, message)
