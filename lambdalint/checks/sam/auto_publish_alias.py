"""LL401 sam-property-requires-auto-publish-alias: DeploymentPreference,
ProvisionedConcurrencyConfig or VersionDeletionPolicy on a SAM function without AutoPublishAlias
(docs: rules/catalog/LL401.yaml).

These configure the version and alias SAM publishes for AutoPublishAlias, and SAM rejects them
without it (samtranslator/model/sam_resources.py: ``to_cloudformation`` for
ProvisionedConcurrencyConfig, ``_validate_deployment_preference_and_add_update_policy`` for an
enabled DeploymentPreference, ``__validation_rules__`` for VersionDeletionPolicy). SAM tests the
raw value: an empty AutoPublishAlias is missing, a Ref to a parameter is present.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.intrinsics import UNKNOWN
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic

_DEPENDENTS = ("DeploymentPreference", "ProvisionedConcurrencyConfig", "VersionDeletionPolicy")


def _falsy(node: Node | None) -> bool:
    """What Python's ``not value`` says of the raw value SAM holds."""
    if node is None:
        return True
    if isinstance(node, Scalar):
        return not node.value
    if intrinsic(node) is not None:
        return False
    if isinstance(node, (Mapping, Sequence)):
        return not node.items
    return False


@check("LL401", on=None)
def sam_property_requires_auto_publish_alias(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn in sam_resources(ctx.template, FUNCTION):
        if not _falsy(fn.prop("AutoPublishAlias")):
            continue
        for name in (
            "DeploymentPreference",
            "ProvisionedConcurrencyConfig",
            "VersionDeletionPolicy",
        ):
            node = fn.prop(name)
            if node is None or (isinstance(node, Scalar) and node.value is None):
                continue
            if name != "VersionDeletionPolicy" and _falsy(node):
                continue
            if name == "DeploymentPreference":
                if not isinstance(node, Mapping) or intrinsic(node) is not None:
                    continue
                # A disabled preference (Enabled: false) needs no alias; unknown -> silent.
                enabled = ctx.value(node.items.get("Enabled"))
                if enabled is UNKNOWN or enabled in (False, "false", "False"):
                    continue
            yield ctx.finding(
                f"{name} of function {fn.logical_id} needs AutoPublishAlias, which the function "
                "does not set (or sets empty); SAM rejects the template",
                at=node,
                resource=fn.logical_id,
            )
