"""LL026 sam-property-combination-invalid: SAM properties that SAM rejects together, or one without
the other it requires (docs: rules/catalog/LL026.yaml).

The rules are SAM's own ``__validation_rules__`` (samtranslator/model/sam_resources.py, checked by
``Resource.validate_before_transform`` in samtranslator/model/__init__.py), generated into
rules/facts/sam_resource_types.yaml: mutually_exclusive (at most one present),
mutually_inclusive (all or none) and conditional_requirement (the first needs the second). A
property is present when it is set to anything but null, Globals merged. Requirements on
AutoPublishAlias are LL401's.

Function events have no ``__validation_rules__``; their exclusions are tests in the event class
(``if self.State and self.Enabled is not None: raise``, eventsources/push.py), generated into
rules/facts/sam_value_types.yaml (scripts/gen_sam_value_types.py) and checked the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, events
from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, intrinsic
from lambdalint.source.template import Resource

Rule = tuple[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[Rule]]:
    data = load_data("facts/sam_resource_types.yaml")["types"]
    return {
        t: [(r["kind"], tuple(r["properties"])) for r in e.get("validation_rules") or []]
        for t, e in data.items()
        if e and e.get("validation_rules")
    }


@lru_cache(maxsize=1)
def _event_exclusions() -> dict[str, list[tuple[str, ...]]]:
    owners: dict[str, dict[str, Any]] = load_data("facts/sam_value_types.yaml")["owners"]
    return {
        t: [tuple(r["properties"]) for r in e.get("exclusive") or []]
        for t, e in owners.items()
        if e.get("exclusive")
    }


def _get(res: Resource, path: str) -> Node | None:
    """The node at a dotted path below Properties; None when absent, null, or below an
    intrinsic (then it cannot be known, and SAM sees no such key either)."""
    node: Node | None = res.properties
    for part in path.split("."):
        if not isinstance(node, Mapping) or intrinsic(node) is not None:
            return None
        node = node.items.get(part)
    if isinstance(node, Scalar) and node.value is None:
        return None
    return node


@check("LL026", on=None)
def sam_property_combination_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    yield from _event_findings(ctx)
    rules = _rules()
    for res in ctx.template.resources.values():
        for kind, paths in rules.get(res.type, ()):
            if any("=" in p for p in paths):
                continue  # value-conditioned rules: not modelled
            present = [(p, n) for p in paths if (n := _get(res, p)) is not None]
            message = None
            if kind == "mutually_exclusive" and len(present) > 1:
                message = f"sets {_and([p for p, _ in present])}; SAM accepts only one of them"
            elif kind == "mutually_inclusive" and 0 < len(present) < len(paths):
                missing = [p for p in paths if p not in dict(present)]
                message = f"sets {_and([p for p, _ in present])} without {_and(missing)}; SAM "
                message += "requires them together"
            elif (
                kind == "conditional_requirement"
                and paths[1] != "AutoPublishAlias"
                and present
                and present[0][0] == paths[0]
                and len(present) == 1
            ):
                message = f"sets {paths[0]} without {paths[1]}; SAM requires {paths[1]} with it"
            if message:
                yield ctx.finding(
                    f"{res.type} {res.logical_id} {message}",
                    at=present[-1][1],
                    resource=res.logical_id,
                )


def _event_findings(ctx: CheckContext) -> Iterator[Finding]:
    exclusions = _event_exclusions()
    for res in ctx.template.resources.values():
        if res.type != FUNCTION:
            continue
        for ev in events(res):
            for names in exclusions.get(ev.type or "", ()):
                present = [
                    (n, node)
                    for n in names
                    if (node := ev.prop(n)) is not None
                    and not (isinstance(node, Scalar) and node.value is None)
                ]
                if len(present) > 1:
                    yield ctx.finding(
                        f"{ev.type} event {ev.event_id} of {res.logical_id} sets "
                        f"{_and([n for n, _ in present])}; SAM accepts only one of them",
                        at=present[-1][1],
                        resource=res.logical_id,
                    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
