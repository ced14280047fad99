"""LL410 permission-qualifier-mismatch (docs: rules/catalog/LL410.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Permission
from lambdalint.model.sources import Trigger
from lambdalint.model.targets import Qualifier, QualifierKind, Target

_KNOWN = (
    QualifierKind.ALIAS,
    QualifierKind.VERSION,
    QualifierKind.LATEST,
    QualifierKind.UNQUALIFIED,
)


def _only(targets: tuple[Target, ...]) -> Target | None:
    if len(targets) != 1 or targets[0].conditions or not targets[0].function_id:
        return None
    return targets[0]


def _same(a: Qualifier, b: Qualifier) -> bool:
    """Whether a permission on ``a`` serves an invoke of ``b``. ``$LATEST`` takes no policy of
    its own (API AddPermission: "Lambda does not support adding policies to version $LATEST"):
    the function's unqualified policy is the one that applies to it."""
    plain = (QualifierKind.UNQUALIFIED, QualifierKind.LATEST)
    return a == b or (a.kind in plain and b.kind in plain)


def _named(q: Qualifier) -> bool:
    return q.kind in (QualifierKind.UNQUALIFIED, QualifierKind.LATEST) or bool(q.name)


def _sources(perm: Permission) -> set[str] | None:
    """The template resources the permission's SourceArn names; None when it names none of
    them surely (no SourceArn, an outside ARN, a condition, something unknown)."""
    if not perm.source or any(not t.resolved or t.conditions for t in perm.source):
        return None
    return {t.node_id for t in perm.source if t.node_id}


def _covered(perm: Permission, trigger: Trigger, invoked: Target, ctx: CheckContext) -> bool:
    """Another permission may serve the trigger on the qualifier it invokes."""
    for other in ctx.graph.objects(Permission):
        if other is perm:
            continue
        if any(t.function_id in (None, invoked.function_id) for t in other.targets) and any(
            t.function_id is None
            or _same(t.qualifier, invoked.qualifier)
            or t.qualifier.kind is QualifierKind.UNKNOWN
            for t in other.targets
        ):
            sources = _sources(other)
            if sources is None or trigger.source_id in sources:
                return True
    return False


@check("LL410", on=Permission)
def permission_qualifier_mismatch(perm: Permission, ctx: CheckContext) -> Iterator[Finding]:
    granted = _only(perm.targets)
    # A permission on an alias, a version or the unqualified function allows invoking that
    # ARN only (API AddPermission Qualifier: "If the qualifier is not specified, the permission
    # is valid only when requests is made using unqualified function ARN"; DG
    # configuration-aliases); both qualifiers known.
    if granted is None or granted.qualifier.kind not in _KNOWN or not _named(granted.qualifier):
        return
    sources = _sources(perm)
    if sources is None or len(sources) != 1:
        return
    for trigger in ctx.graph.objects(Trigger):
        invoked = _only(trigger.targets)
        if (
            invoked is None
            or trigger.source_id not in sources
            or invoked.function_id != granted.function_id
            or invoked.qualifier.kind is QualifierKind.UNKNOWN
            or _same(granted.qualifier, invoked.qualifier)
            or not ctx.deployed(trigger)
            or _covered(perm, trigger, invoked, ctx)
        ):
            continue
        yield ctx.finding(
            f"permission {perm.logical_id} allows invoking {granted.function_id} as "
            f"{granted.qualifier}, but {trigger.source_id} invokes it as "
            f"{invoked.qualifier}: a permission on a qualifier (or on the unqualified "
            "function) allows only that ARN, so Lambda denies the invoke",
            at=granted.loc,
            resource=perm.resource_id,
            path=("Resources", perm.resource_id),
        )
