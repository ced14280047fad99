"""LL103 ephemeral-storage-out-of-range (docs: rules/catalog/LL103.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.limits.numbers import shown, whole_numbers
from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, report
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function
from lambdalint.source.nodes import Mapping, Node, intrinsic


@check("LL103")
def ephemeral_storage_out_of_range(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _size_nodes(ctx: CheckContext, fn: Function) -> list[Node]:
    """The Size node(s). When EphemeralStorage itself is an intrinsic (``!If [Big, {Size: 4096},
    !Ref AWS::NoValue]``), the Size of every mapping it can evaluate to."""
    whole = fn.prop("EphemeralStorage")
    if intrinsic(whole) is None:
        return [] if fn.ephemeral_storage is None else [fn.ephemeral_storage]
    out: list[Node] = []
    for cand in ctx.candidates(whole):
        if isinstance(cand.value, Mapping) and intrinsic(cand.value) is None:
            size = cand.value.items.get("Size")
            if size is not None:
                out.append(size)
    return out


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    storage = limits().ephemeral_storage
    for fn in deployed_functions(graph, ctx):
        for size_node in _size_nodes(ctx, fn):
            for cand, mb in whole_numbers(ctx, size_node):
                if mb is None:
                    message = (
                        f"EphemeralStorage Size {shown(cand)} of {FUNCTIONS} is not a "
                        f"whole number of MB{cand.explain()}"
                    )
                elif mb < storage.min:
                    message = (
                        f"EphemeralStorage Size {mb} MB of {FUNCTIONS} is below the "
                        f"minimum {storage.min} MB{cand.explain()}"
                    )
                elif mb > storage.max:
                    message = (
                        f"EphemeralStorage Size {mb} MB of {FUNCTIONS} is above the "
                        f"maximum {storage.max} MB{cand.explain()}"
                    )
                else:
                    continue
                yield Problem(cand, fn.logical_id, message)
