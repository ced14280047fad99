"""LL030 sam-property-shape-invalid: a SAM resource or function event property whose written
shape (list, mapping or single value) SAM's validator for it does not accept (docs:
rules/catalog/LL030.yaml).

The accepted shapes are generated from SAM's property tables (the validators of
samtranslator/model/types.py: IS_STR, IS_DICT, list_of, one_of ...) into
rules/facts/sam_resource_types.yaml; ``Resource.validate_properties`` rejects any other
("Type of property 'Trigger' is invalid"). Only the structure is compared, never scalar types
(a quoted number), and intrinsic functions are left alone, as SAM leaves them. Properties a
dedicated rule reports on (LL028, the LL1xx limits) are skipped so a value gets one finding.
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
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic

_DEDICATED = frozenset(
    {
        "AutoPublishAlias",  # LL406
        "Layers",
        "Role",
        "MemorySize",
        "Timeout",
        "EphemeralStorage",
        "Environment",
        "Architectures",
        "PackageType",
        "FunctionName",
        "Handler",
        "Runtime",
    }
)
_WORDS = {"list": "a list", "map": "a mapping", "scalar": "a single value"}


@lru_cache(maxsize=1)
def _shapes() -> tuple[dict[str, dict[str, set[str]]], dict[str, dict[str, set[str]]]]:
    data = load_data("facts/sam_resource_types.yaml")

    def table(section: dict[str, Any]) -> dict[str, dict[str, set[str]]]:
        return {
            t: {
                name: set(shape.split("|"))
                for name, _, shape in (w.partition("=") for w in str(e.get("shapes") or "").split())
            }
            for t, e in section.items()
            if e
        }

    return table(data["types"]), table(data["function_events"])


def _shape(node: Node) -> str | None:
    if intrinsic(node) is not None:
        return None
    if isinstance(node, Scalar):
        return None if node.value is None else "scalar"
    return "list" if isinstance(node, Sequence) else ("map" if isinstance(node, Mapping) else None)


def _check(
    ctx: CheckContext, props: Mapping, shapes: dict[str, set[str]], what: str, rid: str
) -> Iterator[Finding]:
    for key, node in props.items.items():
        accepted = shapes.get(key)
        if not accepted or key in _DEDICATED:
            continue
        actual = _shape(node)
        if actual is None or actual in accepted:
            continue
        want = " or ".join(_WORDS[a] for a in sorted(accepted))
        yield ctx.finding(
            f"{key} of {what} is {_WORDS[actual]}; SAM accepts {want} there and rejects the "
            "template",
            at=node,
            resource=rid,
        )


@check("LL030", on=None)
def sam_property_shape_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    types, event_types = _shapes()
    for res in ctx.template.resources.values():
        shapes = types.get(res.type)
        if not shapes:
            continue
        yield from _check(ctx, res.properties, shapes, f"{res.logical_id}", res.logical_id)
        if res.type != FUNCTION:
            continue
        for ev in events(res):
            ev_shapes = event_types.get(ev.type or "")
            if ev_shapes and ev.properties is not None:
                what = f"{ev.type} event {ev.event_id} of function {res.logical_id}"
                yield from _check(ctx, ev.properties, ev_shapes, what, res.logical_id)
