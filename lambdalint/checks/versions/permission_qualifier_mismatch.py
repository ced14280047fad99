"""LL410 permission-qualifier-mismatch (docs: rules/catalog/LL410.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Permission, Trigger
from lambdalint.model.targets import QualifierKind, Target

_KNOWN = (QualifierKind.ALIAS, QualifierKind.VERSION, QualifierKind.LATEST)


def _only(targets: tuple[Target, ...]) -> Target | None:
    if len(targets) != 1 or targets[0].conditions or not targets[0].function_id:
        return None
    return targets[0]


@check("LL410", on=Permission)
def permission_qualifier_mismatch(perm: Permission, ctx: CheckContext) -> Iterator[Finding]:
    granted = _only(perm.targets)
    # Only a permission on an alias or version is known to allow nothing else (DG
    # configuration-aliases); with both qualifiers known.
    if granted is None or granted.qualifier.kind not in _KNOWN or not granted.qualifier.name:
        return
    sources = {t.node_id for t in perm.source if t.resolved and not t.conditions}
    if len(sources) != 1:
        return
    for trigger in ctx.graph.objects(Trigger):
        invoked = _only(trigger.targets)
        if (
            invoked is None
            or trigger.source_id not in sources
            or invoked.function_id != granted.function_id
            or invoked.qualifier.kind is QualifierKind.UNKNOWN
            or invoked.qualifier == granted.qualifier
            or not ctx.deployed(trigger)
        ):
            continue
        yield ctx.finding(
            f"permission {perm.logical_id} allows invoking {granted.function_id} as "
            f"{granted.qualifier}, but {trigger.source_id} invokes it as "
            f"{invoked.qualifier}: a permission on a qualifier allows only that ARN, so "
            "Lambda denies the invoke",
            at=granted.loc,
            resource=perm.resource_id,
            path=("Resources", perm.resource_id),
        )
