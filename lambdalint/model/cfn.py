"""Plain CloudFormation resources -> models: Lambda's own resources, IAM, and the producers that
invoke a function (queues, topics, buckets, rules, streams, APIs, CloudFront, load balancers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lambdalint.model.fields import items, sub, text
from lambdalint.model.lambda_ import (
    Alias,
    Api,
    ApiIntegration,
    Bucket,
    Distribution,
    EventInvokeConfig,
    EventRule,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Model,
    Network,
    Permission,
    Policy,
    Queue,
    Role,
    Stream,
    Subscription,
    Topic,
    Trigger,
    TriggerKind,
    Version,
    origin,
)
from lambdalint.model.refs import references
from lambdalint.model.sam import esm_fields
from lambdalint.source.nodes import Mapping, Node
from lambdalint.source.template import Resource

# Producer nodes (a target ARN somewhere inside a producer) name the function they invoke; the
# builder resolves "pending" function ids afterwards, since the function may be defined later.
PENDING = "?"


def function(res: Resource) -> Function:
    p = res.properties
    code = p.get("Code")
    return Function(
        **origin(res),
        handler=p.get("Handler"),
        runtime=p.get("Runtime"),
        package_type=p.get("PackageType"),
        code_uri=code
        if isinstance(code, Mapping) and "ZipFile" not in code and "ImageUri" not in code
        else None,
        inline_code=sub(code, "ZipFile")
        if isinstance(code, Mapping) and "ZipFile" in code
        else None,
        image_uri=sub(code, "ImageUri")
        if isinstance(code, Mapping) and "ImageUri" in code
        else None,
        memory_size=p.get("MemorySize"),
        timeout=p.get("Timeout"),
        ephemeral_storage=sub(p.get("EphemeralStorage"), "Size"),
        environment=sub(p.get("Environment"), "Variables"),
        layers=p.get("Layers"),
        architectures=p.get("Architectures"),
        role=p.get("Role"),
        vpc_config=p.get("VpcConfig"),
        dead_letter=p.get("DeadLetterConfig"),
        snap_start=p.get("SnapStart"),
        logging_config=p.get("LoggingConfig"),
        tracing=sub(p.get("TracingConfig"), "Mode"),
        reserved_concurrency=p.get("ReservedConcurrentExecutions"),
        file_system_configs=p.get("FileSystemConfigs"),
        function_name=p.get("FunctionName"),
        image_config=p.get("ImageConfig"),
    )


def _version(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield Version(
        **origin(res),
        function_id=PENDING,
        provisioned_concurrency=p.get("ProvisionedConcurrencyConfig"),
    )


def _alias(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield Alias(
        **origin(res),
        function_id=PENDING,
        name=p.get("Name"),
        function_version=p.get("FunctionVersion"),
        routing_config=p.get("RoutingConfig"),
        provisioned_concurrency=p.get("ProvisionedConcurrencyConfig"),
    )


def _layer(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield LayerVersion(
        **origin(res),
        compatible_runtimes=p.get("CompatibleRuntimes"),
        compatible_architectures=p.get("CompatibleArchitectures"),
        content=p.get("Content"),
        layer_name=p.get("LayerName"),
    )


def _permission(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield Permission(
        **origin(res),
        function_id=PENDING,
        action=p.get("Action"),
        principal=p.get("Principal"),
        source_arn=p.get("SourceArn"),
        source_account=p.get("SourceAccount"),
        function_url_auth_type=p.get("FunctionUrlAuthType"),
    )


def _event_source_mapping(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield EventSourceMapping(
        **origin(res),
        function_id=PENDING,
        event_source_arn=p.get("EventSourceArn"),
        **esm_fields(p),
    )
    yield Trigger(
        **origin(res, logical_id=f"{res.logical_id}.Trigger"),
        kind=TriggerKind.OTHER,
        function_id=PENDING,
        mapping_id=res.logical_id,
        target=p.get("FunctionName"),
    )


def _event_invoke_config(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield EventInvokeConfig(
        **origin(res),
        function_id=PENDING,
        qualifier=p.get("Qualifier"),
        maximum_retry_attempts=p.get("MaximumRetryAttempts"),
        maximum_event_age=p.get("MaximumEventAgeInSeconds"),
        destination_config=p.get("DestinationConfig"),
    )


def _url(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield FunctionUrl(
        **origin(res),
        function_id=PENDING,
        qualifier=p.get("Qualifier"),
        auth_type=p.get("AuthType"),
        invoke_mode=p.get("InvokeMode"),
        cors=p.get("Cors"),
    )
    yield Trigger(
        **origin(res, logical_id=f"{res.logical_id}.Trigger"),
        kind=TriggerKind.FUNCTION_URL,
        function_id=PENDING,
        source_id=res.logical_id,
        target=p.get("TargetFunctionArn"),
    )


def _role(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield Role(
        **origin(res),
        assume_role_policy=p.get("AssumeRolePolicyDocument"),
        managed_policy_arns=p.get("ManagedPolicyArns"),
        policies=p.get("Policies"),
        permissions_boundary=p.get("PermissionsBoundary"),
    )


def _policy(res: Resource) -> Iterator[Model]:
    p = res.properties
    roles = [
        t for node in items(p.get("Roles")) + items(p.get("RoleName")) for t, _ in references(node)
    ]
    yield Policy(**origin(res), document=p.get("PolicyDocument"), role_ids=roles)


def _queue(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield Queue(
        **origin(res),
        visibility_timeout=p.get("VisibilityTimeout"),
        redrive_policy=p.get("RedrivePolicy"),
        fifo=p.get("FifoQueue"),
        message_retention=p.get("MessageRetentionPeriod"),
    )


def _trigger(res: Resource, suffix: str, kind: TriggerKind, at: Node) -> Trigger:
    """A trigger read from a producer; ``at`` is the node naming the function."""
    return Trigger(
        **origin(
            res,
            logical_id=f"{res.logical_id}.{suffix}",
            at=at,
            properties=at if isinstance(at, Mapping) else None,
        ),
        kind=kind,
        function_id=PENDING,
        source_id=res.logical_id,
        target=at,
    )


def _topic(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield Topic(**origin(res), subscriptions=p.get("Subscription"))
    for i, s in enumerate(items(p.get("Subscription"))):
        if isinstance(s, Mapping) and (text(s.get("Protocol")) or "").lower() == "lambda":
            endpoint = s.get("Endpoint")
            if endpoint is not None:
                yield _trigger(res, f"Subscription{i}", TriggerKind.SNS, endpoint)


def _subscription(res: Resource) -> Iterator[Model]:
    p = res.properties
    topic = next((t for t, _ in references(p.get("TopicArn"))), None)
    yield Subscription(
        **origin(res),
        topic_id=topic,
        protocol=p.get("Protocol"),
        endpoint=p.get("Endpoint"),
        redrive_policy=p.get("RedrivePolicy"),
    )
    if (text(p.get("Protocol")) or "").lower() == "lambda" and p.get("Endpoint") is not None:
        trig = _trigger(res, "Trigger", TriggerKind.SNS, p.get("Endpoint"))  # type: ignore[arg-type]
        yield trig.model_copy(update={"source_id": topic or res.logical_id})


def _bucket(res: Resource) -> Iterator[Model]:
    p = res.properties
    notification = p.get("NotificationConfiguration")
    yield Bucket(**origin(res), notification=notification)
    configs = sub(notification, "LambdaConfigurations")
    for i, cfg in enumerate(items(configs)):
        target = cfg.get("Function") if isinstance(cfg, Mapping) else None
        if target is not None:
            yield _trigger(res, f"Notification{i}", TriggerKind.S3, target)


def _rule(res: Resource) -> Iterator[Model]:
    p = res.properties
    yield EventRule(
        **origin(res),
        schedule=p.get("ScheduleExpression"),
        event_pattern=p.get("EventPattern"),
        targets=p.get("Targets"),
        state=p.get("State"),
    )
    kind = (
        TriggerKind.SCHEDULE if p.get("ScheduleExpression") is not None else TriggerKind.EVENTBRIDGE
    )
    for i, target in enumerate(items(p.get("Targets"))):
        arn = target.get("Arn") if isinstance(target, Mapping) else None
        if arn is not None:
            yield _trigger(res, f"Target{i}", kind, arn)


def _schedule(res: Resource) -> Iterator[Model]:
    # An EventBridge Scheduler schedule is modelled as a rule with one target, so its trigger
    # has a source node in the graph like a scheduled Events rule's.
    p = res.properties
    yield EventRule(
        **origin(res),
        schedule=p.get("ScheduleExpression"),
        targets=p.get("Target"),
        state=p.get("State"),
    )
    arn = sub(p.get("Target"), "Arn")
    if arn is not None:
        yield _trigger(res, "Target", TriggerKind.SCHEDULE_V2, arn)


def _stream(kind: str) -> Callable[[Resource], Iterator[Model]]:
    def read(res: Resource) -> Iterator[Model]:
        if kind == "dynamodb" and res.properties.get("StreamSpecification") is None:
            return
        yield Stream(**origin(res), stream_kind=kind)  # type: ignore[arg-type]

    return read


def _rest_api(res: Resource) -> Iterator[Model]:
    yield Api(**origin(res), api_kind="rest")


def _http_api(res: Resource) -> Iterator[Model]:
    yield Api(**origin(res), api_kind="http")


def _method(res: Resource) -> Iterator[Model]:
    integration = res.properties.get("Integration")
    uri = sub(integration, "Uri")
    if uri is None:
        return
    api_id = next((t for t, _ in references(res.properties.get("RestApiId"))), None)
    yield ApiIntegration(**origin(res), function_id=PENDING, api_id=api_id, uri=uri)
    trig = _trigger(res, "Trigger", TriggerKind.API, uri)
    yield trig.model_copy(update={"source_id": api_id or res.logical_id})


def _v2_integration(res: Resource) -> Iterator[Model]:
    uri = res.properties.get("IntegrationUri")
    if uri is None:
        return
    api_id = next((t for t, _ in references(res.properties.get("ApiId"))), None)
    yield ApiIntegration(**origin(res), function_id=PENDING, api_id=api_id, uri=uri)
    trig = _trigger(res, "Trigger", TriggerKind.HTTP_API, uri)
    yield trig.model_copy(update={"source_id": api_id or res.logical_id})


def _distribution(res: Resource) -> Iterator[Model]:
    config = res.properties.get("DistributionConfig")
    behaviors = [sub(config, "DefaultCacheBehavior"), *items(sub(config, "CacheBehaviors"))]
    associations: list[Node] = []
    for behavior in behaviors:
        for assoc in items(sub(behavior, "LambdaFunctionAssociations")):
            arn = sub(assoc, "LambdaFunctionARN")
            if arn is not None:
                associations.append(arn)
    yield Distribution(**origin(res), associations=config)
    for i, arn in enumerate(associations):
        yield _trigger(res, f"Edge{i}", TriggerKind.CLOUDFRONT, arn)


def _target_group(res: Resource) -> Iterator[Model]:
    if (text(res.properties.get("TargetType")) or "").lower() != "lambda":
        return
    for i, target in enumerate(items(res.properties.get("Targets"))):
        target_id = sub(target, "Id")
        if target_id is not None:
            yield _trigger(res, f"Target{i}", TriggerKind.ALB, target_id)


def _log_subscription(res: Resource) -> Iterator[Model]:
    dest = res.properties.get("DestinationArn")
    if dest is not None:
        yield _trigger(res, "Trigger", TriggerKind.CLOUDWATCH_LOGS, dest)


def _user_pool(res: Resource) -> Iterator[Model]:
    config = res.properties.get("LambdaConfig")
    if isinstance(config, Mapping) and intrinsic_free(config):
        for name, arn in config.items.items():
            if name in ("KMSKeyID",):
                continue
            target = (
                sub(arn, "LambdaArn") if isinstance(arn, Mapping) and "LambdaArn" in arn else arn
            )
            if target is not None:
                yield _trigger(res, name, TriggerKind.COGNITO, target)


def _topic_rule(res: Resource) -> Iterator[Model]:
    payload = res.properties.get("TopicRulePayload")
    for i, action in enumerate(items(sub(payload, "Actions"))):
        arn = sub(sub(action, "Lambda"), "FunctionArn")
        if arn is not None:
            yield _trigger(res, f"Action{i}", TriggerKind.IOT, arn)


def _network(kind: str) -> Callable[[Resource], Iterator[Model]]:
    def read(res: Resource) -> Iterator[Model]:
        yield Network(**origin(res), network_kind=kind)  # type: ignore[arg-type]

    return read


def intrinsic_free(node: Mapping) -> bool:
    from lambdalint.source.nodes import intrinsic

    return intrinsic(node) is None


READERS: dict[str, Callable[[Resource], Iterator[Model]]] = {
    "AWS::Lambda::Version": _version,
    "AWS::Lambda::Alias": _alias,
    "AWS::Lambda::LayerVersion": _layer,
    "AWS::Lambda::Permission": _permission,
    "AWS::Lambda::EventSourceMapping": _event_source_mapping,
    "AWS::Lambda::EventInvokeConfig": _event_invoke_config,
    "AWS::Lambda::Url": _url,
    "AWS::IAM::Role": _role,
    "AWS::IAM::Policy": _policy,
    "AWS::IAM::ManagedPolicy": _policy,
    "AWS::IAM::RolePolicy": _policy,
    "AWS::SQS::Queue": _queue,
    "AWS::SNS::Topic": _topic,
    "AWS::SNS::Subscription": _subscription,
    "AWS::S3::Bucket": _bucket,
    "AWS::Events::Rule": _rule,
    "AWS::Scheduler::Schedule": _schedule,
    "AWS::Kinesis::Stream": _stream("kinesis"),
    "AWS::DynamoDB::Table": _stream("dynamodb"),
    "AWS::ApiGateway::RestApi": _rest_api,
    "AWS::ApiGatewayV2::Api": _http_api,
    "AWS::ApiGateway::Method": _method,
    "AWS::ApiGatewayV2::Integration": _v2_integration,
    "AWS::CloudFront::Distribution": _distribution,
    "AWS::ElasticLoadBalancingV2::TargetGroup": _target_group,
    "AWS::Logs::SubscriptionFilter": _log_subscription,
    "AWS::Cognito::UserPool": _user_pool,
    "AWS::IoT::TopicRule": _topic_rule,
    "AWS::EC2::Subnet": _network("subnet"),
    "AWS::EC2::SecurityGroup": _network("security_group"),
}
