"""Phase 1 of the graph build: declare every node, the ones SAM generates included, before any
reference is resolved. Nothing here depends on the order in which resources are written."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.model.graph import NodeKind
from lambdalint.model.read import scalar_text
from lambdalint.model.resolve import Declared, Index
from lambdalint.model.sources import TriggerKind
from lambdalint.model.targets import Qualifier, QualifierKind
from lambdalint.source.intrinsics import NO_VALUE, Evaluator
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Resource, Template

# SAM event Type -> trigger kind (samtranslator/model/eventsources/{push,pull,...}.py).
SAM_EVENT_KINDS: dict[str, TriggerKind] = {
    "Api": TriggerKind.API,
    "HttpApi": TriggerKind.HTTP_API,
    "SQS": TriggerKind.SQS,
    "SNS": TriggerKind.SNS,
    "S3": TriggerKind.S3,
    "EventBridgeRule": TriggerKind.EVENTBRIDGE,
    "CloudWatchEvent": TriggerKind.EVENTBRIDGE,
    "Schedule": TriggerKind.SCHEDULE,
    "ScheduleV2": TriggerKind.SCHEDULE_V2,
    "Kinesis": TriggerKind.KINESIS,
    "DynamoDB": TriggerKind.DYNAMODB,
    "MSK": TriggerKind.MSK,
    "MQ": TriggerKind.MQ,
    "SelfManagedKafka": TriggerKind.KAFKA,
    "DocumentDB": TriggerKind.DOCUMENTDB,
    "CloudWatchLogs": TriggerKind.CLOUDWATCH_LOGS,
    "Cognito": TriggerKind.COGNITO,
    "IoTRule": TriggerKind.IOT,
    "AlexaSkill": TriggerKind.ALEXA,
}
# The event property that names the producing resource (or the polled source's ARN).
SAM_SOURCE_PROPERTY: dict[str, str] = {
    "Api": "RestApiId",
    "HttpApi": "ApiId",
    "SQS": "Queue",
    "SNS": "Topic",
    "S3": "Bucket",
    "EventBridgeRule": "EventBusName",
    "CloudWatchEvent": "EventBusName",
    "Kinesis": "Stream",
    "DynamoDB": "Stream",
    "MSK": "Stream",
    "MQ": "Broker",
    "DocumentDB": "Cluster",
    "CloudWatchLogs": "LogGroupName",
    "Cognito": "UserPool",
}

# Resource type -> graph node kind, for everything the graph holds.
KIND_BY_TYPE: dict[str, NodeKind] = {
    "AWS::Serverless::Function": NodeKind.FUNCTION,
    "AWS::Lambda::Function": NodeKind.FUNCTION,
    "AWS::Lambda::Version": NodeKind.VERSION,
    "AWS::Lambda::Alias": NodeKind.ALIAS,
    "AWS::Serverless::LayerVersion": NodeKind.LAYER,
    "AWS::Lambda::LayerVersion": NodeKind.LAYER,
    "AWS::Lambda::Permission": NodeKind.PERMISSION,
    "AWS::Lambda::EventSourceMapping": NodeKind.EVENT_SOURCE_MAPPING,
    "AWS::Lambda::EventInvokeConfig": NodeKind.EVENT_INVOKE_CONFIG,
    "AWS::Lambda::Url": NodeKind.URL,
    "AWS::IAM::Role": NodeKind.ROLE,
    "AWS::IAM::Policy": NodeKind.POLICY,
    "AWS::IAM::ManagedPolicy": NodeKind.POLICY,
    "AWS::IAM::RolePolicy": NodeKind.POLICY,
    "AWS::SQS::Queue": NodeKind.QUEUE,
    "AWS::SNS::Topic": NodeKind.TOPIC,
    "AWS::SNS::Subscription": NodeKind.SUBSCRIPTION,
    "AWS::S3::Bucket": NodeKind.BUCKET,
    "AWS::Events::Rule": NodeKind.RULE,
    "AWS::Scheduler::Schedule": NodeKind.RULE,
    "AWS::Kinesis::Stream": NodeKind.STREAM,
    "AWS::DynamoDB::Table": NodeKind.STREAM,
    "AWS::ApiGateway::RestApi": NodeKind.API,
    "AWS::ApiGatewayV2::Api": NodeKind.API,
    "AWS::Serverless::Api": NodeKind.API,
    "AWS::Serverless::HttpApi": NodeKind.API,
    "AWS::Serverless::WebSocketApi": NodeKind.API,
    "AWS::CloudFront::Distribution": NodeKind.DISTRIBUTION,
    "AWS::EC2::Subnet": NodeKind.NETWORK,
    "AWS::EC2::SecurityGroup": NodeKind.NETWORK,
}


def sam_alias_id(function_id: str, name: str) -> str:
    """SAM's alias logical id: ``-`` becomes ``D`` and ``_`` becomes ``U``
    (samtranslator/model/sam_resources.py ``_construct_alias``)."""
    return f"{function_id}Alias{name.replace('-', 'D').replace('_', 'U')}"


@dataclass(frozen=True, slots=True)
class SamNames:
    """The logical ids SAM gives what it generates from one function. SAM's version id ends in
    a content hash (``<Fn>Version<hash>``) that depends on the packaged code; lambdalint uses
    ``<Fn>Version``, which is how a template can refer to it (``!Ref Fn.Version``)."""

    role: str
    version: str
    alias: str | None
    alias_name: str | None
    url: str
    event_invoke_config: str


def sam_names(evaluator: Evaluator, res: Resource) -> SamNames:
    fn = res.logical_id
    alias_name = _alias_name(evaluator, res.properties.get("AutoPublishAlias"))
    return SamNames(
        role=f"{fn}Role",
        version=f"{fn}Version",
        alias=sam_alias_id(fn, alias_name) if alias_name else None,
        alias_name=alias_name,
        url=f"{fn}Url",
        event_invoke_config=f"{fn}EventInvokeConfig",
    )


def _alias_name(evaluator: Evaluator, node: Node | None) -> str | None:
    value = evaluator.value(node) if node is not None else None
    return value if isinstance(value, str) and value else None


def generated_role_conditions(
    evaluator: Evaluator, res: Resource
) -> tuple[tuple[tuple[str, bool], ...], ...]:
    """When SAM generates ``<Fn>Role``: always without ``Role`` (one empty condition set), or
    under the conditions that make ``Role`` ``AWS::NoValue``; () when it never does."""
    node = res.properties.get("Role")
    if node is None:
        return ((),)
    return tuple(c.conditions for c in evaluator.candidates(node) if c.value is NO_VALUE)


def sqs_subscription(evaluator: Evaluator, event: Mapping) -> Node | None:
    """The ``SqsSubscription`` of a SAM SNS event when SAM subscribes a queue instead of the
    function (true, or a mapping naming the queue); None otherwise."""
    if scalar_text(event.get("Type")) != "SNS":
        return None
    props = event.get("Properties")
    node = props.get("SqsSubscription") if isinstance(props, Mapping) else None
    value = evaluator.value(node) if node is not None else None
    return node if value is True or isinstance(value, Mapping) else None


def sam_events(res: Resource) -> list[tuple[str, Mapping]]:
    events = res.properties.get("Events")
    if not isinstance(events, Mapping):
        return []
    return [(name, e) for name, e in events.items.items() if isinstance(e, Mapping)]


def declare(template: Template, evaluator: Evaluator) -> Index:
    index = Index()
    functions = {
        rid
        for rid, res in template.resources.items()
        if KIND_BY_TYPE.get(res.type) is NodeKind.FUNCTION
    }
    for rid, res in template.resources.items():
        kind = KIND_BY_TYPE.get(res.type)
        if kind is NodeKind.ALIAS:
            name = evaluator.value(res.properties.get("Name"))
            index.add(
                Declared(
                    rid,
                    kind,
                    res.type,
                    _first_function(res.properties.get("FunctionName"), functions),
                    Qualifier(QualifierKind.ALIAS, name if isinstance(name, str) else None),
                )
            )
        elif kind is NodeKind.VERSION:
            index.add(
                Declared(
                    rid,
                    kind,
                    res.type,
                    _first_function(res.properties.get("FunctionName"), functions),
                    Qualifier(QualifierKind.VERSION, rid),
                )
            )
        elif kind is not None:
            index.add(Declared(rid, kind, res.type))
        if res.type == "AWS::Serverless::Function":
            _declare_sam_parts(index, evaluator, res)
    return index


def _declare_sam_parts(index: Index, evaluator: Evaluator, res: Resource) -> None:
    fn = res.logical_id
    p = res.properties
    names = sam_names(evaluator, res)
    if generated_role_conditions(evaluator, res):
        index.add(Declared(names.role, NodeKind.ROLE, "AWS::IAM::Role"))
    for name, event in sam_events(res):
        subscription = sqs_subscription(evaluator, event)
        if subscription is not None and evaluator.value(subscription) is True:
            # SAM subscribes a queue of its own (samtranslator/model/eventsources/push.py SNS).
            index.add(Declared(f"{fn}{name}Queue", NodeKind.QUEUE, "AWS::SQS::Queue"))
    if p.get("AutoPublishAlias") is not None:
        version = Declared(
            names.version,
            NodeKind.VERSION,
            "AWS::Lambda::Version",
            fn,
            Qualifier(QualifierKind.VERSION, names.version),
        )
        index.add(version)
        index.sam_version[fn] = names.version
        alias_id = names.alias or sam_alias_id(fn, "")
        index.add(
            Declared(
                alias_id,
                NodeKind.ALIAS,
                "AWS::Lambda::Alias",
                fn,
                Qualifier(QualifierKind.ALIAS, names.alias_name),
            )
        )
        index.sam_alias[fn] = alias_id
    if isinstance(p.get("FunctionUrlConfig"), Mapping):
        index.add(Declared(names.url, NodeKind.URL, "AWS::Lambda::Url"))
    if isinstance(p.get("EventInvokeConfig"), Mapping):
        index.add(
            Declared(
                names.event_invoke_config,
                NodeKind.EVENT_INVOKE_CONFIG,
                "AWS::Lambda::EventInvokeConfig",
            )
        )


def _first_function(node: Node | None, functions: set[str]) -> str | None:
    """The function an alias or version's FunctionName names (Ref, GetAtt or a Sub of one)."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        call = intrinsic(current)
        if call is not None:
            name, arg = call
            if name in ("Ref", "Fn::GetAtt"):
                text = (
                    arg.items[0].plain() if isinstance(arg, Sequence) and arg.items else arg.plain()
                )
                base = str(text).partition(".")[0]
                if base in functions:
                    return base
            elif name == "Fn::Sub" and isinstance(arg, (Scalar, Sequence)):
                first = arg.items[0] if isinstance(arg, Sequence) and arg.items else arg
                if isinstance(first, Scalar) and isinstance(first.value, str):
                    for fn in functions:
                        if "${" + fn + "}" in first.value or "${" + fn + "." in first.value:
                            return fn
            stack.append(arg)
        elif isinstance(current, Mapping):
            stack.extend(current.items.values())
        elif isinstance(current, Sequence):
            stack.extend(current.items)
    return None
