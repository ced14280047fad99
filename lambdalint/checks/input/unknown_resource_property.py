"""LL013 unknown-resource-property: a property the resource type does not have; CloudFormation
rejects the stack (docs: rules/catalog/LL013.yaml)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, intrinsic
from lambdalint.source.resource_types import properties_of


@check("LL013", on=None)
def unknown_resource_property(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for res in ctx.template.resources.values():
        known = properties_of(res.type)
        if known is None:
            continue
        # The properties as written (not merged with Globals, which are validated on their own).
        props = res.node.items.get("Properties")
        if not isinstance(props, Mapping) or intrinsic(props) is not None:
            continue
        for name in props.items:
            if name in known:
                continue
            hint = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
            suffix = f"; did you mean {hint[0]}?" if hint else ""
            yield ctx.finding(
                f"{res.type} has no property {name!r}{suffix}",
                at=props.key_loc(name),
                resource=res.logical_id,
                path=("Resources", res.logical_id, "Properties", name),
            )
