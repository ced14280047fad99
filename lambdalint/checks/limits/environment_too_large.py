"""LL104 environment-too-large (docs: rules/catalog/LL104.yaml).

Lambda does not document how the 4 KB is measured; its own error message prints the JSON-encoded
map, so the size here is the compact JSON serialisation in UTF-8 bytes (see
rules/facts/limits.yaml ``environment.measure``). Values that cannot be known statically count
as empty strings, which gives a lower bound: the rule reports only when even that exceeds the
limit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from lambdalint.checks.limits.environment import variable_maps
from lambdalint.checks.reach import FUNCTIONS, Problem, deployed_functions, property_site, report
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.graph import LambdaGraph
from lambdalint.source.intrinsics import NO_VALUE, ResourceRef, as_text
from lambdalint.source.nodes import Mapping, Sequence


@check("LL104")
def environment_too_large(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    yield from report(ctx, _problems(graph, ctx))


def _json_bytes(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8"))


@dataclass
class Size:
    # Bytes of the smallest serialisation the variables can have.
    at_least: int
    # Variables whose value is not known statically (counted as "").
    unknown: int

    @property
    def exact(self) -> bool:
        return self.unknown == 0


def measure(ctx: CheckContext, variables: Mapping) -> Size:
    """The smallest compact-JSON size of ``variables``: ``{"K":"V","K2":"V2"}``."""
    total = 2  # the braces
    present = 0
    unknown = 0
    for key, node in variables.items.items():
        sizes: list[int] = []
        may_be_absent = False
        value_unknown = False
        for cand in ctx.candidates(node):
            if cand.value is NO_VALUE:
                may_be_absent = True
                continue
            text = (
                None
                if not cand.is_known or isinstance(cand.value, (Mapping, Sequence, ResourceRef))
                else as_text(cand.value)
            )
            if text is None and cand.is_known and cand.value is None:
                text = ""  # an empty YAML value is an empty string
            if text is None:
                value_unknown = True
                text = ""
            sizes.append(_json_bytes(key) + 1 + _json_bytes(text))
        if value_unknown:
            unknown += 1
        if may_be_absent or not sizes:
            continue  # the variable may be left out: it adds nothing to the lower bound
        total += min(sizes)
        present += 1
    return Size(total + max(0, present - 1), unknown)


def _problems(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Problem]:
    env = limits().environment
    for fn in deployed_functions(graph, ctx):
        for cand in variable_maps(ctx, fn):
            size = measure(ctx, cand.value)
            if size.at_least <= env.max_bytes:
                continue
            if size.exact:
                amount = f"take {size.at_least} bytes"
                note = ""
            else:
                amount = f"take at least {size.at_least} bytes"
                note = (
                    f"; {size.unknown} value(s) are not known statically and were counted "
                    f"as empty, so the known parts alone exceed the limit"
                )
            message = (
                f"environment variables of {FUNCTIONS} {amount} (measured as compact JSON "
                f"in UTF-8, as Lambda measures them), over Lambda's limit of "
                f"{env.max_bytes} bytes (4 KB){note}{cand.explain()}"
            )
            loc, path = property_site(ctx, fn, "Environment")
            yield Problem(loc, fn.logical_id, message, path=path)
