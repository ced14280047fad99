"""The pieces SAM and CloudFormation write alike (event source mapping settings, destinations,
VPC config, the code location), read once into typed sub-models, and the context every
normalizer reads through."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lambdalint.facts import limits
from lambdalint.model.base import Items, Model
from lambdalint.model.lambda_ import CodeKind, CodeLocation, DeadLetter, Destination, VpcConfig
from lambdalint.model.read import (
    Reader,
    is_mapping,
    reference,
    text,
)
from lambdalint.model.resolve import Index, Resolver
from lambdalint.model.sources import TriggerKind
from lambdalint.model.targets import Target, TargetKind, arn_service
from lambdalint.model.values import Conditions, Field, Known, Site
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.nodes import Mapping, Node, Sequence, intrinsic
from lambdalint.source.template import Resource, Template

# What a target's resource type says about the kind of a DLQ / destination / event source.
KIND_BY_TYPE: dict[str, str] = {
    "AWS::SQS::Queue": "SQS",
    "AWS::SNS::Topic": "SNS",
    "AWS::Serverless::Function": "Lambda",
    "AWS::Lambda::Function": "Lambda",
    "AWS::Lambda::Alias": "Lambda",
    "AWS::Lambda::Version": "Lambda",
    "AWS::Events::EventBus": "EventBridge",
    "AWS::S3::Bucket": "S3Bucket",
}
KIND_BY_SERVICE = {
    "sqs": "SQS",
    "sns": "SNS",
    "lambda": "Lambda",
    "events": "EventBridge",
    "s3": "S3Bucket",
}
SOURCE_KIND_BY_TYPE = {
    "AWS::SQS::Queue": TriggerKind.SQS,
    "AWS::Kinesis::Stream": TriggerKind.KINESIS,
    "AWS::Kinesis::StreamConsumer": TriggerKind.KINESIS,
    "AWS::DynamoDB::Table": TriggerKind.DYNAMODB,
    "AWS::DynamoDB::GlobalTable": TriggerKind.DYNAMODB,
    "AWS::MSK::Cluster": TriggerKind.MSK,
    "AWS::MSK::ServerlessCluster": TriggerKind.MSK,
    "AWS::AmazonMQ::Broker": TriggerKind.MQ,
    "AWS::DocDB::DBCluster": TriggerKind.DOCUMENTDB,
}
SOURCE_KIND_BY_SERVICE = {
    "sqs": TriggerKind.SQS,
    "kinesis": TriggerKind.KINESIS,
    "dynamodb": TriggerKind.DYNAMODB,
    "kafka": TriggerKind.MSK,
    "mq": TriggerKind.MQ,
    "rds": TriggerKind.DOCUMENTDB,
}


@dataclass
class Norm:
    """What a normalizer reads through: the template, its evaluator and the full index."""

    template: Template
    evaluator: Evaluator
    index: Index
    resolver: Resolver

    def reader(self, res: Resource) -> Reader:
        return Reader(self.template, self.evaluator, res)

    def targets(self, node: Node | None) -> tuple[Target, ...]:
        return self.resolver.targets(node)

    def resource_type(self, target: Target) -> str | None:
        if target.kind is not TargetKind.RESOLVED or target.node_id is None:
            return None
        res = self.template.resources.get(target.node_id)
        if res is not None:
            return res.type
        node = self.index.get(target.node_id)
        return node.resource_type if node is not None else None

    def kind_of(self, targets: tuple[Target, ...]) -> str | None:
        """SQS / SNS / Lambda / EventBridge / S3Bucket, from what the targets name."""
        for t in targets:
            rtype = self.resource_type(t)
            if rtype in KIND_BY_TYPE:
                return KIND_BY_TYPE[rtype]
            if t.kind is TargetKind.EXTERNAL and t.arn:
                service = arn_service(t.arn)
                if service in KIND_BY_SERVICE:
                    return KIND_BY_SERVICE[service]
        return None

    def source_kind(self, targets: tuple[Target, ...], self_managed: bool) -> TriggerKind:
        for t in targets:
            rtype = self.resource_type(t)
            if rtype in SOURCE_KIND_BY_TYPE:
                return SOURCE_KIND_BY_TYPE[rtype]
            if t.kind is TargetKind.EXTERNAL and t.arn:
                service = arn_service(t.arn)
                if service in SOURCE_KIND_BY_SERVICE:
                    return SOURCE_KIND_BY_SERVICE[service]
        return TriggerKind.KAFKA if self_managed else TriggerKind.OTHER


def sub(node: Node | None, key: str) -> Node | None:
    """``node[key]`` of a plain mapping (None for an intrinsic or anything else)."""
    if isinstance(node, Mapping) and intrinsic(node) is None:
        return node.items.get(key)
    return None


def kind_field(
    reader: Reader, written: Node | None, site: Site, inferred: str | None
) -> Field[str]:
    """A destination kind: as written (SAM ``Type``), else inferred from the target."""
    if written is not None:
        return reader.field(written, text, site)
    if inferred is None:
        return reader.field(None, text, site)
    return Field((Known(inferred, site.loc),), False, site)


def _kind_and_targets(
    norm: Norm, reader: Reader, node: Node, target_key: str, site: Site
) -> tuple[Field[str], tuple[Target, ...]]:
    """What a ``{Type?, <target_key>}`` mapping sends to: the targets, and their kind (SAM's
    ``Type`` as written, else inferred from what the targets name)."""
    type_site = reader.site_in(node, "Type", site)
    if isinstance(node, Mapping) and intrinsic(node) is None:
        targets = norm.targets(node.items.get(target_key))
        return kind_field(reader, node.items.get("Type"), type_site, norm.kind_of(targets)), targets
    # A setting chosen by a condition (``!If [C, {TargetArn: ...}, {...}]``): every branch's.
    targets = branch_targets(norm, node, target_key)
    kind = reader.nested(node, "Type", text, type_site)
    return (kind if kind else kind_field(reader, None, type_site, norm.kind_of(targets))), targets


def branch_targets(norm: Norm, node: Node, key: str) -> tuple[Target, ...]:
    """Targets of ``key`` in every mapping ``node`` can be, each keeping its branch's
    conditions."""
    out: list[Target] = []
    for cand in norm.evaluator.candidates(node):
        if isinstance(cand.value, Mapping) and intrinsic(cand.value) is None:
            out.extend(
                replace(t, conditions=_and(cand.conditions, t.conditions))
                for t in norm.targets(cand.value.items.get(key))
            )
    return tuple(out)


def dead_letter(norm: Norm, reader: Reader, node: Node | None, site: Site) -> DeadLetter | None:
    """SAM ``DeadLetterQueue {Type, TargetArn}`` or CFN ``DeadLetterConfig {TargetArn}``."""
    if node is None:
        return None
    kind, targets = _kind_and_targets(norm, reader, node, "TargetArn", site)
    return DeadLetter(
        kind=kind,
        targets=targets,
        site=site,
        written=reader.field(node, is_mapping, site),
        arn=reader.nested(node, "TargetArn", reference, site),
    )


def destination(
    norm: Norm, reader: Reader, config: Node | None, which: str, site: Site
) -> Destination | None:
    """``DestinationConfig.<which>``, a ``{Type?, Destination}`` mapping (SAM / CFN
    EventInvokeConfig, ESM DestinationConfig)."""
    node = sub(config, which)
    if node is None:
        return None
    kind, targets = _kind_and_targets(norm, reader, node, "Destination", site)
    at = reader.site_in(config, which, site)
    return Destination(
        kind=kind,
        targets=targets,
        site=site,
        written=reader.field(node, is_mapping, at),
        arn=reader.nested(node, "Destination", reference, at),
    )


def vpc_config(norm: Norm, reader: Reader, node: Node | None, site: Site) -> VpcConfig | None:
    if node is None:
        return None
    subnets = sub(node, "SubnetIds")
    groups = sub(node, "SecurityGroupIds")
    return VpcConfig(
        subnet_ids=reader.field(subnets, reader.list_of(text, site), site),
        security_group_ids=reader.field(groups, reader.list_of(text, site), site),
        subnets=item_targets(norm, subnets),
        security_groups=item_targets(norm, groups),
        site=site,
    )


def item_targets(norm: Norm, node: Node | None) -> tuple[Target, ...]:
    """Targets of every item of a list (Layers, SubnetIds), each keeping the conditions of the
    branch that holds the list and of its own."""
    if node is None:
        return ()
    out: list[Target] = []
    for cand in norm.evaluator.candidates(node):
        if isinstance(cand.value, Sequence):
            for item in cand.value.items:
                out.extend(
                    replace(t, conditions=_and(cand.conditions, t.conditions))
                    for t in norm.targets(item)
                )
        elif isinstance(cand.value, list):
            out.extend(
                Target(TargetKind.EXTERNAL, cand.loc, cand.conditions, arn=str(v))
                for v in cand.value
            )
    return tuple(out)


def _and(outer: Conditions, inner: Conditions) -> Conditions:
    return tuple(c for c in outer if c not in inner) + inner


def code_location(
    reader: Reader, node: Node | None, site: Site, *, inline: bool = False, image: bool = False
) -> CodeLocation:
    """Where the code is: a local path, S3, inline text or an image (Unknown when computed)."""
    if node is None:
        return CodeLocation(kind=CodeKind.NONE, site=site)
    values = reader.evaluator.candidates(node)
    value = values[0].value if len(values) == 1 else None
    if inline:
        return CodeLocation(
            kind=CodeKind.INLINE, site=site, text=value if isinstance(value, str) else None
        )
    if image:
        return CodeLocation(
            kind=CodeKind.IMAGE, site=site, text=value if isinstance(value, str) else None
        )
    if isinstance(value, str):
        if value.startswith("s3://"):
            return CodeLocation(kind=CodeKind.S3, site=site, text=value)
        return CodeLocation(kind=CodeKind.LOCAL, site=site, text=value)
    if (
        isinstance(node, Mapping)
        and intrinsic(node) is None
        and ("Bucket" in node or "S3Bucket" in node)
    ):
        return CodeLocation(kind=CodeKind.S3, site=site)
    return CodeLocation(kind=CodeKind.UNKNOWN, site=site)


def limit_default(name: str) -> tuple[Any, str]:
    """(default, source) of a function limit in limits.yaml (memory_size, timeout ...)."""
    row = getattr(limits(), name)
    return row.default, row.source[0]


def architectures_default(site: Site) -> Field[Items]:
    arch = limits().architectures
    item = Field((Known(arch.default, site.loc, default=True, source=arch.source[0]),), False, site)
    return Field((Known((item,), site.loc, default=True, source=arch.source[0]),), False, site)


def origin(
    res: Resource,
    *,
    logical_id: str | None = None,
    resource_type: str | None = None,
    at: Node | None = None,
    properties: Mapping | None = None,
    generated: bool = False,
) -> dict[str, Any]:
    """The fields every model takes from its template resource; a model derived from part of a
    resource (a SAM event, what SAM generates) overrides its id, type, location or properties."""
    return {
        "logical_id": logical_id or res.logical_id,
        "resource_type": resource_type or res.type,
        "loc": at.loc if at is not None else res.loc,
        "resource_id": res.logical_id,
        "condition": res.condition,
        "properties": properties if properties is not None else res.properties,
        "dialect": "sam" if res.is_sam else "cfn",
        "generated": generated,
    }


def model_id(model: Model) -> str:
    return model.logical_id


# SAM's generated role trusts Lambda only (samtranslator/model/iam.py
# ``IAMRolePolicies.lambda_assume_role_policy``), unless AssumeRolePolicyDocument replaces it.
SAM_ROLE_TRUST = (
    "lambda.amazonaws.com",
    "https://github.com/aws/serverless-application-model/blob/develop/samtranslator/model/iam.py",
)


def trusted_services(
    norm: Norm, reader: Reader, node: Node | None, site: Site, default: tuple[str, str] | None
) -> Field[tuple[str, ...]]:
    """The service principals an Allow statement of a trust policy lets assume the role: Known
    only when the whole document is known (no unknown part, no Fn::If), else Unknown."""
    from lambdalint.model.values import Unknown, default_field, empty_field
    from lambdalint.source.intrinsics import UNKNOWN

    if node is None:
        if default is None:
            return empty_field(site)
        return default_field((default[0],), site, default[1])
    doc = norm.evaluator.plain_value(node)
    statements = doc.get("Statement") if isinstance(doc, dict) else None
    if doc is UNKNOWN or statements is None:
        return Field((Unknown("the trust policy is not fully known", node.loc),), True, site)
    services: list[str] = []
    for statement in statements if isinstance(statements, list) else [statements]:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        if principal == "*" or (isinstance(principal, dict) and principal.get("AWS") == "*"):
            services.append("*")  # anyone: every service principal included
        service = principal.get("Service") if isinstance(principal, dict) else None
        for name in service if isinstance(service, list) else [service]:
            if isinstance(name, str):
                services.append(name)
    return Field((Known(tuple(services), node.loc, node=node),), True, site)
