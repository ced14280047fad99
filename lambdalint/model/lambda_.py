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
from typing import TYPE_CHECKING, Any, ClassVar

from lambdalint.model.base import Items, Model, Targets
from lambdalint.model.sources import TriggerKind
from lambdalint.model.targets import UNQUALIFIED, Qualifier
from lambdalint.model.values import Absent, Entry, Lazy, Site
from lambdalint.model.values import Field as Value

if TYPE_CHECKING:
    from lambdalint.model.grants import DestinationGrant, EsmGrants, FunctionGrants
    from lambdalint.model.policy import PermissionStatement, PolicyDocument, RolePolicies


def _none() -> None:
    return None


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
