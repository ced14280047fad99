"""What Lambda will run, independent of whether the template said it in SAM or CloudFormation.

Every field is typed (``model/values.py``): its candidates, each located where the user wrote it
(the function's own property, the Globals line, a parameter's Default), or the AWS default with
its source when the template is silent. Every link is a ``Target`` (``model/targets.py``):
resolved to a node of the graph with the qualifier it invokes, external, or unknown. Models are
frozen: the graph is built in two phases (``build.py``) and nothing changes afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from lambdalint.model.targets import UNQUALIFIED, Qualifier, Target
from lambdalint.model.values import Absent, Entry, Lazy, Site
from lambdalint.model.values import Field as Value
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping

if TYPE_CHECKING:
    from lambdalint.model.grants import DestinationGrant, EsmGrants, FunctionGrants
    from lambdalint.model.policy import PermissionStatement, PolicyDocument, RolePolicies

Dialect = Literal["sam", "cfn"]
Targets = tuple[Target, ...]
Items = tuple[Value[str], ...]


def _none() -> None:
    return None


# Frozen dataclasses compared by identity, not pydantic models: the fields are already typed
# values built by the normalizers, and creating ~30 pydantic classes with generic field types
# cost ~90 ms of import time, a third of a small template's cold check.
@dataclass(frozen=True, kw_only=True, eq=False)
class Model:
    """Base of every model: one template resource, one SAM event, or what SAM generates."""

    # Logical id: the resource's, the one SAM gives what it generates (``FnRole``), or
    # ``<Fn>.<EventName>`` for a SAM event.
    logical_id: str
    resource_type: str
    loc: Location
    # Logical id of the template resource a finding should name (the function for its events).
    resource_id: str
    # The resource's ``Condition`` attribute, when it has one.
    condition: str | None = None
    # True for what SAM generates from a function (role, alias, version, permissions ...).
    generated: bool = False
    # Plumbing for adapters and drawing only; rules read the typed fields, never these.
    properties: Mapping = field(repr=False)
    dialect: Dialect = "cfn"


class CodeKind(str, Enum):
    LOCAL = "local"  # a path relative to the template (a directory or an archive)
    S3 = "s3"
    INLINE = "inline"
    IMAGE = "image"
    UNKNOWN = "unknown"
    NONE = "none"


@dataclass(frozen=True, kw_only=True, eq=False)
class CodeLocation:
    kind: CodeKind
    site: Site
    # LOCAL: the path as written; S3: s3://bucket/key; IMAGE: the image URI; INLINE: the code.
    text: str | None = None


@dataclass(frozen=True, kw_only=True, eq=False)
class DeadLetter:
    """Where failed asynchronous events go: SAM ``DeadLetterQueue {Type, TargetArn}`` or CFN
    ``DeadLetterConfig {TargetArn}``. ``kind`` is SQS or SNS (from SAM's Type, or from the
    target's resource type / ARN service)."""

    kind: Value[str]
    targets: Targets
    site: Site
    # The setting itself (Known True for a mapping, Absent on an AWS::NoValue branch) and its
    # TargetArn as written (a literal ARN, or the reference it is).
    written: Value[bool]
    arn: Value[str]


@dataclass(frozen=True, kw_only=True, eq=False)
class Destination:
    """An on-success / on-failure destination: kind SQS, SNS, Lambda, EventBridge or S3Bucket."""

    kind: Value[str]
    targets: Targets
    site: Site
    # ``OnFailure`` / ``OnSuccess`` itself, and its ``Destination`` as written, as for DeadLetter.
    written: Value[bool]
    arn: Value[str]


@dataclass(frozen=True, kw_only=True, eq=False)
class VpcConfig:
    subnet_ids: Value[Items]
    security_group_ids: Value[Items]
    subnets: Targets
    security_groups: Targets
    site: Site


class PackageKind(str, Enum):
    ZIP = "Zip"
    IMAGE = "Image"


@dataclass(frozen=True, kw_only=True, eq=False)
class Function(Model):
    """``AWS::Serverless::Function`` or ``AWS::Lambda::Function``."""

    name: Value[str]
    handler: Value[str]
    runtime: Value[str]
    # "Zip" by default; Unknown for CFN with an image URI and no PackageType.
    package_type: Value[str]
    code: CodeLocation
    image_uri: Value[str]
    memory_size: Value[int]
    timeout: Value[int]
    ephemeral_storage: Value[int]
    environment: Value[tuple[Entry[str], ...]]
    layers: Value[Items]
    layer_targets: Targets
    architectures: Value[Items]
    # The execution role (SAM's generated ``<Fn>Role`` when Role is absent).
    role: Targets
    role_site: Site
    # SAM Policies, evaluated; lambdalint.iam reads them into statements.
    policies: Value[Any]
    vpc: VpcConfig | None = None
    dead_letter: DeadLetter | None = None
    reserved_concurrency: Value[int]
    # SAM ProvisionedConcurrencyConfig (placed on the AutoPublishAlias alias).
    provisioned_concurrency: Value[int]
    auto_publish_alias: Value[str]
    deployment_preference: Value[Any]
    tracing: Value[str]
    capacity_provider: Value[Any]
    snap_start: Value[str]
    # RuntimeManagementConfig.UpdateRuntimeOn (Auto, FunctionUpdate or Manual).
    runtime_management: Value[str]
    log_group: Value[str]
    file_systems: Value[Any]
    kms_key: Targets
    event_ids: tuple[str, ...] = ()
    # What its role must be allowed to act on (model/grants.py), read on first use.
    read_grants: Callable[[], FunctionGrants] = field(repr=False)
    grants: ClassVar[Lazy[FunctionGrants]] = Lazy("read_grants")

    @property
    def may_use_capacity_provider(self) -> bool:
        """Whether CapacityProviderConfig (Lambda Managed Instances) may be set; unknown counts
        as set, so no rule reports a value a managed-instances function could accept."""
        return any(not isinstance(v, Absent) for v in self.capacity_provider.values)


class TriggerKind(str, Enum):
    API = "api"
    HTTP_API = "http_api"
    WEBSOCKET_API = "websocket_api"
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


@dataclass(frozen=True, kw_only=True, eq=False)
class Trigger(Model):
    """Something that invokes a function: a SAM event, or a CFN producer wired to it."""

    kind: TriggerKind
    # What it invokes: one target per branch, each with the qualifier it invokes.
    targets: Targets
    # Logical id of the producing resource (queue, topic, bucket, rule, API), if in the template.
    source_id: str | None = None
    # For polled kinds: the logical id of the EventSourceMapping model.
    mapping_id: str | None = None
    # For an API Gateway integration (a SAM Api/HttpApi event, a CFN method or integration).
    integration: Integration | None = None
    # For a SAM event: where its name is written under the function's Events.
    event_site: Site | None = None

    @property
    def function_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.function_id for t in self.targets if t.function_id))


@dataclass(frozen=True, kw_only=True, eq=False)
class Integration:
    """What an API Gateway integration says about waiting for the function."""

    timeout_ms: Value[int]
    # ResponseTransferMode (REST): BUFFERED by default, STREAM for a streamed response.
    response_transfer_mode: Value[str]


@dataclass(frozen=True, kw_only=True, eq=False)
class EventSourceMapping(Model):
    """``AWS::Lambda::EventSourceMapping``, or the one SAM makes for a pull event. Settings are
    typed with the defaults of the source kind."""

    kind: TriggerKind
    targets: Targets
    event_source: Targets
    source_id: str | None = None
    batch_size: Value[int]
    maximum_batching_window: Value[int]
    starting_position: Value[str]
    maximum_retry_attempts: Value[int]
    maximum_record_age: Value[int]
    bisect_on_error: Value[bool]
    parallelization_factor: Value[int]
    function_response_types: Value[Items]
    # DestinationConfig itself: Known True when it is a mapping with settings.
    destination_config: Value[bool]
    on_failure: Destination | None = None
    # Kafka mappings only; any other source rejects it.
    on_success: Destination | None = None
    maximum_concurrency: Value[int]
    filter_criteria: Value[Any]
    enabled: Value[bool]
    tumbling_window: Value[int]
    read_grants: Callable[[], EsmGrants] = field(repr=False)
    grants: ClassVar[Lazy[EsmGrants]] = Lazy("read_grants")


@dataclass(frozen=True, kw_only=True, eq=False)
class Version(Model):
    function_id: str | None = None
    provisioned_concurrency: Value[int]
    code_sha256: Value[str]
    description: Value[str]


@dataclass(frozen=True, kw_only=True, eq=False)
class RoutingEntry:
    version: Value[str]
    weight: Value[float]
    # What FunctionVersion names (a version of this template, or a number).
    targets: Targets = ()


@dataclass(frozen=True, kw_only=True, eq=False)
class Alias(Model):
    function_id: str | None = None
    name: Value[str]
    function_version: Value[str]
    version: Targets
    routing: tuple[RoutingEntry, ...] = ()
    routing_site: Site | None = None
    provisioned_concurrency: Value[int]


@dataclass(frozen=True, kw_only=True, eq=False)
class LayerVersion(Model):
    compatible_runtimes: Value[Items]
    compatible_architectures: Value[Items]
    layer_name: Value[str]


@dataclass(frozen=True, kw_only=True, eq=False)
class Permission(Model):
    """``AWS::Lambda::Permission`` or one SAM adds for a push event or a function URL."""

    targets: Targets
    action: Value[str]
    principal: Value[str]
    source_arn: Value[str]
    source: Targets
    source_account: Value[str]
    function_url_auth_type: Value[str]
    principal_org_id: Value[str]
    event_source_token: Value[str]
    # The resource-policy statement it writes, read on first use (None: one SAM generates).
    read_statement: Callable[[], PermissionStatement | None] = field(default=_none, repr=False)
    statement: ClassVar[Lazy[PermissionStatement | None]] = Lazy("read_statement")


@dataclass(frozen=True, kw_only=True, eq=False)
class EventInvokeConfig(Model):
    targets: Targets
    qualifier: Qualifier = UNQUALIFIED
    maximum_retry_attempts: Value[int]
    maximum_event_age: Value[int]
    # DestinationConfig itself: Known True when it is a mapping with settings.
    destination_config: Value[bool]
    on_success: Destination | None = None
    on_failure: Destination | None = None
    read_grants: Callable[[], tuple[DestinationGrant, ...]] = field(repr=False)
    grants: ClassVar[Lazy[tuple[DestinationGrant, ...]]] = Lazy("read_grants")


@dataclass(frozen=True, kw_only=True, eq=False)
class FunctionUrl(Model):
    targets: Targets
    qualifier: Qualifier = UNQUALIFIED
    auth_type: Value[str]
    invoke_mode: Value[str]
    cors: Value[Any]


@dataclass(frozen=True, kw_only=True, eq=False)
class Role(Model):
    assume_role_policy: Value[Any]
    managed_policy_arns: Value[Items]
    policies: Value[Any]
    permissions_boundary: Value[str]
    # The service principals the trust policy's Allow statements name ("*" for a principal that
    # is anyone), Known only when the whole trust policy is known.
    trusted_services: Value[tuple[str, ...]]
    # Typed policies, read on first use (a plain check of most templates never asks): see
    # model/policy.py; for SAM's generated role, what SAM writes into it (model/sam_role.py).
    read_policies: Callable[[], RolePolicies] = field(repr=False)
    read_trust: Callable[[], PolicyDocument | None] = field(repr=False)
    permissions: ClassVar[Lazy[RolePolicies]] = Lazy("read_policies")
    trust_policy: ClassVar[Lazy[PolicyDocument | None]] = Lazy("read_trust")


@dataclass(frozen=True, kw_only=True, eq=False)
class Policy(Model):
    """``AWS::IAM::Policy`` / ``AWS::IAM::ManagedPolicy`` / ``AWS::IAM::RolePolicy``."""

    document: Value[Any]
    roles: Targets
    read_document: Callable[[], PolicyDocument] = field(repr=False)
    policy_document: ClassVar[Lazy[PolicyDocument]] = Lazy("read_document")


@dataclass(frozen=True, kw_only=True, eq=False)
class Queue(Model):
    visibility_timeout: Value[int]
    # RedrivePolicy: the dead-letter queue and how many receives before a message moves there.
    dead_letter: Targets
    max_receive_count: Value[int]
    # RedrivePolicy itself: Known True for a mapping; Invalid for the JSON text CloudFormation
    # also accepts (its ``raw`` is that text).
    redrive: Value[bool]
    redrive_site: Site | None = None
    fifo: Value[bool]
    message_retention: Value[int]


@dataclass(frozen=True, kw_only=True, eq=False)
class Topic(Model):
    fifo: Value[bool]


@dataclass(frozen=True, kw_only=True, eq=False)
class Subscription(Model):
    topic: Targets
    protocol: Value[str]
    endpoint: Targets
    redrive_policy: Value[Any]


@dataclass(frozen=True, kw_only=True, eq=False)
class Bucket(Model):
    pass


@dataclass(frozen=True, kw_only=True, eq=False)
class EventRule(Model):
    schedule: Value[str]
    state: Value[str]


@dataclass(frozen=True, kw_only=True, eq=False)
class Stream(Model):
    """A Kinesis stream, or a DynamoDB table's stream."""

    stream_kind: Literal["kinesis", "dynamodb"]


@dataclass(frozen=True, kw_only=True, eq=False)
class Api(Model):
    """API Gateway REST/HTTP/WebSocket API (SAM Api/HttpApi/WebSocketApi or CFN)."""

    api_kind: Literal["rest", "http", "websocket"]


@dataclass(frozen=True, kw_only=True, eq=False)
class ApiIntegration(Model):
    """A raw API Gateway method/integration that invokes a function."""

    targets: Targets
    api_id: str | None = None
    timeout_ms: Value[int]


@dataclass(frozen=True, kw_only=True, eq=False)
class Distribution(Model):
    """CloudFront distribution with Lambda@Edge associations."""

    associations: tuple[EdgeAssociation, ...] = ()


@dataclass(frozen=True, kw_only=True, eq=False)
class EdgeAssociation:
    """One ``LambdaFunctionAssociations`` entry of a cache behavior: the CloudFront event
    (viewer-request, origin-response ...) and the function version it runs."""

    event_type: Value[str]
    targets: Targets
    site: Site


@dataclass(frozen=True, kw_only=True, eq=False)
class Network(Model):
    """A subnet or security group a function's VpcConfig names."""

    network_kind: Literal["subnet", "security_group"]
