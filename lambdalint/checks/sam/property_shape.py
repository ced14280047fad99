"""LL030 sam-property-shape-invalid: a SAM resource or function event property whose written
shape (list, mapping or single value) SAM's validator for it does not accept (docs:
rules/catalog/LL030.yaml).

The accepted shapes are generated from SAM's property tables (the validators of
samtranslator/model/types.py: IS_STR, IS_DICT, list_of, one_of ...) into
rules/facts/sam_resource_types.yaml; ``Resource.validate_properties`` rejects any other
("Type of property 'Trigger' is invalid"). Only the structure is compared, never scalar types
(a quoted number), and intrinsic functions are left alone, as SAM leaves them, except where the
property takes none (``Property``, ``supports_intrinsics=False``: "literal"). Properties a
dedicated rule reports on (LL028, the LL1xx limits) are skipped so a value gets one finding.

Below the top level, and stricter, come the value types SAM demands while it transforms
(``sam_expect(...).to_be_a_<kind>()`` in sam_resources.py and eventsources/*.py, generated into
rules/facts/sam_value_types.yaml): there the value is read as written, so an intrinsic function
is a mapping, never a string ("Property 'DeadLetterQueue.Type' should be a string"), and a key
SAM reads from a parent that is set must be there ("Property 'DestinationConfig.OnFailure'
should be a map"). A top-level property with such a type gets that check instead of the shape.
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
_WORDS = {
    "list": "a list",
    "map": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "boolean": "a boolean",
    "number": "a decimal number",
}
_KIND_WORDS = {
    "map": "a mapping",
    "string": "a string",
    "list": "a list",
    "bool": "true or false",
    "integer": "an integer",
}
# Event properties LL035 reports on (the implicit API plugins read them first, stricter).
_OWNED_BY_LL035 = {(t, k) for t in ("Api", "HttpApi") for k in ("Path", "Method")}


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


@lru_cache(maxsize=1)
def _value_types() -> dict[str, list[dict[str, Any]]]:
    owners: dict[str, dict[str, Any]] = load_data("facts/sam_value_types.yaml")["owners"]
    return {owner: list(e.get("values") or []) for owner, e in owners.items()}


def _kind_ok(node: Node, kind: str) -> bool:
    """``sam_expect(...).to_be_a_<kind>()`` on the value as written (an intrinsic is a dict)."""
    if kind == "map":
        return isinstance(node, Mapping)
    if kind == "list":
        return isinstance(node, Sequence)
    if not isinstance(node, Scalar):
        return False
    value = node.value
    if kind == "string":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    return isinstance(value, int) and not isinstance(value, bool)


def _written(node: Node) -> str:
    if intrinsic(node) is not None:
        return "an intrinsic function, which SAM does not resolve there"
    if isinstance(node, Scalar):
        return f"the {type(node.value).__name__} {node.value!r}"
    return _WORDS["list" if isinstance(node, Sequence) else "map"]


def _value_findings(
    ctx: CheckContext, props: Mapping, owner: str, what: str, rid: str
) -> Iterator[Finding]:
    for entry in _value_types().get(owner, ()):
        parts = str(entry["path"]).split(".")
        parent: Node | None = props
        for part in parts[:-1]:
            if not isinstance(parent, Mapping) or intrinsic(parent) is not None:
                parent = None
                break
            parent = parent.items.get(part)
        if not isinstance(parent, Mapping) or intrinsic(parent) is not None or not parent.items:
            continue
        node = parent.items.get(parts[-1])
        kind = str(entry["kind"])
        if node is None or (isinstance(node, Scalar) and node.value is None):
            if entry.get("required_in_parent"):
                yield ctx.finding(
                    f"{'.'.join(parts[:-1])} of {what} has no {parts[-1]}; SAM requires it to be "
                    f"{_KIND_WORDS[kind]} there and rejects the template",
                    at=parent,
                    resource=rid,
                )
            continue
        if not _kind_ok(node, kind):
            yield ctx.finding(
                f"{entry['path']} of {what} is {_written(node)}; SAM requires {_KIND_WORDS[kind]} "
                "there and rejects the template",
                at=node,
                resource=rid,
            )


def _shape(node: Node) -> str | None:
    """The value's kind as ``Resource.validate_properties`` tests it: list, map, or the scalar's
    Python type (``is_type``); None for null, which counts as absent."""
    if isinstance(node, Scalar):
        value = node.value
        if value is None:
            return None
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, int):
            return "integer"
        return "string" if isinstance(value, str) else "number"
    return "list" if isinstance(node, Sequence) else ("map" if isinstance(node, Mapping) else None)


def _accepts(accepted: set[str], actual: str) -> bool:
    # is_type(int) is isinstance: a boolean is an int to it.
    return actual in accepted or (actual == "boolean" and "integer" in accepted)


# Where the scalar's type is compared too: function and event properties, which SAM validates as
# written (``Resource.validate_properties`` in from_dict). Other SAM resources pass through
# plugins that convert some values first (the Globals plugin stringifies an Api's numeric
# OpenApiVersion), so only their structure is compared.
_SCALARS = {"string", "integer", "boolean"}


def _typed_scalars(owner: str) -> bool:
    return owner == FUNCTION or not owner.startswith("AWS::")


def _scalar(accepted: set[str]) -> bool:
    return bool(accepted & _SCALARS)


def _check(
    ctx: CheckContext, props: Mapping, shapes: dict[str, set[str]], what: str, rid: str, owner: str
) -> Iterator[Finding]:
    yield from _value_findings(ctx, props, owner, what, rid)
    typed = {str(e["path"]) for e in _value_types().get(owner, ())}
    for key, node in props.items.items():
        accepted = shapes.get(key)
        if not accepted or key in _DEDICATED or key in typed or (owner, key) in _OWNED_BY_LL035:
            continue
        literal = "literal" in accepted
        want = " or ".join(_WORDS[a] for a in sorted(accepted - {"literal"}))
        # Resource._is_intrinsic_function: any one-key mapping passes as an intrinsic where the
        # property supports intrinsics; where it does not, SAM validates the dict like any value.
        if isinstance(node, Mapping) and len(node.items) == 1 and not literal:
            continue
        if literal and intrinsic(node) is not None and "map" not in accepted:
            yield ctx.finding(
                f"{key} of {what} is an intrinsic function; SAM takes no intrinsic there (only "
                f"{want} as written) and rejects the template",
                at=node,
                resource=rid,
            )
            continue
        actual = _shape(node)
        if actual is None or _accepts(accepted, actual):
            continue
        if actual not in ("list", "map") and not _typed_scalars(owner) and _scalar(accepted):
            continue
        shown = _WORDS[actual] if actual in ("list", "map") else f"{_WORDS[actual]} {node.value!r}"  # type: ignore[union-attr]
        yield ctx.finding(
            f"{key} of {what} is {shown}; SAM accepts {want} there and rejects the template",
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
        yield from _check(
            ctx, res.properties, shapes, f"{res.logical_id}", res.logical_id, res.type
        )
        if res.type != FUNCTION:
            continue
        for ev in events(res):
            ev_shapes = event_types.get(ev.type or "")
            if ev_shapes and ev.properties is not None:
                what = f"{ev.type} event {ev.event_id} of function {res.logical_id}"
                yield from _check(
                    ctx, ev.properties, ev_shapes, what, res.logical_id, ev.type or ""
                )
