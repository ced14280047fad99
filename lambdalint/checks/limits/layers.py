"""How many layers a function surely gets: items that may be ``AWS::NoValue`` do not count."""

from __future__ import annotations

from lambdalint.engine.context import CheckContext
from lambdalint.source.intrinsics import NO_VALUE
from lambdalint.source.nodes import Node


def surely_present(ctx: CheckContext, item: Node) -> bool:
    cands = ctx.candidates(item)
    return bool(cands) and all(c.value is not NO_VALUE for c in cands)
