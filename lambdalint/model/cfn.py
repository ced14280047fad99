"""Plain CloudFormation resources -> models: Lambda's own resources, IAM, queues and topics.
The producers that invoke a function (buckets, rules, APIs ...) are in ``producers.py``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial

from lambdalint.facts import default
from lambdalint.model.base import Model
from lambdalint.model.deferred import destinations as grant_destinations
from lambdalint.model.deferred import (
    esm_grants,
    permission_statement,
)
from lambdalint.model.esm import esm_settings
from lambdalint.model.lambda_ import (
    Alias,
    CodeKind,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Permission,
    RoutingEntry,
    Version,
)
from lambdalint.model.parts import (
    Norm,
    code_location,
    dead_letter,
    destination,
    limit_default,
    origin,
    sub,
)
from lambdalint.model.read import anything, boolean, is_mapping, number, text, whole_number
from lambdalint.model.sam import common_function_fields
from lambdalint.model.sources import Queue, Subscription, Topic, Trigger, TriggerKind
from lambdalint.model.targets import UNKNOWN_QUALIFIER, Qualifier, QualifierKind, qualifier_of
from lambdalint.model.values import Field, Unknown
from lambdalint.source.nodes import Mapping, Sequence, intrinsic
from lambdalint.source.template import Resource
from lambdalint.source.values import ResourceRef

Reader = Callable[[Norm, Resource], Iterator[Model]]


def function(norm: Norm, res: Resource) -> Function:
    r = norm.reader(res)
    p = res.properties
    code = p.get("Code")
    code_site = r.site("Code")
    if sub(code, "ZipFile") is not None:
        location = code_location(
            r, sub(code, "ZipFile"), r.site_in(code, "ZipFile", code_site), inline=True
        )
    elif sub(code, "ImageUri") is not None:
        location = code_location(
            r, sub(code, "ImageUri"), r.site_in(code, "ImageUri", code_site), image=True
        )
    else:
        location = code_location(r, code, code_site)
        if location.kind is CodeKind.UNKNOWN and isinstance(code, Mapping) and "S3Bucket" in code:
            location = replace(location, kind=CodeKind.S3)
    image_uri = r.nested(code, "ImageUri", text, code_site)
    package_type = r.prop(
        "PackageType",
        text,
        ("Zip", "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html"),
    )
    if not package_type.written and image_uri.written:
        # CloudFormation with an image URI but no PackageType: the package type is in doubt
        # (Lambda rejects it as Zip); neither is assumed.
        site = package_type.site
        package_type = Field((Unknown("an image URI without PackageType", site.loc),), False, site)
    tracing = r.nested(
        p.get("TracingConfig"),
        "Mode",
        text,
        r.site("TracingConfig"),
        default("function", "tracing"),
    )
    return Function(
        **origin(res),
        **common_function_fields(norm, r, res),
        package_type=package_type,
        code=location,
        image_uri=image_uri,
        ephemeral_storage=r.nested(
            p.get("EphemeralStorage"),
            "Size",
            whole_number,
            r.site("EphemeralStorage"),
            limit_default("ephemeral_storage"),
        ),
        role=norm.targets(p.get("Role")),
        role_site=r.site("Role"),
        policies=r.field(None, anything, r.site("Role")),
        dead_letter=dead_letter(norm, r, p.get("DeadLetterConfig"), r.site("DeadLetterConfig")),
        provisioned_concurrency=r.field(None, whole_number, r.properties_site()),
        auto_publish_alias=r.field(None, text, r.properties_site()),
        deployment_preference=r.field(None, anything, r.properties_site()),
        tracing=tracing,
    )


def _version(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    node = norm.index.get(res.logical_id)
    yield Version(
        **origin(res),
        function_id=node.function_id if node else None,
        provisioned_concurrency=r.nested(
            p.get("ProvisionedConcurrencyConfig"),
            "ProvisionedConcurrentExecutions",
            whole_number,
            r.site("ProvisionedConcurrencyConfig"),
        ),
        code_sha256=r.prop("CodeSha256", text),
        description=r.prop("Description", text),
    )


def _alias(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    node = norm.index.get(res.logical_id)
    weights = sub(p.get("RoutingConfig"), "AdditionalVersionWeights")
    entries: list[RoutingEntry] = []
    routing_site = r.site("RoutingConfig")
    if isinstance(weights, Sequence):
        for item in weights.items:
            entries.append(
                RoutingEntry(
                    version=r.nested(
                        item,
                        "FunctionVersion",
                        text,
                        r.site_in(item, "FunctionVersion", routing_site),
                    ),
                    weight=r.nested(
                        item,
                        "FunctionWeight",
                        number,
                        r.site_in(item, "FunctionWeight", routing_site),
                    ),
                    targets=norm.targets(sub(item, "FunctionVersion")),
                )
            )
    yield Alias(
        **origin(res),
        function_id=node.function_id if node else None,
        name=r.prop("Name", text),
        function_version=r.prop("FunctionVersion", text),
        version=norm.targets(p.get("FunctionVersion")),
        routing=tuple(entries),
        routing_site=routing_site if p.get("RoutingConfig") is not None else None,
        provisioned_concurrency=r.nested(
            p.get("ProvisionedConcurrencyConfig"),
            "ProvisionedConcurrentExecutions",
            whole_number,
            r.site("ProvisionedConcurrencyConfig"),
        ),
    )


def _layer(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    yield LayerVersion(
        **origin(res),
        compatible_runtimes=r.prop(
            "CompatibleRuntimes", r.list_of(text, r.site("CompatibleRuntimes"))
        ),
        compatible_architectures=r.prop(
            "CompatibleArchitectures", r.list_of(text, r.site("CompatibleArchitectures"))
        ),
        layer_name=r.prop("LayerName", text),
    )


def _permission(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    yield Permission(
        **origin(res),
        targets=norm.targets(p.get("FunctionName")),
        action=r.prop("Action", text),
        principal=r.prop("Principal", text),
        source_arn=r.prop("SourceArn", text),
        source=norm.targets(p.get("SourceArn")),
        source_account=r.prop("SourceAccount", text),
        function_url_auth_type=r.prop("FunctionUrlAuthType", text),
        principal_org_id=r.prop("PrincipalOrgID", text),
        event_source_token=r.prop("EventSourceToken", text),
        read_statement=partial(permission_statement, norm.evaluator, res.logical_id, p),
    )


def _event_source_mapping(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    source = norm.targets(p.get("EventSourceArn"))
    kind = norm.source_kind(source, p.get("SelfManagedEventSource") is not None)
    targets = norm.targets(p.get("FunctionName"))
    source_id = next(
        (t.node_id for t in source if t.resolved and t.node_id in norm.template.resources), None
    )
    yield EventSourceMapping(
        **origin(res),
        kind=kind,
        targets=targets,
        event_source=source,
        source_id=source_id,
        **esm_settings(norm, r, p, kind),
        read_grants=partial(
            esm_grants, norm.evaluator, norm.template, p, False, source_id, kind is TriggerKind.SQS
        ),
    )
    yield Trigger(
        **origin(res, logical_id=f"{res.logical_id}.Trigger"),
        kind=kind,
        targets=targets,
        source_id=source_id,
        mapping_id=res.logical_id,
    )


def _qualifier(norm: Norm, res: Resource) -> Qualifier:
    node = res.properties.get("Qualifier")
    if node is None:
        return qualifier_of(None)
    value = norm.evaluator.value(node)
    if isinstance(value, ResourceRef) and value.attribute == "Version":
        # !GetAtt <AWS::Lambda::Version>.Version: that version's number.
        target = norm.template.resources.get(value.logical_id)
        if target is not None and target.type == "AWS::Lambda::Version":
            return Qualifier(QualifierKind.VERSION, value.logical_id)
    return qualifier_of(value) if isinstance(value, str) else UNKNOWN_QUALIFIER


def _event_invoke_config(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    fn_targets = norm.targets(p.get("FunctionName"))
    qualifier = _qualifier(norm, res)
    targets = tuple(
        norm.resolver.function_target(t.function_id, qualifier, t.loc, t.conditions)
        if t.function_id
        else t
        for t in fn_targets
    )
    destinations = p.get("DestinationConfig")
    site = r.site("DestinationConfig")
    yield EventInvokeConfig(
        **origin(res),
        targets=targets,
        qualifier=qualifier,
        maximum_retry_attempts=r.prop(
            "MaximumRetryAttempts", whole_number, default("async", "maximum_retry_attempts")
        ),
        maximum_event_age=r.prop(
            "MaximumEventAgeInSeconds", whole_number, default("async", "maximum_event_age")
        ),
        destination_config=r.field(destinations, is_mapping, site),
        on_success=destination(norm, r, destinations, "OnSuccess", site),
        on_failure=destination(norm, r, destinations, "OnFailure", site),
        read_grants=partial(
            grant_destinations,
            norm.evaluator,
            destinations,
            ("Resources", res.logical_id, "Properties", "DestinationConfig"),
        ),
    )


def _url(norm: Norm, res: Resource) -> Iterator[Model]:
    from lambdalint.model.sources import TriggerKind

    r = norm.reader(res)
    p = res.properties
    qualifier = _qualifier(norm, res)
    targets = tuple(
        norm.resolver.function_target(t.function_id, qualifier, t.loc, t.conditions)
        if t.function_id and p.get("Qualifier") is not None
        else t
        for t in norm.targets(p.get("TargetFunctionArn"))
    )
    yield FunctionUrl(
        **origin(res),
        targets=targets,
        qualifier=qualifier,
        auth_type=r.prop("AuthType", text),
        invoke_mode=r.prop("InvokeMode", text),
        cors=r.prop("Cors", anything),
    )
    yield Trigger(
        **origin(res, logical_id=f"{res.logical_id}.Trigger"),
        kind=TriggerKind.FUNCTION_URL,
        targets=targets,
        source_id=res.logical_id,
    )


def _queue(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    redrive = p.get("RedrivePolicy")
    site = r.site("RedrivePolicy")
    yield Queue(
        **origin(res),
        visibility_timeout=r.prop(
            "VisibilityTimeout", whole_number, default("queue", "visibility_timeout")
        ),
        dead_letter=norm.targets(sub(redrive, "deadLetterTargetArn")),
        max_receive_count=r.nested(redrive, "maxReceiveCount", whole_number, site),
        redrive=r.field(redrive, is_mapping, site),
        redrive_site=site if redrive is not None else None,
        fifo=r.prop("FifoQueue", boolean, default("queue", "fifo")),
        message_retention=r.prop(
            "MessageRetentionPeriod", whole_number, default("queue", "message_retention")
        ),
    )


def _topic(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    yield Topic(**origin(res), fifo=r.prop("FifoTopic", boolean, default("topic", "fifo")))


def _subscription(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    yield Subscription(
        **origin(res),
        topic=norm.targets(p.get("TopicArn")),
        protocol=r.prop("Protocol", text),
        endpoint=norm.targets(p.get("Endpoint")),
        redrive_policy=r.prop("RedrivePolicy", anything),
    )


def intrinsic_free(node: Mapping) -> bool:
    return intrinsic(node) is None


READERS: dict[str, Reader] = {
    "AWS::Lambda::Version": _version,
    "AWS::Lambda::Alias": _alias,
    "AWS::Lambda::LayerVersion": _layer,
    "AWS::Lambda::Permission": _permission,
    "AWS::Lambda::EventSourceMapping": _event_source_mapping,
    "AWS::Lambda::EventInvokeConfig": _event_invoke_config,
    "AWS::Lambda::Url": _url,
    "AWS::SQS::Queue": _queue,
    "AWS::SNS::Topic": _topic,
    "AWS::SNS::Subscription": _subscription,
}
