"""How many items of a list field (Layers, Architectures) a function gets: items that may be
``AWS::NoValue`` (``!If [C, arn, !Ref AWS::NoValue]``) count only under the condition values
that keep them."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from lambdalint.model.values import Absent, Candidate, Conditions, Field, Site

# Above this many conditions in one Layers list, only surely present items are counted (2**n
# combinations are tried).
_MAX_CONDITIONS = 8

Item = Field[str]


def no_value(value: Candidate[str]) -> bool:
    """An item that is left out: ``AWS::NoValue`` (an empty YAML value is still an item)."""
    return isinstance(value, Absent) and value.how != "is empty"


def surely_present(item: Item) -> bool:
    return bool(item.values) and not any(no_value(v) for v in item.values)


def in_globals(site: Site) -> bool:
    return site.path[:1] == ("Globals",)


def _holds(value: Candidate[str], chosen: dict[str, bool]) -> bool:
    return all(chosen.get(name, flag) == flag for name, flag in value.conditions)


def _present_under(item: Item, chosen: dict[str, bool]) -> bool:
    selected = [v for v in item.values if _holds(v, chosen)]
    return bool(selected) and not any(no_value(v) for v in selected)


def most_present(items: Sequence[Item]) -> tuple[list[Item], Conditions]:
    """The largest set of items present together under one choice of condition values, and the
    condition values (only those that matter) it needs; ``()`` when no condition is needed."""
    names = sorted({name for item in items for v in item.values for name, _ in v.conditions})
    surely = [i for i, item in enumerate(items) if surely_present(item)]
    if not names or len(names) > _MAX_CONDITIONS:
        return [items[i] for i in surely], ()
    best = surely
    best_choice: Conditions = ()
    for flags in product((True, False), repeat=len(names)):
        chosen = dict(zip(names, flags, strict=True))
        present = [i for i, item in enumerate(items) if _present_under(item, chosen)]
        if len(present) > len(best):
            # Keep only the conditions of the items that are present only conditionally.
            used = {
                name
                for i in present
                if i not in surely
                for v in items[i].values
                for name, _ in v.conditions
            }
            best = present
            best_choice = tuple((n, chosen[n]) for n in names if n in used)
    return [items[i] for i in best], best_choice


def explain(choice: Conditions) -> str:
    if not choice:
        return ""
    return (
        " (when "
        + " and ".join(
            f"condition {name} is {'true' if value else 'false'}" for name, value in choice
        )
        + ")"
    )
