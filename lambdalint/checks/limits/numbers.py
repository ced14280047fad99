"""Reading a numeric property (MemorySize, Timeout, EphemeralStorage.Size) the way Lambda does:
a whole number, possibly written as a string ("128"), possibly reached through intrinsics."""

from __future__ import annotations

import math
from collections.abc import Iterator

from lambdalint.checks.reach import present
from lambdalint.engine.context import CheckContext
from lambdalint.source.intrinsics import Candidate, ResourceRef, as_number
from lambdalint.source.nodes import Mapping, Node, Sequence


def whole_numbers(ctx: CheckContext, node: Node | None) -> Iterator[tuple[Candidate, int | None]]:
    """``(candidate, value)`` for every known value of ``node``; value is None when the candidate
    is not a whole number (text, a fraction, a boolean). Unknown values are skipped, and so are
    structures and resource references, which are shape problems for another rule."""
    for cand in ctx.candidates(node):
        if not present(cand) or isinstance(cand.value, (Mapping, Sequence, ResourceRef)):
            continue
        number = as_number(cand.value)
        if number is None or not math.isfinite(number) or number != int(number):
            yield cand, None
        else:
            yield cand, int(number)


def shown(cand: Candidate) -> str:
    """The value as the user wrote it, for messages."""
    if isinstance(cand.value, bool):
        return "true" if cand.value else "false"  # as YAML and JSON spell it, not Python
    return repr(cand.value) if isinstance(cand.value, str) else str(cand.value)
