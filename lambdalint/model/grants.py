"""What a function's configuration names that its execution role must be allowed to act on:
the dead-letter target, asynchronous and on-failure destinations, an event source mapping's
source (and its queue's KMS key), VPC interfaces, active tracing, EFS access points and the log
group. Read on first use (``Function.grants``, ``EventSourceMapping.grants``,
``EventInvokeConfig.grants``), from whichever dialect wrote it.

A value written where an ARN is expected is an ``ArnRef``: its candidates read as a policy
element (``model/policy.py``: an intrinsic naming a resource stays symbolic), the logical ids it
references, and where it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.model.policy import NOT_A_VALUE, SYMBOLIC, structures
from lambdalint.model.policy import element as policy_element
from lambdalint.model.refs import references
from lambdalint.model.values import Candidate, Field, Known, Unknown
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.nodes import Mapping, Node, Path, Scalar, Sequence, intrinsic
from lambdalint.source.template import Resource, Template


@dataclass(frozen=True, slots=True)
class ArnRef:
    values: Field[str]
    # The logical ids the value references (Ref, GetAtt, Sub), in the order written.
    names: tuple[str, ...]
    # The value as written (its location and template path), for findings.
    at: Candidate[str]


@dataclass(frozen=True, slots=True)
class DestinationGrant:
    """An OnSuccess / OnFailure destination with a ``Destination`` written."""

    when: str
    # ``Type`` as written (SAM: SQS, SNS, Lambda, EventBridge, S3Bucket), when it is known.
    kind: str | None
    target: ArnRef


@dataclass(frozen=True, slots=True)
class FunctionGrants:
    # SAM DeadLetterQueue / CFN DeadLetterConfig, when surely set and naming a target.
    dead_letter: ArnRef | None = None
    dead_letter_kind: str | None = None  # SAM's Type
    # SAM EventInvokeConfig destinations (CloudFormation's are EventInvokeConfig resources).
    destinations: tuple[DestinationGrant, ...] = ()
    # VpcConfig, when its SubnetIds are surely a non-empty list (Lambda creates interfaces).
    vpc: Candidate[str] | None = None
    # The tracing mode when it is Active (SAM Tracing, CFN TracingConfig.Mode).
    tracing_active: Candidate[str] | None = None
    # FileSystemConfigs when surely a non-empty list: the whole value, and each entry's Arn
    # (None for an entry without one).
    file_systems: Candidate[str] | None = None
    file_system_arns: tuple[ArnRef | None, ...] = ()
    # LoggingConfig.LogGroup, when written.
    log_group: ArnRef | None = None


@dataclass(frozen=True, slots=True)
class EsmGrants:
    source: ArnRef | None = None
    on_failure: DestinationGrant | None = None
    # The polled queue's KmsMasterKeyId (a queue of this template), and its value if known.
    queue_key: Candidate[str] | None = None
    queue_key_text: str | None = None


def written(node: Node) -> Candidate[str]:
    """A whole value as written, for a finding's location and path."""
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return Known(node.value, node.loc, node=node)
    why = SYMBOLIC if intrinsic(node) is not None else NOT_A_VALUE
    return Unknown(why, node.loc, node=node)


def arn_ref(ev: Evaluator, parent: Mapping, key: str, path: Path) -> ArnRef | None:
    node = parent.get(key)
    if node is None:
        return None
    values = policy_element(ev, parent, key, path, False)
    return ArnRef(values, tuple(t for t, _ in references(node)), written(node))


def present(ev: Evaluator, node: Node | None) -> Node | None:
    """The value when it is surely there (not an Fn::If with an absent branch)."""
    found = structures(ev, node)
    if len(found) == 1 and not found[0][1]:
        return found[0][0]
    return None


def _text(ev: Evaluator, node: Node | None) -> str | None:
    value = ev.value(node) if node is not None else None
    return value if isinstance(value, str) else None


def destination(
    ev: Evaluator, entry: Node | None, when: str, path: Path
) -> DestinationGrant | None:
    if not isinstance(entry, Mapping):
        return None
    target = arn_ref(ev, entry, "Destination", path)
    if target is None:
        return None
    return DestinationGrant(when, _text(ev, entry.get("Type")), target)


def destinations(ev: Evaluator, config: Node | None, path: Path) -> tuple[DestinationGrant, ...]:
    if not isinstance(config, Mapping):
        return ()
    out = (destination(ev, config.get(w), w, (*path, w)) for w in ("OnSuccess", "OnFailure"))
    return tuple(d for d in out if d is not None)


def _non_empty_list(value: object) -> bool:
    if isinstance(value, Sequence):
        return bool(value.items)
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


def function_grants(ev: Evaluator, res: Resource) -> FunctionGrants:
    p = res.properties
    sam = res.is_sam
    base: Path = ("Resources", res.logical_id, "Properties")
    dlq_key = "DeadLetterQueue" if sam else "DeadLetterConfig"
    dlq = present(ev, p.get(dlq_key))
    dead_letter = (
        arn_ref(ev, dlq, "TargetArn", (*base, dlq_key)) if isinstance(dlq, Mapping) else None
    )
    dlq_kind = _text(ev, dlq.get("Type")) if isinstance(dlq, Mapping) else None
    eic = present(ev, p.get("EventInvokeConfig")) if sam else None
    config = eic.get("DestinationConfig") if isinstance(eic, Mapping) else None
    dests = destinations(ev, config, (*base, "EventInvokeConfig", "DestinationConfig"))
    vpc = present(ev, p.get("VpcConfig"))
    subnets = vpc.get("SubnetIds") if isinstance(vpc, Mapping) else None
    cands = ev.candidates(subnets) if subnets is not None else []
    vpc_at = (
        written(vpc)
        if vpc is not None and cands and all(_non_empty_list(c.value) for c in cands)
        else None
    )
    tracing = p.get("Tracing" if sam else "TracingConfig")
    mode = tracing.get("Mode") if isinstance(tracing, Mapping) else tracing
    active = written(mode) if mode is not None and ev.value(mode) == "Active" else None
    efs = present(ev, p.get("FileSystemConfigs"))
    efs_at = efs_arns = None
    if isinstance(efs, Sequence) and efs.items:
        efs_at = written(efs)
        efs_arns = tuple(
            arn_ref(ev, item, "Arn", (*base, "FileSystemConfigs", i))
            if isinstance(item, Mapping)
            else None
            for i, item in enumerate(efs.items)
        )
    logging = p.get("LoggingConfig")
    group = (
        arn_ref(ev, logging, "LogGroup", (*base, "LoggingConfig"))
        if isinstance(logging, Mapping)
        else None
    )
    return FunctionGrants(
        dead_letter, dlq_kind, dests, vpc_at, active, efs_at, efs_arns or (), group
    )


_SAM_SOURCE = ("Queue", "Stream", "Broker", "Cluster")


def esm_grants(
    ev: Evaluator, template: Template, props: Mapping, sam: bool, source_id: str | None, sqs: bool
) -> EsmGrants:
    """An event source mapping's source ARN (CFN EventSourceArn; a SAM event's Queue, Stream,
    Broker or Cluster), its on-failure destination and, for SQS, the queue's KMS key."""
    key = "EventSourceArn"
    if props.get(key) is None and sam:
        key = next((k for k in _SAM_SOURCE if props.get(k) is not None), key)
    source = arn_ref(ev, props, key, ())
    config = props.get("DestinationConfig")
    failure = config.get("OnFailure") if isinstance(config, Mapping) else None
    on_failure = destination(ev, failure, "OnFailure", ())
    queue = template.resources.get(source_id) if sqs and source_id is not None else None
    kms = queue.prop("KmsMasterKeyId") if queue is not None else None
    return EsmGrants(source, on_failure, written(kms) if kms is not None else None, _text(ev, kms))
