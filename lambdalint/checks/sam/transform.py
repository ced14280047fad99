"""LL020 sam-transform-missing and LL021 sam-transform-unused: AWS::Serverless::* resources need
the SAM transform, and the transform without them does nothing (docs: rules/catalog/LL020.yaml,
LL021.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import AWS_TRANSFORMS, declared_transforms
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping
from lambdalint.source.template import SAM_TRANSFORM


def _sam_resources(ctx: CheckContext) -> list[str]:
    """SAM resources in the order they are written."""
    sam = [r for r in ctx.template.resources.values() if r.is_sam]
    return [r.logical_id for r in sorted(sam, key=lambda r: (r.loc.line, r.loc.col))]


@check("LL020", on=None)
def sam_transform_missing(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    names = declared_transforms(ctx.template)
    if SAM_TRANSFORM in names or any(n not in AWS_TRANSFORMS for n in names):
        return
    if "Transform" in ctx.template.root.items and not names:
        return  # an intrinsic or other shape we cannot read: say nothing
    sam = _sam_resources(ctx)
    if not sam:
        return
    first = ctx.template.resources[sam[0]]
    at = first.node.items.get("Type", first.node)
    others = f" and {len(sam) - 1} more" if len(sam) > 1 else ""
    yield ctx.finding(
        f"{sam[0]}{others} use{'s' if len(sam) == 1 else ''} the SAM resource type {first.type}, "
        f"but the template does not declare Transform: {SAM_TRANSFORM}; CloudFormation rejects "
        "AWS::Serverless::* types without it",
        at=at,
        resource=first.logical_id,
    )


@check("LL021", on=None)
def sam_transform_unused(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    names = declared_transforms(ctx.template)
    if SAM_TRANSFORM not in names or _sam_resources(ctx):
        return
    if any(n not in AWS_TRANSFORMS for n in names):
        return  # a macro that runs first may generate AWS::Serverless::* resources
    declared = ctx.template.root.items.get("Resources")
    if not isinstance(declared, Mapping) or set(declared.items) - set(ctx.template.resources):
        return  # a resource whose Type is missing or unreadable may be a SAM one
    # Embedded connectors (a Connectors attribute on any resource) are SAM's too.
    if any(
        isinstance(r.node, Mapping) and "Connectors" in r.node.items
        for r in ctx.template.resources.values()
    ):
        return
    yield ctx.finding(
        f"Transform {SAM_TRANSFORM} is declared but no resource is an AWS::Serverless::* type "
        "or has Connectors: the transform changes nothing here (remove it, or it is left from "
        "a conversion)",
        at=ctx.template.root.items["Transform"],
    )
