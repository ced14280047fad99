"""SAM resources -> models. What SAM generates from a function (role, version and alias, URL,
invoke config, event source mappings, the permissions for push events) becomes the models
CloudFormation's own resources would, named as SAM names them and located on the line that
caused it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from lambdalint.facts import default
from lambdalint.model.declare import (
    SAM_EVENT_KINDS,
    SAM_SOURCE_PROPERTY,
    generated_role_conditions,
    sam_alias_id,
    sam_names,
    sqs_subscription,
)
from lambdalint.model.lambda_ import (
    Alias,
    Api,
    CodeLocation,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Model,
    Permission,
    Queue,
    Role,
    Trigger,
    TriggerKind,
    Version,
)
from lambdalint.model.parts import (
    SAM_ROLE_TRUST,
    Norm,
    architectures_default,
    code_location,
    dead_letter,
    destination,
    esm_settings,
    item_targets,
    limit_default,
    origin,
    sub,
    trusted_services,
    vpc_config,
)
from lambdalint.model.read import Reader, anything, scalar_text, text, whole_number
from lambdalint.model.targets import (
    LATEST,
    UNQUALIFIED,
    Qualifier,
    QualifierKind,
    Target,
    TargetKind,
)
from lambdalint.model.values import Field, Known
from lambdalint.source.nodes import Mapping, Node
from lambdalint.source.template import Resource


def function(norm: Norm, res: Resource) -> Function:
    r = norm.reader(res)
    p = res.properties
    names = sam_names(norm.evaluator, res)
    # The role written, and SAM's generated one wherever Role is absent or AWS::NoValue.
    role = norm.targets(p.get("Role")) + tuple(
        Target(TargetKind.RESOLVED, res.loc, conditions, node_id=names.role)
        for conditions in generated_role_conditions(norm.evaluator, res)
    )
    inline = p.get("InlineCode")
    image = p.get("ImageUri")
    if inline is not None:
        code = code_location(r, inline, r.site("InlineCode"), inline=True)
    elif image is not None and p.get("CodeUri") is None:
        code = code_location(r, image, r.site("ImageUri"), image=True)
    else:
        code = code_location(r, p.get("CodeUri"), r.site("CodeUri"))
    return Function(
        **origin(res),
        **common_function_fields(norm, r, res),
        package_type=r.prop("PackageType", text, (_ZIP, _PACKAGE_SOURCE)),
        code=code,
        image_uri=r.prop("ImageUri", text),
        ephemeral_storage=r.nested(
            p.get("EphemeralStorage"),
            "Size",
            whole_number,
            r.site("EphemeralStorage"),
            limit_default("ephemeral_storage"),
        ),
        role=role,
        role_site=r.site("Role"),
        policies=r.prop("Policies", anything),
        dead_letter=dead_letter(norm, r, p.get("DeadLetterQueue"), r.site("DeadLetterQueue")),
        provisioned_concurrency=r.nested(
            p.get("ProvisionedConcurrencyConfig"),
            "ProvisionedConcurrentExecutions",
            whole_number,
            r.site("ProvisionedConcurrencyConfig"),
        ),
        auto_publish_alias=r.prop("AutoPublishAlias", text),
        deployment_preference=r.prop("DeploymentPreference", anything),
        tracing=r.prop("Tracing", text, default("function", "tracing")),
        event_ids=tuple(f"{res.logical_id}.{name}" for name, event in _events(res)),
    )


_ZIP = "Zip"
_PACKAGE_SOURCE = "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html"


def common_function_fields(norm: Norm, r: Reader, res: Resource) -> dict[str, Any]:
    """The function properties SAM and CloudFormation spell the same way."""
    p = res.properties
    layers = p.get("Layers")
    arch_site = r.site("Architectures")
    architectures = p.get("Architectures")
    return {
        "name": r.prop("FunctionName", text),
        "handler": r.prop("Handler", text),
        "runtime": r.prop("Runtime", text),
        "memory_size": r.prop("MemorySize", whole_number, limit_default("memory_size")),
        "timeout": r.prop("Timeout", whole_number, limit_default("timeout")),
        # Located at the Environment key (not Variables): what the variables' rules point at.
        "environment": replace(
            r.nested(
                p.get("Environment"),
                "Variables",
                r.mapping_of(text, r.site("Environment")),
                r.site("Environment"),
            ),
            site=r.site("Environment"),
        ),
        "layers": r.field(layers, r.list_of(text, r.site("Layers")), r.site("Layers")),
        "layer_targets": item_targets(norm, layers),
        "architectures": (
            r.field(architectures, r.list_of(text, arch_site), arch_site)
            if architectures is not None
            else architectures_default(arch_site)
        ),
        "vpc": vpc_config(norm, r, p.get("VpcConfig"), r.site("VpcConfig")),
        "reserved_concurrency": r.prop("ReservedConcurrentExecutions", whole_number),
        "capacity_provider": r.prop("CapacityProviderConfig", anything),
        "snap_start": r.nested(p.get("SnapStart"), "ApplyOn", text, r.site("SnapStart")),
        "runtime_management": r.nested(
            p.get("RuntimeManagementConfig"),
            "UpdateRuntimeOn",
            text,
            r.site("RuntimeManagementConfig"),
        ),
        "log_group": r.nested(p.get("LoggingConfig"), "LogGroup", text, r.site("LoggingConfig")),
        "file_systems": r.prop("FileSystemConfigs", anything),
        "kms_key": norm.targets(p.get("KmsKeyArn")),
    }


def _events(res: Resource) -> Iterator[tuple[str, Mapping]]:
    events = res.properties.get("Events")
    if isinstance(events, Mapping):
        for name, event in events.items.items():
            if isinstance(event, Mapping):
                yield name, event


def function_parts(norm: Norm, res: Resource, fn: Function) -> Iterator[Model]:
    """Everything SAM generates from one function."""
    p = res.properties
    r = norm.reader(res)
    names = sam_names(norm.evaluator, res)
    if generated_role_conditions(norm.evaluator, res):
        role_keys = ("Policies", "PermissionsBoundary", "AssumeRolePolicyDocument", "RolePath")
        role_props = Mapping({k: v for k, v in p.items.items() if k in role_keys}, p.loc)
        yield Role(
            **origin(
                res,
                logical_id=names.role,
                resource_type="AWS::IAM::Role",
                properties=role_props,
                generated=True,
            ),
            assume_role_policy=r.prop("AssumeRolePolicyDocument", anything),
            managed_policy_arns=r.field(None, text, r.site("Policies")),
            policies=fn.policies,
            permissions_boundary=r.prop("PermissionsBoundary", text),
            trusted_services=trusted_services(
                norm,
                r,
                p.get("AssumeRolePolicyDocument"),
                r.site("AssumeRolePolicyDocument"),
                SAM_ROLE_TRUST,
            ),
        )
    alias_node = p.get("AutoPublishAlias")
    # What SAM points the URL, invoke config and events at: the alias, else the function.
    qualifier: Qualifier = UNQUALIFIED
    if alias_node is not None:
        qualifier = (
            Qualifier(QualifierKind.ALIAS, names.alias_name)
            if names.alias_name
            else Qualifier(QualifierKind.UNKNOWN)
        )
        yield Version(
            **origin(
                res,
                logical_id=names.version,
                resource_type="AWS::Lambda::Version",
                at=alias_node,
                generated=True,
            ),
            function_id=res.logical_id,
            provisioned_concurrency=r.field(None, whole_number, r.site("AutoPublishAlias")),
            code_sha256=r.prop("AutoPublishCodeSha256", text),
            description=r.prop("VersionDescription", text),
        )
        alias_id = names.alias or sam_alias_id(res.logical_id, "")
        yield Alias(
            **origin(
                res,
                logical_id=alias_id,
                resource_type="AWS::Lambda::Alias",
                at=alias_node,
                generated=True,
            ),
            function_id=res.logical_id,
            name=fn.auto_publish_alias,
            function_version=Field(
                (Known(names.version, alias_node.loc),), False, r.site("AutoPublishAlias")
            ),
            version=(
                Target(
                    TargetKind.RESOLVED,
                    alias_node.loc,
                    node_id=names.version,
                    function_id=res.logical_id,
                    qualifier=Qualifier(QualifierKind.VERSION, names.version),
                ),
            ),
            provisioned_concurrency=fn.provisioned_concurrency,
        )
    invoked = norm.resolver.function_target(res.logical_id, qualifier, (alias_node or res.node).loc)
    eic_qualifier = qualifier if alias_node is not None else LATEST
    url_config = p.get("FunctionUrlConfig")
    if isinstance(url_config, Mapping):
        url_site = r.site("FunctionUrlConfig")
        url = FunctionUrl(
            **origin(
                res,
                logical_id=names.url,
                resource_type="AWS::Lambda::Url",
                at=url_config,
                properties=url_config,
                generated=True,
            ),
            targets=(invoked,),
            qualifier=qualifier,
            auth_type=r.nested(url_config, "AuthType", text, url_site),
            invoke_mode=r.nested(url_config, "InvokeMode", text, url_site),
            cors=r.nested(url_config, "Cors", anything, url_site),
        )
        yield url
        yield Trigger(
            **origin(
                res,
                logical_id=f"{names.url}.Trigger",
                resource_type="AWS::Lambda::Url",
                at=url_config,
                properties=url_config,
                generated=True,
            ),
            kind=TriggerKind.FUNCTION_URL,
            targets=(invoked,),
            source_id=url.logical_id,
        )
        auth = url.auth_type.only()
        if auth == "NONE":
            for suffix, action in (
                ("UrlPublicPermissions", "lambda:InvokeFunctionUrl"),
                ("URLInvokeAllowPublicAccess", "lambda:InvokeFunction"),
            ):
                yield _permission(
                    norm,
                    r,
                    res,
                    f"{res.logical_id}{suffix}",
                    url_config,
                    invoked,
                    action,
                    "*",
                    auth_type="NONE",
                )
    eic = p.get("EventInvokeConfig")
    if isinstance(eic, Mapping):
        site = r.site("EventInvokeConfig")
        destinations = sub(eic, "DestinationConfig")
        yield EventInvokeConfig(
            **origin(
                res,
                logical_id=names.event_invoke_config,
                resource_type="AWS::Lambda::EventInvokeConfig",
                at=eic,
                properties=eic,
                generated=True,
            ),
            targets=(invoked,),
            qualifier=eic_qualifier,
            maximum_retry_attempts=r.nested(
                eic,
                "MaximumRetryAttempts",
                whole_number,
                site,
                default("async", "maximum_retry_attempts"),
            ),
            maximum_event_age=r.nested(
                eic,
                "MaximumEventAgeInSeconds",
                whole_number,
                site,
                default("async", "maximum_event_age"),
            ),
            on_success=destination(norm, r, sub(destinations, "OnSuccess"), site),
            on_failure=destination(norm, r, sub(destinations, "OnFailure"), site),
        )
    for name, event in _events(res):
        yield from _event(norm, r, res, name, event, invoked)


# SAM's principal per push event type; see rules/facts/sam_push_principals.yaml.
def _event(
    norm: Norm, r: Reader, res: Resource, name: str, event: Mapping, invoked: Target
) -> Iterator[Model]:
    etype = scalar_text(event.get("Type")) or ""
    kind = SAM_EVENT_KINDS.get(etype, TriggerKind.OTHER)
    props = event.get("Properties")
    props = props if isinstance(props, Mapping) else Mapping({}, event.loc)
    source_prop = SAM_SOURCE_PROPERTY.get(etype)
    source_node = props.get(source_prop) if source_prop else None
    source = norm.targets(source_node) if source_node is not None else ()
    source_id = next(
        (t.node_id for t in source if t.resolved and t.node_id in norm.template.resources), None
    )
    event_id = f"{res.logical_id}.{name}"
    subscription = sqs_subscription(norm.evaluator, event)
    if subscription is not None:
        yield from _sns_via_queue(norm, r, res, name, event, invoked, subscription)
        return
    mapping_id = None
    if kind in _POLLED:
        mapping_id = f"{event_id}.Mapping"
        yield EventSourceMapping(
            **origin(
                res,
                logical_id=mapping_id,
                resource_type="AWS::Lambda::EventSourceMapping",
                at=event,
                properties=props,
                generated=True,
            ),
            kind=kind,
            targets=(invoked,),
            event_source=source,
            source_id=source_id,
            **esm_settings(norm, r, props, kind),
        )
    yield Trigger(
        **origin(
            res,
            logical_id=event_id,
            resource_type=f"AWS::Serverless::Function.{etype or 'Event'}",
            at=event,
            properties=props,
        ),
        kind=kind,
        targets=(invoked,),
        source_id=source_id,
        mapping_id=mapping_id,
    )
    principal = _principals().get(etype)
    if principal is not None:
        yield _permission(
            norm,
            r,
            res,
            f"{res.logical_id}{name}Permission",
            event,
            invoked,
            "lambda:InvokeFunction",
            principal,
            source=source,
        )


def _sns_via_queue(
    norm: Norm, r: Reader, res: Resource, name: str, event: Mapping, invoked: Target, node: Node
) -> Iterator[Model]:
    """An SNS event with ``SqsSubscription``: SAM subscribes a queue (its own ``<Fn><Event>Queue``
    when ``true``, else ``QueueArn``) and polls it with an event source mapping, batch size
    ``SqsSubscription.BatchSize`` or 10 (samtranslator/model/eventsources/push.py ``SNS``)."""
    event_id = f"{res.logical_id}.{name}"
    mapping_id = f"{event_id}.Mapping"
    own_queue = norm.evaluator.value(node) is True
    settings = Mapping({}, event.loc)
    if own_queue:
        queue_id = f"{res.logical_id}{name}Queue"
        site = r.site("Events")
        yield Queue(
            **origin(
                res,
                logical_id=queue_id,
                resource_type="AWS::SQS::Queue",
                at=event,
                properties=Mapping({}, event.loc),
                generated=True,
            ),
            visibility_timeout=Field(
                (Known(30, event.loc, default=True, source=_QUEUE_SOURCE),), False, site
            ),
            dead_letter=(),
            max_receive_count=Field((), False, site),
            fifo=Field((), False, site),
            message_retention=Field((), False, site),
        )
        source: tuple[Target, ...] = (
            Target(TargetKind.RESOLVED, event.loc, node_id=queue_id, attribute="Arn"),
        )
    else:
        arn = sub(node, "QueueArn")
        source = norm.targets(arn)
        batch = sub(node, "BatchSize")
        if batch is not None:
            settings = Mapping({"BatchSize": batch}, node.loc)
    source_id = next((t.node_id for t in source if t.resolved and t.node_id), None)
    yield EventSourceMapping(
        **origin(
            res,
            logical_id=mapping_id,
            resource_type="AWS::Lambda::EventSourceMapping",
            at=event,
            properties=settings,
            generated=True,
        ),
        kind=TriggerKind.SQS,
        targets=(invoked,),
        event_source=source,
        source_id=source_id,
        **esm_settings(norm, r, settings, TriggerKind.SQS),
    )
    yield Trigger(
        **origin(
            res,
            logical_id=event_id,
            resource_type="AWS::Serverless::Function.SNS",
            at=event,
            properties=settings,
        ),
        kind=TriggerKind.SQS,
        targets=(invoked,),
        source_id=source_id,
        mapping_id=mapping_id,
    )


_QUEUE_SOURCE = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html"

_POLLED = frozenset(
    {
        TriggerKind.SQS,
        TriggerKind.KINESIS,
        TriggerKind.DYNAMODB,
        TriggerKind.MSK,
        TriggerKind.MQ,
        TriggerKind.KAFKA,
        TriggerKind.DOCUMENTDB,
    }
)


def _principals() -> dict[str, str]:
    from lambdalint.data import load_data

    rows = load_data("facts/sam_push_principals.yaml")["events"]
    return {etype: row["principal"] for etype, row in rows.items()}


def _permission(
    norm: Norm,
    r: Reader,
    res: Resource,
    logical_id: str,
    at: Node,
    invoked: Target,
    action: str,
    principal: str,
    *,
    source: tuple[Target, ...] = (),
    auth_type: str | None = None,
) -> Permission:
    site = r.site("Events") if auth_type is None else r.site("FunctionUrlConfig")

    def fixed(value: str | None) -> Field[str]:
        if value is None:
            return Field((), False, site)
        return Field((Known(value, at.loc),), False, site)

    return Permission(
        **origin(
            res,
            logical_id=logical_id,
            resource_type="AWS::Lambda::Permission",
            at=at,
            properties=Mapping({}, at.loc),
            generated=True,
        ),
        targets=(invoked,),
        action=fixed(action),
        principal=fixed(principal),
        source_arn=fixed(None),
        source=source,
        source_account=fixed(None),
        function_url_auth_type=fixed(auth_type),
        principal_org_id=fixed(None),
        event_source_token=fixed(None),
    )


def layer(norm: Norm, res: Resource) -> LayerVersion:
    r = norm.reader(res)
    return LayerVersion(
        **origin(res),
        compatible_runtimes=r.prop(
            "CompatibleRuntimes", r.list_of(text, r.site("CompatibleRuntimes"))
        ),
        compatible_architectures=r.prop(
            "CompatibleArchitectures", r.list_of(text, r.site("CompatibleArchitectures"))
        ),
        layer_name=r.prop("LayerName", text),
    )


def api(norm: Norm, res: Resource) -> Iterator[Model]:
    """A SAM API, and the functions SAM lets it invoke: REST Lambda authorizers
    (``<Api><Authorizer>AuthorizerPermission``), WebSocket routes (``<Api><Route>Permission``)
    and the WebSocket authorizer (``<Api>AuthorizerPermission``), as samtranslator/model/api/
    {api_generator,websocket_api_generator}.py write them."""
    kind = "rest"
    if res.type.endswith("HttpApi"):
        kind = "http"
    elif res.type.endswith("WebSocketApi"):
        kind = "websocket"
    yield Api(**origin(res), api_kind=kind)  # type: ignore[arg-type]
    r = norm.reader(res)
    p = res.properties
    auth = p.get("Auth")
    # (name, the permission SAM adds or None, the node naming the function, trigger kind)
    invokers: list[tuple[str, str | None, Node, TriggerKind]] = []
    if kind == "rest":
        authorizers = sub(auth, "Authorizers")
        if isinstance(authorizers, Mapping):
            for name, config in authorizers.items.items():
                arn = sub(config, "FunctionArn")
                if arn is not None:
                    disabled = norm.evaluator.value(
                        sub(config, "DisableFunctionDefaultPermissions")
                    )
                    pid = (
                        None if disabled is True else f"{res.logical_id}{name}AuthorizerPermission"
                    )
                    invokers.append((name, pid, arn, TriggerKind.API))
    elif kind == "websocket":
        routes = p.get("Routes")
        if isinstance(routes, Mapping):
            for route, config in routes.items.items():
                arn = sub(config, "FunctionArn")
                if arn is not None:
                    label = "".join(c for c in route.title() if c.isalnum())
                    pid = f"{res.logical_id}{label}Permission"
                    invokers.append((route, pid, arn, TriggerKind.WEBSOCKET_API))
        arn = sub(auth, "AuthArn")
        if arn is not None:
            # With an InvokeRole, API Gateway invokes through the role: no permission.
            role = sub(auth, "InvokeRole")
            pid = None if role is not None else f"{res.logical_id}AuthorizerPermission"
            invokers.append(("Authorizer", pid, arn, TriggerKind.WEBSOCKET_API))
    for name, permission_id, arn, trigger_kind in invokers:
        targets = norm.targets(arn)
        functions = [t for t in targets if t.function_id]
        if not functions:
            continue
        yield Trigger(
            **origin(
                res,
                logical_id=f"{res.logical_id}.{name}",
                at=arn,
                properties=Mapping({}, arn.loc),
                generated=True,
            ),
            kind=trigger_kind,
            targets=targets,
            source_id=res.logical_id,
        )
        if permission_id is None:
            continue
        yield _permission(
            norm,
            r,
            res,
            permission_id,
            arn,
            functions[0],
            "lambda:InvokeFunction",
            "apigateway.amazonaws.com",
        )


def code_of(norm: Norm, res: Resource) -> CodeLocation:
    r = norm.reader(res)
    return code_location(r, res.properties.get("ContentUri"), r.site("ContentUri"))
