"""How many layers a function gets: items that may be ``AWS::NoValue`` (``!If [C, arn,
!Ref AWS::NoValue]``) count only under the condition values that keep them."""

from __future__ import annotations

from itertools import product

from lambdalint.engine.context import CheckContext
from lambdalint.source.intrinsics import NO_VALUE, Candidate
from lambdalint.source.nodes import Node

# Above this many conditions in one Layers list, only surely present items are counted (2**n
# combinations are tried).
_MAX_CONDITIONS = 8

Assignment = tuple[tuple[str, bool], ...]


def surely_present(ctx: CheckContext, item: Node) -> bool:
    cands = ctx.candidates(item)
    return bool(cands) and all(c.value is not NO_VALUE for c in cands)


def _holds(cand: Candidate, chosen: dict[str, bool]) -> bool:
    return all(chosen.get(name, value) == value for name, value in cand.conditions)


def _present_under(cands: list[Candidate], chosen: dict[str, bool]) -> bool:
    selected = [c for c in cands if _holds(c, chosen)]
    return bool(selected) and all(c.value is not NO_VALUE for c in selected)


def most_present(ctx: CheckContext, items: list[Node]) -> tuple[list[Node], Assignment]:
    """The largest set of items present together under one choice of condition values, and the
    condition values (only those that matter) it needs; ``()`` when no condition is needed."""
    per_item = [(item, ctx.candidates(item)) for item in items]
    names = sorted({name for _, cands in per_item for c in cands for name, _ in c.conditions})
    surely = [
        item for item, cands in per_item if cands and all(c.value is not NO_VALUE for c in cands)
    ]
    if not names or len(names) > _MAX_CONDITIONS:
        return surely, ()
    best: list[Node] = surely
    best_choice: Assignment = ()
    for values in product((True, False), repeat=len(names)):
        chosen = dict(zip(names, values, strict=True))
        present = [item for item, cands in per_item if _present_under(cands, chosen)]
        if len(present) > len(best):
            # Keep only the conditions of the items that are present only conditionally.
            used = {
                name
                for item, cands in per_item
                if item in present and item not in surely
                for c in cands
                for name, _ in c.conditions
            }
            best = present
            best_choice = tuple((n, chosen[n]) for n in names if n in used)
    return best, best_choice


def explain(choice: Assignment) -> str:
    if not choice:
        return ""
    return (
        " (when "
        + " and ".join(
            f"condition {name} is {'true' if value else 'false'}" for name, value in choice
        )
        + ")"
    )
