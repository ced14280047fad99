"""What each function's execution role needs, derived from its configuration and triggers, as
rows of ``rules/facts/permission_requirements.yaml``, and whether the role's effective policy
covers each one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lambdalint.data import load_data
from lambdalint.iam.evaluate import Decision
from lambdalint.iam.resolve import SymValue
from lambdalint.iam.sym import UNKNOWN_SYM, Sym, Token
from lambdalint.iam.tri import Answer
from lambdalint.source.nodes import Mapping, Node, Sequence

if TYPE_CHECKING:
    from lambdalint.iam.analysis import Analysis
    from lambdalint.iam.views import FunctionView


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    data: dict[str, Any] = load_data("facts/permission_requirements.yaml")
    return data


@dataclass
class Need:
    feature: str  # esm | dead_letter | destination | vpc | tracing | efs | sqs_kms | logs
    why: str  # "the event source mapping of SAM event Fn.Queue"
    groups: list[list[str]]  # each group: any one of its actions is enough
    resources: list[SymValue]  # the request's resource candidates
    resource_label: str  # "queue Queue", "*"
    at: Node | None
    severity: str
    fix: str
    source: list[str]
    decisions: dict[str, Decision] = field(default_factory=dict)

    def missing(self) -> list[str]:
        """The groups (as "a or b") whose every action is certainly not allowed."""
        out = []
        for group in self.groups:
            if all(self.decisions[a].answer is Answer.NO for a in group):
                out.append(" or ".join(group))
        return out

    def answer(self, action: str) -> Answer:
        return self.decisions[action].answer


_ARN_SERVICE = re.compile(r"^arn:(?:\$\{[^}]*\}|[^:$])*:([a-z0-9-]+):")
_TYPE_SERVICE = {
    "AWS::SQS::Queue": "sqs",
    "AWS::SNS::Topic": "sns",
    "AWS::Lambda::Function": "lambda",
    "AWS::Serverless::Function": "lambda",
    "AWS::Events::EventBus": "events",
    "AWS::S3::Bucket": "s3",
}
_SAM_DEST_TYPE = {"SQS": "sqs", "SNS": "sns", "Lambda": "lambda", "EventBridge": "events"}


def service_of(analysis: Analysis, node: Node | None) -> str | None:
    """sqs / sns / lambda / events / s3 for a target written as a reference or an ARN."""
    from lambdalint.model.refs import references

    for target, _ in references(node):
        rtype = analysis.resolver.resource_type(target)
        if rtype in _TYPE_SERVICE:
            return _TYPE_SERVICE[rtype]
    services = {
        m.group(1)
        for v in analysis.resolver.values(node)
        if (m := _ARN_SERVICE.match(str(v.sym))) is not None
    }
    return services.pop() if len(services) == 1 else None


def _label(analysis: Analysis, node: Node | None) -> str:
    from lambdalint.model.refs import references

    for target, _ in references(node):
        rtype = analysis.resolver.resource_type(target)
        if rtype is not None:
            return f"{rtype.rsplit('::', 1)[-1].lower()} {target}"
    values = analysis.resolver.values(node)
    return str(values[0].sym) if len(values) == 1 else "the target"


def _row(kind: str, sub: str | None = None) -> dict[str, Any] | None:
    row = table().get(kind)
    if sub is not None and isinstance(row, dict):
        row = row.get(sub)
    return row if isinstance(row, dict) and "actions" in row else None


def _need(
    row: dict[str, Any],
    feature: str,
    why: str,
    resources: list[SymValue],
    label: str,
    at: Node | None,
) -> Need:
    groups = [[a] for a in row["actions"]] + [list(g) for g in row.get("any_of", [])]
    src = row.get("source", [])
    return Need(
        feature,
        why,
        groups,
        resources,
        label,
        at,
        row["severity"],
        row.get("fix", ""),
        [src] if isinstance(src, str) else list(src),
    )


def _any(at: Node | None) -> list[SymValue]:
    loc = at.loc if at is not None else None
    return [SymValue(UNKNOWN_SYM, loc)] if loc is not None else []


def _present(analysis: Analysis, node: Node | None) -> Node | None:
    """The value when it is surely there (not an Fn::If with an absent branch)."""
    found = analysis.resolver.structures(node)
    if len(found) == 1 and not found[0][1]:
        return found[0][0]
    return None


def needs_of(analysis: Analysis, fn: FunctionView) -> list[Need]:
    out: list[Need] = []
    ev = analysis.evaluator
    # Event source mappings.
    for esm in fn.esms:
        row = _row("esm", esm.kind)
        if row is None or esm.source is None:
            continue
        if esm.condition is not None and ev.condition(esm.condition) is False:
            continue  # never created
        values = analysis.resolver.values(esm.source)
        why = f"the event source mapping {esm.logical_id}"
        out.append(_need(row, "esm", why, values, _label(analysis, esm.source), esm.source))
        if esm.kind == "sqs" and esm.source_id is not None:
            queue = analysis.template.resources.get(esm.source_id)
            key = queue.prop("KmsMasterKeyId") if queue is not None else None
            key_text = ev.value(key) if key is not None else None
            if key is not None and not (isinstance(key_text, str) and "alias/aws/sqs" in key_text):
                kms = _row("sqs_kms")
                if kms is not None:
                    why = f"queue {esm.source_id} is encrypted with a KMS key (KmsMasterKeyId)"
                    out.append(_need(kms, "sqs_kms", why, _any(key), "the queue's key", key))
        destination = esm.destination_config
        failure = destination.get("OnFailure") if isinstance(destination, Mapping) else None
        if isinstance(failure, Mapping) and failure.get("Destination") is not None:
            out.extend(
                _destination(analysis, failure, f"on-failure destination of {esm.logical_id}")
            )
    # Dead-letter queue.
    dlq = _present(analysis, fn.dead_letter)
    if isinstance(dlq, Mapping) and dlq.get("TargetArn") is not None:
        target = dlq.get("TargetArn")
        stype = ev.value(dlq.get("Type"))
        service = {"SQS": "sqs", "SNS": "sns"}.get(stype) if isinstance(stype, str) else None
        service = service or service_of(analysis, target)
        row = _row("dead_letter", service) if service else None
        if row is not None:
            values = analysis.resolver.values(target)
            out.append(
                _need(
                    row,
                    "dead_letter",
                    "the dead-letter queue",
                    values,
                    _label(analysis, target),
                    target,
                )
            )
    # Asynchronous destinations (SAM EventInvokeConfig, CFN AWS::Lambda::EventInvokeConfig).
    configs: list[Node] = list(fn.invoke_configs)
    eic = _present(analysis, fn.event_invoke_config)
    if isinstance(eic, Mapping) and eic.get("DestinationConfig") is not None:
        configs.append(eic.items["DestinationConfig"])
    for config in configs:
        if not isinstance(config, Mapping):
            continue
        for when in ("OnSuccess", "OnFailure"):
            entry = config.get(when)
            if isinstance(entry, Mapping) and entry.get("Destination") is not None:
                out.extend(_destination(analysis, entry, f"the {when} destination"))
    # VPC: only when the subnets are surely a non-empty list (no subnets, no interfaces).
    vpc = _present(analysis, fn.vpc_config)
    subnets = vpc.get("SubnetIds") if isinstance(vpc, Mapping) else None
    cands = ev.candidates(subnets) if subnets is not None else []
    if cands and all(_non_empty_list(analysis, c.value) for c in cands):
        row = _row("vpc")
        if row is not None and vpc is not None:
            out.append(_need(row, "vpc", "VpcConfig (network interfaces)", _any(vpc), "*", vpc))
    # Tracing.
    tracing = fn.tracing
    mode: Node | None = tracing.get("Mode") if isinstance(tracing, Mapping) else tracing
    if mode is not None and ev.value(mode) == "Active":
        row = _row("tracing")
        if row is not None:
            out.append(_need(row, "tracing", "active X-Ray tracing", _any(mode), "*", mode))
    # EFS.
    efs = _present(analysis, fn.file_system_configs)
    if isinstance(efs, Sequence) and efs.items and all(_is_efs(analysis, i) for i in efs.items):
        row = _row("efs")
        if row is not None:
            out.append(_need(row, "efs", "FileSystemConfigs", _any(efs), "the file system", efs))
    # Logs.
    row = _row("logs")
    if row is not None:
        out.append(_logs(analysis, fn, row))
    return out


def _is_efs(analysis: Analysis, config: Node) -> bool:
    """An EFS access point (FileSystemConfigs also takes S3 Files access points, which need
    other actions): a reference to AWS::EFS::AccessPoint or an elasticfilesystem ARN."""
    from lambdalint.model.refs import references

    arn = config.get("Arn") if isinstance(config, Mapping) else None
    if arn is None:
        return False
    for target, _ in references(arn):
        return analysis.resolver.resource_type(target) == "AWS::EFS::AccessPoint"
    return service_of(analysis, arn) == "elasticfilesystem"


def _non_empty_list(analysis: Analysis, value: object) -> bool:
    if isinstance(value, Sequence):
        return bool(value.items)
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


def _destination(analysis: Analysis, entry: Mapping, why: str) -> list[Need]:
    target = entry.get("Destination")
    stype = analysis.evaluator.value(entry.get("Type"))
    service = _SAM_DEST_TYPE.get(stype) if isinstance(stype, str) else None
    if isinstance(stype, str) and stype in ("S3Bucket", "S3"):
        service = "s3"
    service = service or service_of(analysis, target)
    row = _row("destination", service) if service else None
    if row is None or target is None:
        return []
    values = analysis.resolver.values(target)
    if row.get("resource") == "target_objects":
        values = [
            SymValue(v.sym + Sym.of("/", Token("unknown", "key")), v.loc, v.conditions)
            for v in values
        ]
    return [_need(row, "destination", why, values, _label(analysis, target), target)]


def _logs(analysis: Analysis, fn: FunctionView, row: dict[str, Any]) -> Need:
    res = analysis.resolver
    logging = fn.logging_config
    group = logging.get("LogGroup") if isinstance(logging, Mapping) else None
    if group is not None:
        names = res.values(group)
        why = "LoggingConfig.LogGroup"
        at: Node | None = group
    else:
        name = res.name_of(fn.logical_id)
        names = [SymValue(Sym.of("/aws/lambda/") + name, fn.loc)]
        why = "the function's log group"
        at = None
    prefix = Sym.of(
        "arn:",
        Token("pseudo", "AWS::Partition"),
        ":logs:",
        Token("pseudo", "AWS::Region"),
        ":",
        Token("pseudo", "AWS::AccountId"),
        ":log-group:",
    )
    values = [
        SymValue(
            prefix + v.sym + Sym.of(":log-stream:", Token("unknown", "stream")), v.loc, v.conditions
        )
        for v in names
    ]
    label = "log group " + (str(names[0].sym) if len(names) == 1 else "of the function")
    need = _need(row, "logs", why, values, label, at)
    return need


def evaluate(analysis: Analysis, fn: FunctionView, need: Need) -> Need:
    """Fill ``need.decisions``: per action, the best answer over the resource candidates."""
    policy = analysis.policy(fn)
    for group in need.groups:
        for action in group:
            best: Decision | None = None
            for value in need.resources or [SymValue(UNKNOWN_SYM, fn.loc)]:
                d = policy.allows(action, value.sym)
                if value.conditions and d.answer is Answer.NO:
                    d = Decision(Answer.UNKNOWN, d.allows, d.denies, d.unknown)
                if best is None or d.answer.rank > best.answer.rank:
                    best = d
            assert best is not None
            need.decisions[action] = best
    return need
