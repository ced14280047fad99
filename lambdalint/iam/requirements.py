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
from lambdalint.model.grants import ArnRef, DestinationGrant
from lambdalint.model.values import Candidate

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
    at: Candidate[str] | None
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


def service_of(analysis: Analysis, ref: ArnRef | None) -> str | None:
    """sqs / sns / lambda / events / s3 for a target written as a reference or an ARN."""
    if ref is None:
        return None
    for target in ref.names:
        rtype = analysis.resolver.resource_type(target)
        if rtype in _TYPE_SERVICE:
            return _TYPE_SERVICE[rtype]
    services = {m.group(1) for v in _values(analysis, ref) if (m := _ARN_SERVICE.match(str(v.sym)))}
    return services.pop() if len(services) == 1 else None


def _values(analysis: Analysis, ref: ArnRef) -> list[SymValue]:
    return [v for c in ref.values.values for v in analysis.resolver.candidate(c)]


def _label(analysis: Analysis, ref: ArnRef) -> str:
    for target in ref.names:
        rtype = analysis.resolver.resource_type(target)
        if rtype is not None:
            return f"{rtype.rsplit('::', 1)[-1].lower()} {target}"
    values = _values(analysis, ref)
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
    at: Candidate[str] | None,
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


def _any(at: Candidate[str]) -> list[SymValue]:
    return [SymValue(UNKNOWN_SYM, at.loc)]


def needs_of(analysis: Analysis, fn: FunctionView) -> list[Need]:
    out: list[Need] = []
    ev = analysis.evaluator
    # Event source mappings.
    for esm in fn.esms:
        row = _row("esm", esm.kind)
        source = esm.grants.source
        if row is None or source is None:
            continue
        if esm.condition is not None and ev.condition(esm.condition) is False:
            continue  # never created
        why = f"the event source mapping {esm.logical_id}"
        values = _values(analysis, source)
        out.append(_need(row, "esm", why, values, _label(analysis, source), source.at))
        key, key_text = esm.grants.queue_key, esm.grants.queue_key_text
        if key is not None and not (key_text is not None and "alias/aws/sqs" in key_text):
            kms = _row("sqs_kms")
            if kms is not None:
                why = f"queue {esm.source_id} is encrypted with a KMS key (KmsMasterKeyId)"
                out.append(_need(kms, "sqs_kms", why, _any(key), "the queue's key", key))
        failure = esm.grants.on_failure
        if failure is not None:
            out.extend(
                _destination(analysis, failure, f"on-failure destination of {esm.logical_id}")
            )
    g = fn.grants
    # Dead-letter queue.
    if g.dead_letter is not None:
        stype = g.dead_letter_kind
        service = {"SQS": "sqs", "SNS": "sns"}.get(stype) if stype is not None else None
        service = service or service_of(analysis, g.dead_letter)
        row = _row("dead_letter", service) if service else None
        if row is not None:
            values = _values(analysis, g.dead_letter)
            label = _label(analysis, g.dead_letter)
            why = "the dead-letter queue"
            out.append(_need(row, "dead_letter", why, values, label, g.dead_letter.at))
    # Asynchronous destinations (CFN AWS::Lambda::EventInvokeConfig, SAM EventInvokeConfig).
    for dest in (*fn.invoke_destinations, *g.destinations):
        out.extend(_destination(analysis, dest, f"the {dest.when} destination"))
    # VPC: only when the subnets are surely a non-empty list (no subnets, no interfaces).
    if g.vpc is not None:
        row = _row("vpc")
        if row is not None:
            why = "VpcConfig (network interfaces)"
            out.append(_need(row, "vpc", why, _any(g.vpc), "*", g.vpc))
    # Tracing.
    if g.tracing_active is not None:
        row = _row("tracing")
        if row is not None:
            at = g.tracing_active
            out.append(_need(row, "tracing", "active X-Ray tracing", _any(at), "*", at))
    # EFS.
    efs = g.file_systems
    if efs is not None and all(_is_efs(analysis, a) for a in g.file_system_arns):
        row = _row("efs")
        if row is not None:
            out.append(_need(row, "efs", "FileSystemConfigs", _any(efs), "the file system", efs))
    # Logs.
    row = _row("logs")
    if row is not None:
        out.append(_logs(analysis, fn, row))
    return out


def _is_efs(analysis: Analysis, arn: ArnRef | None) -> bool:
    """An EFS access point (FileSystemConfigs also takes S3 Files access points, which need
    other actions): a reference to AWS::EFS::AccessPoint or an elasticfilesystem ARN."""
    if arn is None:
        return False
    for target in arn.names:
        return analysis.resolver.resource_type(target) == "AWS::EFS::AccessPoint"
    return service_of(analysis, arn) == "elasticfilesystem"


def _destination(analysis: Analysis, dest: DestinationGrant, why: str) -> list[Need]:
    target = dest.target
    stype = dest.kind
    service = _SAM_DEST_TYPE.get(stype) if stype is not None else None
    if stype in ("S3Bucket", "S3"):
        service = "s3"
    service = service or service_of(analysis, target)
    row = _row("destination", service) if service else None
    if row is None:
        return []
    values = _values(analysis, target)
    if row.get("resource") == "target_objects":
        values = [
            SymValue(v.sym + Sym.of("/", Token("unknown", "key")), v.loc, v.conditions)
            for v in values
        ]
    return [_need(row, "destination", why, values, _label(analysis, target), target.at)]


def _logs(analysis: Analysis, fn: FunctionView, row: dict[str, Any]) -> Need:
    res = analysis.resolver
    group = fn.grants.log_group
    if group is not None:
        names = _values(analysis, group)
        why = "LoggingConfig.LogGroup"
        at: Candidate[str] | None = group.at
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
