"""The one adapter between the template model (``lambdalint.model``) and ``iam/``: everything the
permission logic knows about functions, roles, triggers and permissions is read here, so a change
to the model's shape changes this module only.

The views carry the model's typed fields: a role's policies, boundary and attached policies
(for SAM's generated role, what SAM writes into it), a permission's resource-policy statement, a
URL's AuthType, and what a function's configuration names (``model/grants.py``); links (the
role, what a trigger or permission invokes, with its qualifier) are the model's targets. What
SAM generates itself (its permissions for events and function URLs, an API's authorizer
triggers) is SAM's to get right: generated permissions are left out of the views, and triggers
SAM wires count as SAM events."""

from __future__ import annotations

from lambdalint.iam.views import (
    AttachedPolicy,
    EsmView,
    FunctionView,
    PermissionView,
    RoleView,
    TriggerView,
    UrlView,
)
from lambdalint.model.graph import EdgeKind, LambdaGraph
from lambdalint.model.lambda_ import (
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Permission,
    Policy,
    Role,
)
from lambdalint.model.sources import POLLED_KINDS, Trigger, TriggerKind
from lambdalint.model.targets import QualifierKind, Target
from lambdalint.source.template import Template

POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::ManagedPolicy")


def attached_policies(graph: LambdaGraph) -> dict[str, list[AttachedPolicy]]:
    """Role logical id -> the template's policies that attach to it (Roles / RoleName)."""
    out: dict[str, list[AttachedPolicy]] = {}
    for policy in graph.objects(Policy):
        ids = [t.node_id for t in policy.roles if t.resolved and t.node_id]
        for rid in dict.fromkeys(ids):
            out.setdefault(rid, []).append(
                AttachedPolicy(
                    policy.logical_id, policy.resource_type, policy, policy.loc, policy.condition
                )
            )
    return out


def _role(role: Role, attached: dict[str, list[AttachedPolicy]]) -> RoleView:
    return RoleView(
        logical_id=role.logical_id,
        loc=role.loc,
        generated=role.generated,
        model=role,
        attached=attached.get(role.logical_id, []),
        condition=role.condition,
    )


_ESM_KIND = {k.value: k.value for k in POLLED_KINDS}


def _esm(esm: EventSourceMapping, trig: Trigger | None) -> EsmView:
    kind = trig.kind.value if trig is not None else TriggerKind.OTHER.value
    return EsmView(
        logical_id=esm.logical_id,
        loc=esm.loc,
        kind=_ESM_KIND.get(kind, "other"),
        source_id=esm.source_id,
        grants=esm.grants,
        sam=esm.dialect == "sam",
        condition=esm.condition,
    )


def functions(template: Template, graph: LambdaGraph) -> list[FunctionView]:
    attached = attached_policies(graph)
    out: list[FunctionView] = []
    for fn in graph.functions():
        out.append(_function(template, graph, fn, attached))
    return out


def _function(
    template: Template, graph: LambdaGraph, fn: Function, attached: dict[str, list[AttachedPolicy]]
) -> FunctionView:
    role = graph.role_of(fn)
    view = FunctionView(
        logical_id=fn.logical_id,
        loc=fn.loc,
        dialect=fn.dialect,
        condition=fn.condition,
        role_written=fn.role_site.value is not None,
        role_chosen=fn.role_site.value is not None and any(t.conditions for t in fn.role),
        role=_role(role, attached) if role is not None else None,
        grants=fn.grants,
    )
    seen_esm: set[str] = set()
    for trig in graph.triggers_of(fn):
        esm = graph.mapping_of(trig)
        if esm is not None:
            if esm.logical_id not in seen_esm:
                seen_esm.add(esm.logical_id)
                view.esms.append(_esm(esm, trig))
            continue
        source = template.resources.get(trig.source_id) if trig.source_id else None
        view.triggers.append(
            TriggerView(
                logical_id=trig.logical_id,
                loc=trig.loc,
                kind=trig.kind.value,
                sam=trig.generated or (trig.dialect == "sam" and trig.resource_id == fn.logical_id),
                cfn_source=trig.dialect == "cfn",
                source_id=trig.source_id,
                source_type=source.type if source is not None else None,
                qualifier=_qualifier(trig.targets, fn.logical_id),
                resource_id=trig.resource_id,
            )
        )
    targets = [fn, *graph.aliases_of(fn), *graph.versions_of(fn)]
    for target in targets:
        for m in graph.into(target, EdgeKind.PERMITS):
            view_ = _permission(m, fn.logical_id) if isinstance(m, Permission) else None
            if view_ is not None and not m.generated:
                view.permissions.append(view_)
        for m in graph.into(target, EdgeKind.CONFIGURES):
            if isinstance(m, FunctionUrl):
                view.urls.append(
                    UrlView(m.logical_id, m.loc, fn.logical_id, m.auth_type, m.dialect == "sam")
                )
            elif isinstance(m, EventInvokeConfig) and m.dialect == "cfn":
                view.invoke_destinations.extend(m.grants)
    return view


def _qualifier(targets: tuple[Target, ...], fn_id: str | None) -> str | None:
    """The alias name or version a reference to ``fn_id`` invokes, if any (the first branch)."""
    for t in targets:
        if (fn_id is None or t.function_id == fn_id) and t.qualifier.kind in (
            QualifierKind.ALIAS,
            QualifierKind.VERSION,
        ):
            return t.qualifier.name
    return None


def _permission(m: Permission, fn_id: str | None) -> PermissionView | None:
    statement = m.statement
    if statement is None:
        return None
    return PermissionView(
        logical_id=m.logical_id,
        loc=m.loc,
        function_id=fn_id,
        qualifier=_qualifier(m.targets, fn_id),
        statement=statement,
        condition=m.condition,
    )


def permissions(graph: LambdaGraph) -> list[PermissionView]:
    """Every AWS::Lambda::Permission of the template, whatever it names."""
    out: list[PermissionView] = []
    for m in graph.objects(Permission):
        if m.generated:
            continue
        fn_id = next((t.function_id for t in m.targets if t.function_id), None)
        found = _permission(m, fn_id)
        if found is not None:
            out.append(found)
    return out


def has_macros(template: Template) -> bool:
    """A transform other than SAM's may add resources (permissions, policies) we cannot see."""
    from lambdalint.source.template import SAM_TRANSFORM, transforms

    return any(t != SAM_TRANSFORM for t in transforms(template.root))


def has_connectors(template: Template) -> bool:
    """SAM connectors write policies and Lambda permissions the model does not show."""
    return any(
        res.type == "AWS::Serverless::Connector" or "Connectors" in res.node
        for res in template.resources.values()
    )


__all__ = ["attached_policies", "functions", "has_connectors", "has_macros", "permissions"]
