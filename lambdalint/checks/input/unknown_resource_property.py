"""LL013 unknown-resource-property: a property the resource type (or, for a SAM function, the event
source type) does not have; CloudFormation or the SAM transform rejects the stack (docs:
rules/catalog/LL013.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Scalar, intrinsic
from lambdalint.source.resource_types import (
    function_event_properties,
    function_event_types,
    properties_of,
)
from lambdalint.source.template import Resource

SAM_FUNCTION = "AWS::Serverless::Function"
# A key that is not a property: ``Fn::Transform`` (e.g. AWS::Include) next to real properties is
# replaced by the snippet it names before CloudFormation validates the resource.
_NOT_PROPERTIES = frozenset({"Fn::Transform"})


def _hint(name: str, known: Iterable[str]) -> str:
    # Property names are long and alike (MemorySize, MemorySise): ask for a closer match.
    return did_you_mean(name, known, cutoff=0.75)


def _mapping(node: object) -> Mapping | None:
    """The node when it is a literal mapping; None for anything else, including an intrinsic
    (``!If``) whose branches lambdalint does not check here."""
    if isinstance(node, Mapping) and intrinsic(node) is None:
        return node
    return None


@check("LL013", on=None)
def unknown_resource_property(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for res in ctx.template.resources.values():
        # The properties as written (not merged with Globals, which are validated on their own).
        props = _mapping(res.node.items.get("Properties"))
        if props is None:
            continue
        known = properties_of(res.type)
        if known is not None:
            for name in props.items:
                if name in known or name in _NOT_PROPERTIES:
                    continue
                yield ctx.finding(
                    f"{res.type} has no property {name!r}{_hint(name, known)}",
                    at=props.key_loc(name),
                    resource=res.logical_id,
                    path=("Resources", res.logical_id, "Properties", name),
                )
        if res.type == SAM_FUNCTION:
            yield from _event_findings(res, props, ctx)


def _event_findings(res: Resource, props: Mapping, ctx: CheckContext) -> Iterator[Finding]:
    """Each ``Events.<id>`` of a SAM function: its Type must be an event source type SAM knows,
    and its Properties keys must belong to that type (SAM builds the event source with the same
    unknown-key check as a resource)."""
    events = _mapping(props.items.get("Events"))
    if events is None:
        return
    base = ("Resources", res.logical_id, "Properties", "Events")
    for event_id, event in events.items.items():
        event_map = _mapping(event)
        if event_map is None:
            continue
        type_node = event_map.items.get("Type")
        if not isinstance(type_node, Scalar) or not isinstance(type_node.value, str):
            continue  # missing, intrinsic or non-string: not a name to compare
        event_type = type_node.value
        known = function_event_properties(event_type)
        if known is None:
            types = function_event_types()
            if not types:
                continue  # no event data shipped: nothing to compare with
            yield ctx.finding(
                f"{SAM_FUNCTION} event {event_id!r} has unknown Type {event_type!r}"
                f"{_hint(event_type, types)} (SAM event source types: {', '.join(types)})",
                at=type_node,
                resource=res.logical_id,
                path=(*base, event_id, "Type"),
            )
            continue
        event_props = _mapping(event_map.items.get("Properties"))
        if event_props is None:
            continue
        for name in event_props.items:
            if name in known:
                continue
            yield ctx.finding(
                f"{event_type} event {event_id!r} has no property {name!r}{_hint(name, known)}",
                at=event_props.key_loc(name),
                resource=res.logical_id,
                path=(*base, event_id, "Properties", name),
            )
