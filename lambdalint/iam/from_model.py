"""The one adapter between the template model (``lambdalint.model``) and ``iam/``: everything the
permission logic knows about functions, roles, triggers and permissions is read here, so a change
to the model's shape changes this module only."""

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
    POLLED_KINDS,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Permission,
    Role,
    Trigger,
    TriggerKind,
)
from lambdalint.model.refs import references
from lambdalint.source.nodes import Node, Scalar, Sequence
from lambdalint.source.template import Template

POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::ManagedPolicy")


def _role_names(node: Node | None) -> list[str]:
    nodes = list(node.items) if isinstance(node, Sequence) else [] if node is None else [node]
    return [t for n in nodes for t, _ in references(n)]


def attached_policies(template: Template) -> dict[str, list[AttachedPolicy]]:
    """Role logical id -> the template's policies that attach to it (Roles / RoleName)."""
    out: dict[str, list[AttachedPolicy]] = {}
    for res in template.resources_of(*POLICY_TYPES):
        p = res.properties
        ids = _role_names(p.get("Roles")) + _role_names(p.get("RoleName"))
        for rid in dict.fromkeys(ids):
            out.setdefault(rid, []).append(
                AttachedPolicy(
                    res.logical_id, res.type, p.get("PolicyDocument"), res.loc, res.condition
                )
            )
    return out


def _role(role: Role, attached: dict[str, list[AttachedPolicy]]) -> RoleView:
    return RoleView(
        logical_id=role.logical_id,
        loc=role.loc,
        generated=role.generated,
        managed_policy_arns=role.managed_policy_arns,
        policies=role.policies,
        permissions_boundary=role.permissions_boundary,
        attached=attached.get(role.logical_id, []),
        condition=role.condition,
    )


_ESM_KIND = {k.value: k.value for k in POLLED_KINDS}


def _esm(graph: LambdaGraph, esm: EventSourceMapping, trig: Trigger | None) -> EsmView:
    kind = trig.kind.value if trig is not None else TriggerKind.OTHER.value
    return EsmView(
        logical_id=esm.logical_id,
        loc=esm.loc,
        kind=_ESM_KIND.get(kind, "other"),
        source=esm.event_source_arn,
        source_id=esm.source_id,
        destination_config=esm.destination_config,
        sam=esm.dialect == "sam",
        properties=esm.properties,
        condition=esm.condition,
    )


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def functions(template: Template, graph: LambdaGraph) -> list[FunctionView]:
    attached = attached_policies(template)
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
        properties=fn.properties,
        role_node=fn.role,
        role=_role(role, attached) if role is not None else None,
        function_name=fn.function_name,
        vpc_config=fn.vpc_config,
        dead_letter=fn.dead_letter,
        event_invoke_config=fn.event_invoke_config,
        tracing=fn.tracing if fn.dialect == "sam" else fn.prop("TracingConfig"),
        file_system_configs=fn.file_system_configs,
        logging_config=fn.logging_config,
    )
    seen_esm: set[str] = set()
    for trig in graph.triggers_of(fn):
        esm = graph.mapping_of(trig)
        if esm is not None:
            if esm.logical_id not in seen_esm:
                seen_esm.add(esm.logical_id)
                view.esms.append(_esm(graph, esm, trig))
            continue
        source = template.resources.get(trig.source_id) if trig.source_id else None
        view.triggers.append(
            TriggerView(
                logical_id=trig.logical_id,
                loc=trig.loc,
                kind=trig.kind.value,
                sam=trig.dialect == "sam" and trig.resource_id == fn.logical_id,
                cfn_source=trig.dialect == "cfn",
                source_id=trig.source_id,
                source_type=source.type if source is not None else None,
                qualifier=trig.qualifier,
                resource_id=trig.resource_id,
                properties=trig.properties,
            )
        )
    targets = [fn, *graph.aliases_of(fn), *graph.versions_of(fn)]
    for target in targets:
        for m in graph.into(target, EdgeKind.PERMITS):
            if isinstance(m, Permission):
                view.permissions.append(
                    PermissionView(
                        logical_id=m.logical_id,
                        loc=m.loc,
                        function_id=fn.logical_id,
                        qualifier=m.qualifier,
                        action=m.action,
                        principal=m.principal,
                        source_arn=m.source_arn,
                        source_account=m.source_account,
                        function_url_auth_type=m.function_url_auth_type,
                        properties=m.properties,
                        condition=m.condition,
                    )
                )
        for m in graph.into(target, EdgeKind.CONFIGURES):
            if isinstance(m, FunctionUrl):
                view.urls.append(
                    UrlView(
                        m.logical_id,
                        m.loc,
                        fn.logical_id,
                        m.auth_type,
                        m.qualifier,
                        m.dialect == "sam",
                    )
                )
            elif isinstance(m, EventInvokeConfig) and m.dialect == "cfn" and m.destination_config:
                view.invoke_configs.append(m.destination_config)
    return view


def permissions(graph: LambdaGraph) -> list[PermissionView]:
    """Every AWS::Lambda::Permission of the template, whatever it names."""
    out: list[PermissionView] = []
    for m in graph.objects(Permission):
        out.append(
            PermissionView(
                logical_id=m.logical_id,
                loc=m.loc,
                function_id=m.function_id,
                qualifier=m.qualifier,
                action=m.action,
                principal=m.principal,
                source_arn=m.source_arn,
                source_account=m.source_account,
                function_url_auth_type=m.function_url_auth_type,
                properties=m.properties,
                condition=m.condition,
            )
        )
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
