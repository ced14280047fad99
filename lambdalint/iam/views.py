"""The shapes ``iam/`` reasons about, filled by ``from_model`` (the only module that reads the
template model). Values are the model's typed fields, documents and grants; nothing here is SAM-
or CFN-specific beyond the ``dialect`` flag (for reports) and what SAM generates (``generated``
roles, SAM events)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lambdalint.model.grants import DestinationGrant, EsmGrants, FunctionGrants
from lambdalint.model.lambda_ import Policy, Role
from lambdalint.model.policy import PermissionStatement
from lambdalint.model.values import Candidate, Field
from lambdalint.source.location import Location


@dataclass
class AttachedPolicy:
    """An AWS::IAM::Policy / RolePolicy / ManagedPolicy of the template that names the role."""

    logical_id: str
    resource_type: str
    policy: Policy  # its typed document is read on first use
    loc: Location
    condition: str | None = None


@dataclass
class RoleView:
    logical_id: str
    loc: Location
    generated: bool  # SAM's <Fn>Role for a function without Role
    # The typed role: its policies, boundary and trust policy (for a generated role, what SAM
    # writes into it).
    model: Role
    attached: list[AttachedPolicy] = field(default_factory=list)
    condition: str | None = None


@dataclass
class EsmView:
    logical_id: str
    loc: Location
    # sqs | kinesis | dynamodb | msk | mq | self_managed_kafka | documentdb | other
    kind: str
    source_id: str | None
    # Its source ARN, on-failure destination and queue key (typed, model/grants.py).
    grants: EsmGrants
    sam: bool
    condition: str | None = None


@dataclass
class TriggerView:
    logical_id: str
    loc: Location
    kind: str  # lambdalint.model TriggerKind values: s3, sns, api, eventbridge...
    sam: bool  # a SAM event: SAM writes its permission
    cfn_source: bool  # produced by a plain CloudFormation resource (a bucket, a subscription)
    source_id: str | None
    source_type: str | None
    qualifier: str | None
    resource_id: str


@dataclass
class PermissionView:
    logical_id: str
    loc: Location
    function_id: str | None
    qualifier: str | None
    # The resource-policy statement it writes (typed elements).
    statement: PermissionStatement
    condition: str | None = None

    @property
    def principal(self) -> Field[str]:
        return self.statement.principal

    @property
    def source_arn(self) -> Field[str]:
        return self.statement.source_arn

    def at(self, element: Field[str]) -> Candidate[str] | Location:
        """Where a finding about ``element`` points: its first value, else the permission."""
        return element.values[0] if element.values else self.loc


@dataclass
class UrlView:
    logical_id: str
    loc: Location
    function_id: str | None
    auth_type: Field[str]
    sam: bool

    @property
    def at(self) -> Candidate[str] | Location:
        """Where a finding about the URL's AuthType points: its value, else the URL."""
        return self.auth_type.values[0] if self.auth_type.written else self.loc


@dataclass
class FunctionView:
    logical_id: str
    loc: Location
    dialect: str  # sam | cfn
    condition: str | None
    # Whether Role is written, and whether Fn::If chooses between roles (or SAM's generated one).
    role_written: bool
    role_chosen: bool
    role: RoleView | None  # a role of this template (generated ones included)
    # What its configuration names that the role must act on (typed, model/grants.py).
    grants: FunctionGrants = field(default_factory=FunctionGrants)
    esms: list[EsmView] = field(default_factory=list)
    triggers: list[TriggerView] = field(default_factory=list)
    permissions: list[PermissionView] = field(default_factory=list)
    urls: list[UrlView] = field(default_factory=list)
    # The destinations of separate AWS::Lambda::EventInvokeConfig resources (CFN).
    invoke_destinations: list[DestinationGrant] = field(default_factory=list)
