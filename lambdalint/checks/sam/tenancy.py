"""LL029 sam-tenancy-incompatible: a SAM function with TenancyConfig that also sets what SAM does
not allow with tenant isolation (docs: rules/catalog/LL029.yaml).

From samtranslator/model/sam_resources.py ``_validate_tenancy_config_compatibility``: no
ProvisionedConcurrencyConfig, FunctionUrlConfig or SnapStart, and no event sources but Api and
HttpApi. SAM tests the raw values as Python truth values, Globals merged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, events, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic

_EXCLUDED = ("ProvisionedConcurrencyConfig", "FunctionUrlConfig", "SnapStart")
_EVENT_TYPES = ("Api", "HttpApi")


def _truthy(node: Node | None) -> bool:
    if node is None:
        return False
    if isinstance(node, Scalar):
        return bool(node.value)
    if intrinsic(node) is not None:
        return True
    return bool(node.items) if isinstance(node, (Mapping, Sequence)) else True


@check("LL029", on=None)
def sam_tenancy_incompatible(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn in sam_resources(ctx.template, FUNCTION):
        if not _truthy(fn.prop("TenancyConfig")):
            continue
        for name in _EXCLUDED:
            node = fn.prop(name)
            if _truthy(node):
                assert node is not None
                yield ctx.finding(
                    f"function {fn.logical_id} has TenancyConfig and {name}; SAM rejects "
                    f"{name} on functions with tenant isolation",
                    at=node,
                    resource=fn.logical_id,
                )
        for ev in events(fn):
            if ev.type not in _EVENT_TYPES:
                yield ctx.finding(
                    f"function {fn.logical_id} has TenancyConfig and a {ev.type} event "
                    f"({ev.event_id}); SAM accepts only Api and HttpApi events with tenant "
                    "isolation",
                    at=ev.node.items.get("Type", ev.node),
                    resource=fn.logical_id,
                )
