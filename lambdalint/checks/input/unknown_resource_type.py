"""LL012 unknown-resource-type: a Type that is no CloudFormation or SAM resource type
(docs: rules/catalog/LL012.yaml)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.resource_types import all_types, is_known


@check("LL012", on=None)
def unknown_resource_type(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for res in ctx.template.resources.values():
        if is_known(res.type):
            continue
        type_node = res.node.items.get("Type", res.node)
        hint = difflib.get_close_matches(res.type, all_types(), n=1, cutoff=0.8)
        if hint:
            why = f"; did you mean {hint[0]}?"
        elif res.type.startswith("AWS::"):
            why = " (newer than lambdalint's resource type data, or a typo)"
        else:
            why = " (a private registry type or module? then ignore this rule for it)"
        yield ctx.finding(
            f"unknown resource type {res.type!r}{why}", at=type_node, resource=res.logical_id
        )
