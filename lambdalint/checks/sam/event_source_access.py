"""LL023 sam-event-source-access-invalid: MQ, DocumentDB and self-managed Kafka events whose
SourceAccessConfigurations, Topics or bootstrap servers SAM rejects, and MSK / self-managed Kafka
SchemaRegistryConfig without its required fields (``validate_schema_registry_config``) (docs:
rules/catalog/LL023.yaml).

SAM's rules, from samtranslator/model/eventsources/pull.py (``MQ.get_policy_statements``,
``DocumentDB.get_policy_statements``, ``PullEventSource._validate_source_access_configurations``,
``SelfManagedKafka.get_policy_statements`` / ``get_secret_key`` / ``validate_uri``). SAM runs them
for every such event, since it always builds the policy its generated role would need. A value
that cannot be known statically (an intrinsic function, a parameter without a usable value) is
never reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, Event, events, is_literal_absent, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.intrinsics import UNKNOWN
from lambdalint.source.nodes import Mapping, Node, Sequence, intrinsic

# (supported Type values, the one that must appear exactly once with a URI) per event type.
_BASIC_AUTH = {
    "MQ": (("BASIC_AUTH", "VIRTUAL_HOST"), "BASIC_AUTH"),
    "DocumentDB": (("BASIC_AUTH",), "BASIC_AUTH"),
}
_KAFKA_AUTH = (
    "SASL_SCRAM_256_AUTH",
    "SASL_SCRAM_512_AUTH",
    "BASIC_AUTH",
    "CLIENT_CERTIFICATE_TLS_AUTH",
    "OAUTHBEARER_AUTH",
    "IAM_AUTH",
    "IAM_OAUTHBEARER_AUTH",
)
_KAFKA_NO_URI = ("IAM_AUTH", "IAM_OAUTHBEARER_AUTH")
_KAFKA_OTHER = (
    "VPC_SUBNET",
    "VPC_SECURITY_GROUP",
    "SERVER_ROOT_CA_CERTIFICATE",
    "OAUTHBEARER_SCOPE",
    "OAUTHBEARER_AUDIENCE",
    "OAUTHBEARER_LOGICAL_CLUSTER",
    "OAUTHBEARER_IDENTITY_POOL",
)


def _configs(ctx: CheckContext, ev: Event) -> tuple[list[tuple[str, Mapping]] | None, str | None]:
    """The (Type, entry) pairs of SourceAccessConfigurations; (None, problem) when SAM rejects
    the list itself; (None, None) when it cannot be known."""
    node = ev.prop("SourceAccessConfigurations")
    if is_literal_absent(node) or (isinstance(node, Sequence) and not node.items):
        return None, f"has no SourceAccessConfigurations; SAM requires them for {ev.type} events"
    assert node is not None
    if intrinsic(node) is not None:
        return None, None
    if not isinstance(node, Sequence):
        return None, "has SourceAccessConfigurations that are not a list"
    out: list[tuple[str, Mapping]] = []
    for item in node.items:
        if not isinstance(item, Mapping) or intrinsic(item) is not None:
            return None, None
        value = ctx.value(item.items.get("Type"))
        if not isinstance(value, str) or value is UNKNOWN:
            return None, None
        out.append((value, item))
    return out, None


def _basic_auth(ctx: CheckContext, ev: Event) -> str | None:
    supported, required = _BASIC_AUTH[str(ev.type)]
    configs, problem = _configs(ctx, ev)
    if configs is None:
        return problem
    seen = 0
    for kind, item in configs:
        if kind not in supported:
            return f"has SourceAccessConfigurations Type {kind!r}; SAM accepts {_or(supported)}"
        if kind == required:
            seen += 1
            if is_literal_absent(item.items.get("URI")):
                return f"has a {required} SourceAccessConfiguration without URI"
    if seen == 0:
        return f"has no {required} entry in SourceAccessConfigurations; SAM requires one"
    if seen > 1:
        return f"has {seen} {required} entries in SourceAccessConfigurations; SAM takes one"
    return None


def _kafka(ctx: CheckContext, ev: Event) -> str | None:
    for key, what in (("KafkaBootstrapServers", "KafkaBootstrapServers"), ("Topics", "Topics")):
        node = ev.prop(key)
        if is_literal_absent(node) or (isinstance(node, Sequence) and not node.items):
            return f"has no {what}; SAM requires them for self-managed Kafka"
    topics = ev.prop("Topics")
    if isinstance(topics, Sequence) and intrinsic(topics) is None and len(topics.items) != 1:
        return f"lists {len(topics.items)} Topics; SAM takes exactly one for self-managed Kafka"
    configs, problem = _configs(ctx, ev)
    if configs is None:
        return problem
    auth = 0
    kinds = set()
    for kind, item in configs:
        kinds.add(kind)
        if kind in _KAFKA_AUTH:
            auth += 1
        elif kind not in _KAFKA_OTHER:
            return f"has SourceAccessConfigurations Type {kind!r}, which SAM does not accept"
        if kind not in _KAFKA_NO_URI and is_literal_absent(item.items.get("URI")):
            return f"has a {kind} SourceAccessConfiguration without URI"
    if auth > 1:
        return f"has {auth} authentication entries in SourceAccessConfigurations; SAM takes one"
    if ("VPC_SUBNET" in kinds) != ("VPC_SECURITY_GROUP" in kinds):
        return "has only one of VPC_SUBNET and VPC_SECURITY_GROUP; SAM requires both"
    return None


_REGISTRY_FIELDS = ("SchemaRegistryURI", "EventRecordFormat", "SchemaValidationConfigs")


def _schema_registry(ctx: CheckContext, ev: Event) -> str | None:
    """``PullEventSource.validate_schema_registry_config`` (MSK and self-managed Kafka)."""
    config = ev.prop("SchemaRegistryConfig")
    if not isinstance(config, Mapping) or intrinsic(config) is not None or not config.items:
        return None
    for field in _REGISTRY_FIELDS:
        if field not in config.items:
            return f"has a SchemaRegistryConfig without {field}"
    fmt = ctx.value(config.items["EventRecordFormat"])
    if fmt is not UNKNOWN and fmt not in ("JSON", "SOURCE"):
        return f"has SchemaRegistryConfig EventRecordFormat {fmt!r}; SAM accepts JSON or SOURCE"
    validation = config.items["SchemaValidationConfigs"]
    if intrinsic(validation) is None and not isinstance(validation, Sequence):
        return "has SchemaRegistryConfig SchemaValidationConfigs that are not a list"
    return None


def _or(values: tuple[str, ...]) -> str:
    return " or ".join(values)


@check("LL023", on=None)
def sam_event_source_access_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn in sam_resources(ctx.template, FUNCTION):
        for ev in events(fn):
            if ev.properties is None:
                continue
            if ev.type in _BASIC_AUTH:
                problem = _basic_auth(ctx, ev)
            elif ev.type == "SelfManagedKafka":
                problem = _kafka(ctx, ev) or _schema_registry(ctx, ev)
            elif ev.type == "MSK":
                problem = _schema_registry(ctx, ev)
            else:
                continue
            if problem:
                at: Node = ev.prop("SourceAccessConfigurations") or ev.where
                if "Topics" in problem or "KafkaBootstrapServers" in problem:
                    at = ev.prop("Topics") or ev.where
                if "SchemaRegistryConfig" in problem:
                    at = ev.prop("SchemaRegistryConfig") or ev.where
                yield ctx.finding(
                    f"{ev.type} event {ev.event_id} of function {fn.logical_id} {problem}; "
                    "SAM rejects the template",
                    at=at,
                    resource=fn.logical_id,
                )
