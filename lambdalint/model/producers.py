"""CloudFormation producers that invoke a function: a trigger for each place that names a
function (a bucket notification, a rule target, an API integration, a Lambda@Edge association,
a log subscription ...). A place that names something else (a topic, a state machine, an HTTP
endpoint) is no Lambda trigger and yields nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lambdalint.model.base import Model
from lambdalint.model.parts import Norm, origin, sub
from lambdalint.model.read import scalar_text, text, whole_number
from lambdalint.model.sources import (
    Api,
    ApiIntegration,
    Bucket,
    Distribution,
    EdgeAssociation,
    EventRule,
    Integration,
    Network,
    Stream,
    Trigger,
    TriggerKind,
)
from lambdalint.model.targets import Target, TargetKind, lambda_function_arn
from lambdalint.source.nodes import Mapping, Node, Sequence, intrinsic
from lambdalint.source.template import Resource

Reader = Callable[[Norm, Resource], Iterator[Model]]


def _items(node: Node | None) -> list[Node]:
    if isinstance(node, Sequence):
        return list(node.items)
    return [] if node is None else [node]


def invokes_lambda(targets: tuple[Target, ...]) -> bool:
    """A target that is a function (alias, version) of the template or a Lambda ARN."""
    return any(
        t.function_id is not None
        or (
            t.kind is TargetKind.EXTERNAL
            and t.arn is not None
            and lambda_function_arn(t.arn) is not None
        )
        for t in targets
    )


def _trigger(
    norm: Norm,
    res: Resource,
    suffix: str,
    kind: TriggerKind,
    at: Node,
    *,
    source_id: str | None = None,
    targets: tuple[Target, ...] | None = None,
    integration: Integration | None = None,
) -> Iterator[Trigger]:
    """A trigger read from a producer; ``at`` is the node naming the function."""
    found = norm.targets(at) if targets is None else targets
    if not invokes_lambda(found) and not (targets is not None and found):
        return
    yield Trigger(
        **origin(
            res,
            logical_id=f"{res.logical_id}.{suffix}",
            at=at,
            properties=at if isinstance(at, Mapping) else None,
        ),
        kind=kind,
        targets=found,
        source_id=source_id or res.logical_id,
        integration=integration,
    )


def _topic(norm: Norm, res: Resource) -> Iterator[Model]:
    for i, s in enumerate(_items(res.properties.get("Subscription"))):
        if isinstance(s, Mapping) and (scalar_text(s.get("Protocol")) or "").lower() == "lambda":
            endpoint = s.get("Endpoint")
            if endpoint is not None:
                yield from _trigger(norm, res, f"Subscription{i}", TriggerKind.SNS, endpoint)


def _subscription(norm: Norm, res: Resource) -> Iterator[Model]:
    p = res.properties
    if (scalar_text(p.get("Protocol")) or "").lower() != "lambda" or p.get("Endpoint") is None:
        return
    topic = next(
        (
            t.node_id
            for t in norm.targets(p.get("TopicArn"))
            if t.resolved and t.node_id in norm.template.resources
        ),
        None,
    )
    endpoint = p.get("Endpoint")
    assert endpoint is not None
    yield from _trigger(norm, res, "Trigger", TriggerKind.SNS, endpoint, source_id=topic)


def _bucket(norm: Norm, res: Resource) -> Iterator[Model]:
    yield Bucket(**origin(res))
    configs = sub(res.properties.get("NotificationConfiguration"), "LambdaConfigurations")
    for i, cfg in enumerate(_items(configs)):
        target = sub(cfg, "Function")
        if target is not None:
            yield from _trigger(norm, res, f"Notification{i}", TriggerKind.S3, target)


def _rule(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    yield EventRule(
        **origin(res), schedule=r.prop("ScheduleExpression", text), state=r.prop("State", text)
    )
    kind = (
        TriggerKind.SCHEDULE if p.get("ScheduleExpression") is not None else TriggerKind.EVENTBRIDGE
    )
    for i, target in enumerate(_items(p.get("Targets"))):
        arn = sub(target, "Arn")
        if arn is not None:
            yield from _trigger(norm, res, f"Target{i}", kind, arn)


def _schedule(norm: Norm, res: Resource) -> Iterator[Model]:
    # An EventBridge Scheduler schedule is modelled as a rule with one target, so its trigger
    # has a source node in the graph like a scheduled Events rule's.
    r = norm.reader(res)
    p = res.properties
    yield EventRule(
        **origin(res), schedule=r.prop("ScheduleExpression", text), state=r.prop("State", text)
    )
    arn = sub(p.get("Target"), "Arn")
    if arn is not None:
        yield from _trigger(norm, res, "Target", TriggerKind.SCHEDULE_V2, arn)


def _stream(kind: str) -> Reader:
    def read(norm: Norm, res: Resource) -> Iterator[Model]:
        if kind == "dynamodb" and res.properties.get("StreamSpecification") is None:
            return
        yield Stream(**origin(res), stream_kind=kind)  # type: ignore[arg-type]

    return read


def _rest_api(norm: Norm, res: Resource) -> Iterator[Model]:
    yield Api(**origin(res), api_kind="rest")


def _v2_api(norm: Norm, res: Resource) -> Iterator[Model]:
    protocol = scalar_text(res.properties.get("ProtocolType")) or "HTTP"
    yield Api(**origin(res), api_kind="websocket" if protocol == "WEBSOCKET" else "http")


def _api_id(norm: Norm, node: Node | None) -> str | None:
    return next(
        (
            t.node_id
            for t in norm.targets(node)
            if t.resolved and t.node_id in norm.template.resources
        ),
        None,
    )


def _method(norm: Norm, res: Resource) -> Iterator[Model]:
    integration = res.properties.get("Integration")
    uri = sub(integration, "Uri")
    if uri is None:
        return
    targets = norm.resolver.invocation_uri_targets(uri)
    if not targets:
        return
    r = norm.reader(res)
    api_id = _api_id(norm, res.properties.get("RestApiId"))
    site = r.site("Integration")
    timeout_ms = r.nested(integration, "TimeoutInMillis", whole_number, site)
    yield ApiIntegration(**origin(res), targets=targets, api_id=api_id, timeout_ms=timeout_ms)
    waits = Integration(
        timeout_ms=timeout_ms,
        response_transfer_mode=r.nested(integration, "ResponseTransferMode", text, site),
    )
    yield from _trigger(
        norm,
        res,
        "Trigger",
        TriggerKind.API,
        uri,
        source_id=api_id,
        targets=targets,
        integration=waits,
    )


def _v2_integration(norm: Norm, res: Resource) -> Iterator[Model]:
    uri = res.properties.get("IntegrationUri")
    if uri is None:
        return
    targets = norm.resolver.invocation_uri_targets(uri)
    if not any(t.kind is not TargetKind.UNKNOWN for t in targets):
        direct = norm.targets(uri)
        targets = direct if invokes_lambda(direct) else targets
    if not targets:
        return
    r = norm.reader(res)
    api_id = _api_id(norm, res.properties.get("ApiId"))
    timeout_ms = r.prop("TimeoutInMillis", whole_number)
    yield ApiIntegration(**origin(res), targets=targets, api_id=api_id, timeout_ms=timeout_ms)
    waits = Integration(
        timeout_ms=timeout_ms, response_transfer_mode=r.field(None, text, r.properties_site())
    )
    yield from _trigger(
        norm,
        res,
        "Trigger",
        TriggerKind.HTTP_API,
        uri,
        source_id=api_id,
        targets=targets,
        integration=waits,
    )


def _distribution(norm: Norm, res: Resource) -> Iterator[Model]:
    config = res.properties.get("DistributionConfig")
    behaviors = [sub(config, "DefaultCacheBehavior"), *_items(sub(config, "CacheBehaviors"))]
    r = norm.reader(res)
    site = r.site("DistributionConfig")
    associations: list[EdgeAssociation] = []
    triggers: list[Trigger] = []
    for behavior in behaviors:
        for assoc in _items(sub(behavior, "LambdaFunctionAssociations")):
            arn = sub(assoc, "LambdaFunctionARN")
            if arn is None:
                continue
            targets = norm.targets(arn)
            associations.append(
                EdgeAssociation(
                    event_type=r.nested(
                        assoc, "EventType", text, r.site_in(assoc, "EventType", site)
                    ),
                    targets=targets,
                    site=r.site_in(assoc, "LambdaFunctionARN", site),
                )
            )
            triggers.extend(
                _trigger(
                    norm,
                    res,
                    f"Edge{len(associations) - 1}",
                    TriggerKind.CLOUDFRONT,
                    arn,
                    targets=targets if invokes_lambda(targets) else (),
                )
            )
    yield Distribution(**origin(res), associations=tuple(associations))
    yield from triggers


def _target_group(norm: Norm, res: Resource) -> Iterator[Model]:
    if (scalar_text(res.properties.get("TargetType")) or "").lower() != "lambda":
        return
    for i, target in enumerate(_items(res.properties.get("Targets"))):
        target_id = sub(target, "Id")
        if target_id is not None:
            yield from _trigger(norm, res, f"Target{i}", TriggerKind.ALB, target_id)


def _log_subscription(norm: Norm, res: Resource) -> Iterator[Model]:
    dest = res.properties.get("DestinationArn")
    if dest is not None:
        yield from _trigger(norm, res, "Trigger", TriggerKind.CLOUDWATCH_LOGS, dest)


def _user_pool(norm: Norm, res: Resource) -> Iterator[Model]:
    config = res.properties.get("LambdaConfig")
    if isinstance(config, Mapping) and intrinsic(config) is None:
        for name, arn in config.items.items():
            if name == "KMSKeyID":
                continue
            target = (
                sub(arn, "LambdaArn") if isinstance(arn, Mapping) and "LambdaArn" in arn else arn
            )
            if target is not None:
                yield from _trigger(norm, res, name, TriggerKind.COGNITO, target)


def _topic_rule(norm: Norm, res: Resource) -> Iterator[Model]:
    payload = res.properties.get("TopicRulePayload")
    for i, action in enumerate(_items(sub(payload, "Actions"))):
        arn = sub(sub(action, "Lambda"), "FunctionArn")
        if arn is not None:
            yield from _trigger(norm, res, f"Action{i}", TriggerKind.IOT, arn)


def _network(kind: str) -> Reader:
    def read(norm: Norm, res: Resource) -> Iterator[Model]:
        yield Network(**origin(res), network_kind=kind)  # type: ignore[arg-type]

    return read


READERS: dict[str, Reader] = {
    "AWS::SNS::Topic": _topic,
    "AWS::SNS::Subscription": _subscription,
    "AWS::S3::Bucket": _bucket,
    "AWS::Events::Rule": _rule,
    "AWS::Scheduler::Schedule": _schedule,
    "AWS::Kinesis::Stream": _stream("kinesis"),
    "AWS::DynamoDB::Table": _stream("dynamodb"),
    "AWS::ApiGateway::RestApi": _rest_api,
    "AWS::ApiGatewayV2::Api": _v2_api,
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
