"""SAM resources -> models. Events, the generated role, alias, version, URL and invoke config
become the same models CloudFormation's own resources would, pointing at the lines the user wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

from lambdalint.model.fields import sub, synthetic, text
from lambdalint.model.lambda_ import (
    Alias,
    Api,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Model,
    Origin,
    Role,
    Trigger,
    TriggerKind,
    Version,
    origin,
)
from lambdalint.model.refs import first_reference
from lambdalint.source.nodes import Mapping, Node
from lambdalint.source.template import Resource, Template

# SAM event Type -> trigger kind, and the event property that names the producing resource.
SAM_EVENTS: dict[str, tuple[TriggerKind, str | None]] = {
    "Api": (TriggerKind.API, "RestApiId"),
    "HttpApi": (TriggerKind.HTTP_API, "ApiId"),
    "SQS": (TriggerKind.SQS, "Queue"),
    "SNS": (TriggerKind.SNS, "Topic"),
    "S3": (TriggerKind.S3, "Bucket"),
    "EventBridgeRule": (TriggerKind.EVENTBRIDGE, "EventBusName"),
    "CloudWatchEvent": (TriggerKind.EVENTBRIDGE, "EventBusName"),
    "Schedule": (TriggerKind.SCHEDULE, None),
    "ScheduleV2": (TriggerKind.SCHEDULE_V2, None),
    "Kinesis": (TriggerKind.KINESIS, "Stream"),
    "DynamoDB": (TriggerKind.DYNAMODB, "Stream"),
    "MSK": (TriggerKind.MSK, "Stream"),
    "MQ": (TriggerKind.MQ, "Broker"),
    "SelfManagedKafka": (TriggerKind.KAFKA, None),
    "DocumentDB": (TriggerKind.DOCUMENTDB, "Cluster"),
    "CloudWatchLogs": (TriggerKind.CLOUDWATCH_LOGS, "LogGroupName"),
    "Cognito": (TriggerKind.COGNITO, "UserPool"),
    "IoTRule": (TriggerKind.IOT, None),
    "AlexaSkill": (TriggerKind.ALEXA, None),
}
_SOURCE_ARN_PROPERTY = {
    "SQS": "Queue",
    "Kinesis": "Stream",
    "DynamoDB": "Stream",
    "MSK": "Stream",
    "MQ": "Broker",
    "DocumentDB": "Cluster",
}


def function(res: Resource) -> Function:
    p = res.properties
    ephemeral = p.items.get("EphemeralStorage")
    return Function(
        **origin(res),
        handler=p.get("Handler"),
        runtime=p.get("Runtime"),
        package_type=p.get("PackageType"),
        code_uri=p.get("CodeUri"),
        inline_code=p.get("InlineCode"),
        image_uri=p.get("ImageUri"),
        memory_size=p.get("MemorySize"),
        timeout=p.get("Timeout"),
        ephemeral_storage=sub(ephemeral, "Size"),
        environment=sub(p.get("Environment"), "Variables"),
        layers=p.get("Layers"),
        architectures=p.get("Architectures"),
        role=p.get("Role"),
        policies=p.get("Policies"),
        vpc_config=p.get("VpcConfig"),
        dead_letter=p.get("DeadLetterQueue"),
        event_invoke_config=p.get("EventInvokeConfig"),
        auto_publish_alias=p.get("AutoPublishAlias"),
        provisioned_concurrency=p.get("ProvisionedConcurrencyConfig"),
        deployment_preference=p.get("DeploymentPreference"),
        function_url_config=p.get("FunctionUrlConfig"),
        snap_start=p.get("SnapStart"),
        logging_config=p.get("LoggingConfig"),
        tracing=p.get("Tracing"),
        reserved_concurrency=p.get("ReservedConcurrentExecutions"),
        file_system_configs=p.get("FileSystemConfigs"),
        function_name=p.get("FunctionName"),
        image_config=p.get("ImageConfig"),
    )


def _derived(res: Resource, suffix: str, rtype: str, props: Mapping, at: Node | None) -> Origin:
    return origin(
        res, logical_id=f"{res.logical_id}{suffix}", resource_type=rtype, at=at, properties=props
    )


def function_parts(res: Resource, fn: Function, tpl: Template) -> Iterator[Model]:
    """Everything SAM generates from one function: role, version and alias, URL, invoke config,
    and one trigger (plus event source mapping for polled sources) per event."""
    p = res.properties
    alias_name = text(fn.auto_publish_alias)
    alias: Alias | None = None
    if fn.role is None:
        role_keys = ("Policies", "PermissionsBoundary", "AssumeRolePolicyDocument", "RolePath")
        role_props = Mapping({k: v for k, v in p.items.items() if k in role_keys}, p.loc)
        yield Role(
            **_derived(res, "Role", "AWS::IAM::Role", role_props, None),
            assume_role_policy=p.get("AssumeRolePolicyDocument"),
            policies=fn.policies,
            permissions_boundary=p.get("PermissionsBoundary"),
            generated=True,
        )
    if fn.auto_publish_alias is not None:
        version = Version(
            **_derived(res, "Version", "AWS::Lambda::Version", p, fn.auto_publish_alias),
            function_id=res.logical_id,
        )
        yield version
        alias = Alias(
            **_derived(
                res, f"Alias{alias_name or ''}", "AWS::Lambda::Alias", p, fn.auto_publish_alias
            ),
            function_id=res.logical_id,
            name=fn.auto_publish_alias,
            version_id=version.logical_id,
            provisioned_concurrency=fn.provisioned_concurrency,
        )
        yield alias
    # SAM qualifies the URL and invoke config with the alias; an alias name written as an
    # intrinsic (``!Ref AliasParam``) is kept as that node for the evaluator, never "$LATEST".
    qualifier: Node = (
        fn.auto_publish_alias
        if fn.auto_publish_alias is not None and alias_name is None
        else synthetic(alias_name or "$LATEST", (fn.auto_publish_alias or res.node).loc)
    )
    if isinstance(fn.function_url_config, Mapping):
        url = FunctionUrl(
            **_derived(
                res, "Url", "AWS::Lambda::Url", fn.function_url_config, fn.function_url_config
            ),
            function_id=res.logical_id,
            qualifier=qualifier if fn.auto_publish_alias is not None else None,
            auth_type=fn.function_url_config.get("AuthType"),
            invoke_mode=fn.function_url_config.get("InvokeMode"),
            cors=fn.function_url_config.get("Cors"),
        )
        yield url
        yield Trigger(
            **_derived(
                res,
                "Url.Trigger",
                "AWS::Lambda::Url",
                fn.function_url_config,
                fn.function_url_config,
            ),
            kind=TriggerKind.FUNCTION_URL,
            function_id=res.logical_id,
            qualifier=alias_name,
            source_id=url.logical_id,
        )
    eic = fn.event_invoke_config
    if isinstance(eic, Mapping):
        yield EventInvokeConfig(
            **_derived(res, "EventInvokeConfig", "AWS::Lambda::EventInvokeConfig", eic, eic),
            function_id=res.logical_id,
            qualifier=qualifier,
            maximum_retry_attempts=eic.get("MaximumRetryAttempts"),
            maximum_event_age=eic.get("MaximumEventAgeInSeconds"),
            destination_config=eic.get("DestinationConfig"),
        )
    events = p.get("Events")
    if isinstance(events, Mapping):
        for name, event in events.items.items():
            yield from _event(res, fn, tpl, name, event, alias_name)


def _event(
    res: Resource, fn: Function, tpl: Template, name: str, event: Node, alias_name: str | None
) -> Iterator[Model]:
    if not isinstance(event, Mapping):
        return
    etype = text(event.get("Type")) or ""
    kind, source_prop = SAM_EVENTS.get(etype, (TriggerKind.OTHER, None))
    props = event.get("Properties")
    props = props if isinstance(props, Mapping) else Mapping({}, event.loc)
    source_id = first_reference(props.get(source_prop), tpl.resources) if source_prop else None
    base = origin(
        res,
        logical_id=f"{res.logical_id}.{name}",
        resource_type=f"AWS::Serverless::Function.{etype or 'Event'}",
        at=event,
        properties=props,
    )
    mapping_id = None
    if etype in _SOURCE_ARN_PROPERTY or etype == "SelfManagedKafka":
        mapping_id = f"{res.logical_id}.{name}.Mapping"
        yield EventSourceMapping(
            **origin(
                res,
                logical_id=mapping_id,
                resource_type="AWS::Lambda::EventSourceMapping",
                at=event,
                properties=props,
            ),
            function_id=res.logical_id,
            qualifier=alias_name,
            event_source_arn=props.get(_SOURCE_ARN_PROPERTY.get(etype, "")),
            source_id=source_id,
            **_esm_fields(props),
        )
    yield Trigger(
        **base,
        kind=kind,
        function_id=res.logical_id,
        qualifier=alias_name,
        source_id=source_id,
        mapping_id=mapping_id,
    )


class EsmSettings(TypedDict):
    batch_size: Node | None
    maximum_batching_window: Node | None
    starting_position: Node | None
    maximum_retry_attempts: Node | None
    maximum_record_age: Node | None
    bisect_on_error: Node | None
    parallelization_factor: Node | None
    function_response_types: Node | None
    destination_config: Node | None
    scaling_config: Node | None
    filter_criteria: Node | None
    enabled: Node | None
    tumbling_window: Node | None


def _esm_fields(p: Mapping) -> EsmSettings:
    """Event source mapping settings, named the same in SAM events and CloudFormation."""
    return EsmSettings(
        batch_size=p.get("BatchSize"),
        maximum_batching_window=p.get("MaximumBatchingWindowInSeconds"),
        starting_position=p.get("StartingPosition"),
        maximum_retry_attempts=p.get("MaximumRetryAttempts"),
        maximum_record_age=p.get("MaximumRecordAgeInSeconds"),
        bisect_on_error=p.get("BisectBatchOnFunctionError"),
        parallelization_factor=p.get("ParallelizationFactor"),
        function_response_types=p.get("FunctionResponseTypes"),
        destination_config=p.get("DestinationConfig"),
        scaling_config=p.get("ScalingConfig"),
        filter_criteria=p.get("FilterCriteria"),
        enabled=p.get("Enabled"),
        tumbling_window=p.get("TumblingWindowInSeconds"),
    )


esm_fields = _esm_fields


def layer(res: Resource) -> LayerVersion:
    p = res.properties
    return LayerVersion(
        **origin(res),
        compatible_runtimes=p.get("CompatibleRuntimes"),
        compatible_architectures=p.get("CompatibleArchitectures"),
        content=p.get("ContentUri") or p.get("Content"),
        layer_name=p.get("LayerName"),
    )


def api(res: Resource) -> Api:
    return Api(**origin(res), api_kind="http" if res.type.endswith("HttpApi") else "rest")
