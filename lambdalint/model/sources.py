"""What invokes functions and what they deliver to: triggers and the queues, topics, buckets,
rules, streams, APIs, distributions and networks around a function (``lambda_.py`` holds the
function and its versions, aliases, permissions and roles)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from lambdalint.model.base import Model, Targets
from lambdalint.model.values import Field as Value
from lambdalint.model.values import Site


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
