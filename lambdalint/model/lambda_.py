"""What Lambda will run, independent of whether the template said it in SAM or CloudFormation.

Every model keeps the located nodes the user wrote (after SAM Globals are merged), so a rule reads
``fn.memory_size`` and a finding lands on the line where that value was written: the function's
own property, the Globals line, or (through the evaluator) a parameter's Default. Cross-resource
links are logical ids; the graph (``model/graph.py``) turns them into edges.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node
from lambdalint.source.template import Resource

Dialect = Literal["sam", "cfn"]


class Model(BaseModel):
    """Base of every model: one template resource (or one SAM event inside a function)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid", defer_build=True)

    # Logical id of the resource this model was read from. For SAM events, ``<Fn>.<EventName>``.
    logical_id: str
    resource_type: str
    loc: Location
    # Logical id of the template resource a finding should name (the function for its events).
    resource_id: str
    # The resource's ``Condition`` attribute, when it has one.
    condition: str | None = None
    # Raw properties (Globals merged) for anything the typed fields below do not name.
    properties: Mapping = Field(repr=False)
    dialect: Dialect = "cfn"

    def prop(self, name: str) -> Node | None:
        return self.properties.items.get(name)


class PackageKind(str, Enum):
    ZIP = "Zip"
    IMAGE = "Image"


class Function(Model):
    """``AWS::Serverless::Function`` or ``AWS::Lambda::Function``."""

    handler: Node | None = None
    runtime: Node | None = None
    package_type: Node | None = None
    # CodeUri / InlineCode (SAM) or Code (CFN: S3Bucket/S3Key/ZipFile/ImageUri).
    code_uri: Node | None = None
    inline_code: Node | None = None
    image_uri: Node | None = None
    memory_size: Node | None = None
    timeout: Node | None = None
    # The ``Size`` inside EphemeralStorage.
    ephemeral_storage: Node | None = None
    # The ``Variables`` mapping inside Environment (or an intrinsic standing for it).
    environment: Node | None = None
    layers: Node | None = None
    architectures: Node | None = None
    role: Node | None = None
    policies: Node | None = None
    vpc_config: Node | None = None
    # SAM DeadLetterQueue {Type, TargetArn} or CFN DeadLetterConfig {TargetArn}.
    dead_letter: Node | None = None
    event_invoke_config: Node | None = None
    auto_publish_alias: Node | None = None
    provisioned_concurrency: Node | None = None
    deployment_preference: Node | None = None
    function_url_config: Node | None = None
    snap_start: Node | None = None
    logging_config: Node | None = None
    tracing: Node | None = None
    reserved_concurrency: Node | None = None
    file_system_configs: Node | None = None
    function_name: Node | None = None
    image_config: Node | None = None
    # Logical ids this function refers to, where they are resources of the same template.
    role_id: str | None = None
    layer_ids: list[str] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)

    def is_image(self, package_type: object) -> bool:
        return package_type == PackageKind.IMAGE.value


class TriggerKind(str, Enum):
    API = "api"
    HTTP_API = "http_api"
    SQS = "sqs"
    SNS = "sns"
    S3 = "s3"
    EVENTBRIDGE = "eventbridge"
    SCHEDULE = "schedule"
    SCHEDULE_V2 = "schedule_v2"
    KINESIS = "kinesis"
    DYNAMODB = "dynamodb"
    MSK = "msk"
    MQ = "mq"
    KAFKA = "self_managed_kafka"
    DOCUMENTDB = "documentdb"
    CLOUDWATCH_LOGS = "cloudwatch_logs"
    COGNITO = "cognito"
    IOT = "iot"
    ALEXA = "alexa"
    ALB = "alb"
    CLOUDFRONT = "cloudfront"
    FUNCTION_URL = "function_url"
    OTHER = "other"


# Triggers Lambda polls through an event source mapping.
POLLED_KINDS = frozenset(
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
# Services that invoke asynchronously (the Lambda event queue: retries, max age, DLQ).
ASYNC_KINDS = frozenset(
    {
        TriggerKind.SNS,
        TriggerKind.S3,
        TriggerKind.EVENTBRIDGE,
        TriggerKind.SCHEDULE,
        TriggerKind.SCHEDULE_V2,
        TriggerKind.CLOUDWATCH_LOGS,
        TriggerKind.IOT,
    }
)


class Trigger(Model):
    """Something that invokes a function: a SAM event, or a CFN producer wired to it."""

    kind: TriggerKind
    function_id: str
    # Alias name or version the trigger invokes, when it targets a qualified ARN.
    qualifier: str | None = None
    # Logical id of the producing resource (queue, topic, bucket, rule, API), if in the template.
    source_id: str | None = None
    # For polled kinds: the logical id of the EventSourceMapping model.
    mapping_id: str | None = None
    # The node that names the invoked function in a producer (a target Arn, an integration Uri).
    target: Node | None = None


class EventSourceMapping(Model):
    """``AWS::Lambda::EventSourceMapping``, or the one SAM makes for a pull event."""

    function_id: str | None = None
    qualifier: str | None = None
    event_source_arn: Node | None = None
    source_id: str | None = None
    batch_size: Node | None = None
    maximum_batching_window: Node | None = None
    starting_position: Node | None = None
    maximum_retry_attempts: Node | None = None
    maximum_record_age: Node | None = None
    bisect_on_error: Node | None = None
    parallelization_factor: Node | None = None
    function_response_types: Node | None = None
    destination_config: Node | None = None
    scaling_config: Node | None = None
    filter_criteria: Node | None = None
    enabled: Node | None = None
    tumbling_window: Node | None = None


class Version(Model):
    function_id: str | None = None
    provisioned_concurrency: Node | None = None


class Alias(Model):
    function_id: str | None = None
    name: Node | None = None
    function_version: Node | None = None
    version_id: str | None = None
    routing_config: Node | None = None
    provisioned_concurrency: Node | None = None


class LayerVersion(Model):
    compatible_runtimes: Node | None = None
    compatible_architectures: Node | None = None
    content: Node | None = None
    layer_name: Node | None = None


class Permission(Model):
    function_id: str | None = None
    qualifier: str | None = None
    action: Node | None = None
    principal: Node | None = None
    source_arn: Node | None = None
    source_account: Node | None = None
    function_url_auth_type: Node | None = None


class EventInvokeConfig(Model):
    function_id: str | None = None
    qualifier: Node | None = None
    maximum_retry_attempts: Node | None = None
    maximum_event_age: Node | None = None
    destination_config: Node | None = None


class FunctionUrl(Model):
    function_id: str | None = None
    qualifier: Node | None = None
    auth_type: Node | None = None
    invoke_mode: Node | None = None
    cors: Node | None = None


class Role(Model):
    assume_role_policy: Node | None = None
    managed_policy_arns: Node | None = None
    policies: Node | None = None
    permissions_boundary: Node | None = None
    # True for the role SAM generates for a function without ``Role``.
    generated: bool = False


class Policy(Model):
    """``AWS::IAM::Policy`` / ``AWS::IAM::ManagedPolicy`` / ``AWS::IAM::RolePolicy``."""

    document: Node | None = None
    role_ids: list[str] = Field(default_factory=list)


class Queue(Model):
    visibility_timeout: Node | None = None
    redrive_policy: Node | None = None
    fifo: Node | None = None
    message_retention: Node | None = None


class Topic(Model):
    subscriptions: Node | None = None


class Subscription(Model):
    topic_id: str | None = None
    protocol: Node | None = None
    endpoint: Node | None = None
    endpoint_id: str | None = None
    redrive_policy: Node | None = None


class Bucket(Model):
    notification: Node | None = None


class EventRule(Model):
    schedule: Node | None = None
    event_pattern: Node | None = None
    targets: Node | None = None
    state: Node | None = None


class Stream(Model):
    """A Kinesis stream, or a DynamoDB table's stream."""

    stream_kind: Literal["kinesis", "dynamodb"]


class Api(Model):
    """API Gateway REST/HTTP API (SAM Api/HttpApi or CFN RestApi/Api)."""

    api_kind: Literal["rest", "http"]


class ApiIntegration(Model):
    """A raw API Gateway method/integration that invokes a function."""

    function_id: str | None = None
    api_id: str | None = None
    uri: Node | None = None


class Distribution(Model):
    """CloudFront distribution with Lambda@Edge associations."""

    associations: Node | None = None


class Network(Model):
    """A subnet or security group a function's VpcConfig names."""

    network_kind: Literal["subnet", "security_group"]


class Origin(TypedDict):
    logical_id: str
    resource_type: str
    loc: Location
    resource_id: str
    condition: str | None
    properties: Mapping
    dialect: Dialect


def origin(
    resource: Resource,
    *,
    logical_id: str | None = None,
    resource_type: str | None = None,
    at: Node | None = None,
    properties: Mapping | None = None,
) -> Origin:
    """The fields every model takes from its template resource; a model derived from part of a
    resource (a SAM event, a producer's target) overrides its id, type, location or properties."""
    return Origin(
        logical_id=logical_id or resource.logical_id,
        resource_type=resource_type or resource.type,
        loc=at.loc if at is not None else resource.loc,
        resource_id=resource.logical_id,
        condition=resource.condition,
        properties=properties if properties is not None else resource.properties,
        dialect="sam" if resource.is_sam else "cfn",
    )
