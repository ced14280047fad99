"""SAM resources -> models. What SAM generates from a function (role, version and alias, URL,
invoke config, event source mappings, the permissions for push events) becomes the models
CloudFormation's own resources would, named as SAM names them and located on the line that
caused it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any

from lambdalint.facts import default
from lambdalint.model.base import Model
from lambdalint.model.declare import (
    generated_role_conditions,
    sam_alias_id,
    sam_names,
)
from lambdalint.model.deferred import function_grants, generated_role, no_destinations, trust_policy
from lambdalint.model.lambda_ import (
    Alias,
    CodeLocation,
    EventInvokeConfig,
    Function,
    FunctionUrl,
    LayerVersion,
    Role,
    Version,
)
from lambdalint.model.parts import (
    SAM_ROLE_TRUST,
    Norm,
    architectures_default,
    code_location,
    dead_letter,
    destination,
    item_targets,
    limit_default,
    origin,
    sub,
    trusted_services,
    vpc_config,
)
from lambdalint.model.read import Reader, anything, is_mapping, text, whole_number
from lambdalint.model.sam_events import event, permission
from lambdalint.model.sources import Trigger, TriggerKind
from lambdalint.model.targets import (
    LATEST,
    UNQUALIFIED,
    Qualifier,
    QualifierKind,
    Target,
    TargetKind,
)
from lambdalint.model.values import Field, Known
from lambdalint.source.nodes import Mapping
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
        "read_grants": partial(function_grants, norm.evaluator, res),
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
            read_policies=partial(generated_role, norm.evaluator, res, names.role),
            read_trust=partial(trust_policy, norm.evaluator, res, True),
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
                yield permission(
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
            destination_config=r.nested(eic, "DestinationConfig", is_mapping, site),
            on_success=destination(norm, r, destinations, "OnSuccess", site),
            on_failure=destination(norm, r, destinations, "OnFailure", site),
            # The function's grants hold what SAM's invoke config names (model/grants.py).
            read_grants=no_destinations,
        )
    for name, ev in _events(res):
        yield from event(norm, r, res, name, ev, invoked)


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


def code_of(norm: Norm, res: Resource) -> CodeLocation:
    r = norm.reader(res)
    return code_location(r, res.properties.get("ContentUri"), r.site("ContentUri"))
