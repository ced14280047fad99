"""What SAM puts in the role it generates for a function without ``Role``, as the translator
does (aws-sam-translator ``samtranslator/model/sam_resources.py`` ``_construct_role``,
``_add_event_invoke_managed_policy``; ``samtranslator/model/eventsources/pull.py``
``get_policy_arn`` / ``_link_policy``; ``samtranslator/model/iam.py`` ``IAMRolePolicies``):

- AWSLambdaBasicExecutionRole (AWSLambdaBasicDurableExecutionRolePolicy with DurableConfig);
- the X-Ray write policy when Tracing is set and not ``Disabled`` (AWSXrayWriteOnlyAccess in
  the aws partition, ``samtranslator/model/xray_utils.py``);
- AWSLambdaVPCAccessExecutionRole with VpcConfig;
- the function's Policies (names, ARNs, documents, policy templates with their parameters);
- a DeadLetterQueue statement (sqs:SendMessage / sns:Publish on TargetArn);
- EventInvokeConfig destination statements (SQS, SNS, EventBridge, Lambda, S3Bucket);
- per pull event (an SNS event with SqsSubscription polls a queue): the Kinesis / DynamoDB /
  SQS / MSK managed policy and the on-failure destination statement; MQ, self-managed Kafka and
  DocumentDB add inline statements that depend on their SourceAccessConfigurations: those are
  an UNKNOWN source (never a false "missing").

Each source is named as SAM names it and located on the property that caused it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from lambdalint.data import rules_dir
from lambdalint.model.declare import SAM_EVENT_KINDS, sam_events, sqs_subscription
from lambdalint.model.policy import (
    PolicyDocument,
    PolicySource,
    RolePolicies,
    SourceKind,
    boundary,
    items,
    policy_arns,
    read_document,
)
from lambdalint.model.sources import POLLED_KINDS, TriggerKind
from lambdalint.model.values import Conditions
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic, walk
from lambdalint.source.template import Resource

PULL_MANAGED = {
    TriggerKind.KINESIS: "service-role/AWSLambdaKinesisExecutionRole",
    TriggerKind.DYNAMODB: "service-role/AWSLambdaDynamoDBExecutionRole",
    TriggerKind.SQS: "service-role/AWSLambdaSQSQueueExecutionRole",
    TriggerKind.MSK: "service-role/AWSLambdaMSKExecutionRole",
}
PULL_INLINE = (TriggerKind.MQ, TriggerKind.KAFKA, TriggerKind.DOCUMENTDB)
DLQ_ACTIONS = {"SQS": "sqs:SendMessage", "SNS": "sns:Publish"}
# IAMRolePolicies: the action each destination type gets (S3: two statements).
DESTINATION_ACTIONS = {
    "SQS": "sqs:SendMessage",
    "SNS": "sns:publish",
    "EventBridge": "events:PutEvents",
    "Lambda": "lambda:InvokeFunction",
}


@lru_cache(maxsize=1)
def sam_policy_templates() -> dict[str, Any]:
    """SAM policy template name -> {Description, Parameters, Definition} (generated from
    aws-sam-translator by ``scripts/gen_iam_data.py``)."""
    path = rules_dir() / "facts" / "sam_policy_templates.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["Templates"]
    return data


def _s(value: str, loc: Location) -> Scalar:
    return Scalar(value, loc)


def _doc(statements: list[Node], loc: Location) -> Mapping:
    return Mapping({"Statement": Sequence(statements, loc)}, loc)


def _stmt(action: str, resource: Node, loc: Location) -> Mapping:
    return Mapping(
        {"Action": _s(action, loc), "Effect": _s("Allow", loc), "Resource": resource}, loc
    )


def destination_statements(kind: str, arn: Node, loc: Location) -> list[Node]:
    if kind in ("S3Bucket", "S3"):
        objects = Mapping(
            {"Fn::Join": Sequence([_s("/", loc), Sequence([arn, _s("*", loc)], loc)], loc)}, loc
        )
        return [_stmt("s3:PutObject", objects, loc), _stmt("s3:ListBucket", arn, loc)]
    action = DESTINATION_ACTIONS.get(kind)
    return [_stmt(action, arn, loc)] if action else []


def _may_be_absent(node: Node) -> bool:
    return any(
        isinstance(n, Mapping)
        and isinstance(n.get("Ref"), Scalar)
        and n.items["Ref"].plain() == "AWS::NoValue"
        for _, n in walk(node)
    )


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _managed(name: str, loc: Location, via: str) -> PolicySource:
    return PolicySource(SourceKind.MANAGED, loc, via, name=name)


def _generated(ev: Evaluator, statements: list[Node], loc: Location, name: str) -> PolicySource:
    doc = read_document(ev, _doc(statements, loc))
    return PolicySource(SourceKind.DOCUMENT, loc, "added by SAM", name=name, document=doc)


def sam_policies(ev: Evaluator, node: Node | None, fn_id: str) -> list[PolicySource]:
    """A SAM function's ``Policies``: documents, policy templates, names and ARNs."""
    out: list[PolicySource] = []
    via = f"Policies of {fn_id}"
    for item, conds, path in items(ev, node, ("Resources", fn_id, "Properties", "Policies")):
        if isinstance(item, Mapping) and intrinsic(item) is None:
            if "Statement" in item:
                doc = read_document(ev, item, path, conds)
                name = f"inline policy in {via}"
                out.append(PolicySource(SourceKind.DOCUMENT, item.loc, via, conds, name, doc))
                continue
            if len(item) == 1:
                ((name, params),) = item.items.items()
                tpl = sam_policy_templates().get(name)
                if tpl is not None:
                    doc = template_document(ev, tpl, params, conds)
                    label = f"SAM policy template {name} in {via}"
                    out.append(PolicySource(SourceKind.DOCUMENT, item.loc, via, conds, label, doc))
                    continue
            reason = "not a policy SAM knows"
            out.append(PolicySource(SourceKind.UNKNOWN, item.loc, via, conds, via, reason=reason))
            continue
        out.extend(policy_arns(ev, item, conds, via))
    return out


def template_document(
    ev: Evaluator, tpl: dict[str, Any], params: Node, conds: Conditions
) -> PolicyDocument:
    """A SAM policy template with the user's parameter values in place of its Refs, as SAM's
    PolicyTemplatesProcessor does (only Ref to a declared parameter is substituted)."""
    values = params.items if isinstance(params, Mapping) else {}
    declared = set(tpl.get("Parameters", {}))
    node = _to_node(
        tpl["Definition"], params.loc, {k: v for k, v in values.items() if k in declared}
    )
    return read_document(ev, node, (), conds)


def _to_node(value: Any, loc: Location, params: dict[str, Node]) -> Node:
    if isinstance(value, dict):
        if len(value) == 1 and "Ref" in value and isinstance(value["Ref"], str):
            found = params.get(value["Ref"])
            if found is not None:
                return found
        return Mapping({k: _to_node(v, loc, params) for k, v in value.items()}, loc)
    if isinstance(value, list):
        return Sequence([_to_node(v, loc, params) for v in value], loc)
    return Scalar(value, loc)


def generated_role(ev: Evaluator, res: Resource, role_id: str) -> RolePolicies:
    """The policies SAM writes into ``<Fn>Role`` for the SAM function ``res``."""
    p = res.properties
    out: list[PolicySource] = []
    base = (
        "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
        if p.get("DurableConfig") is not None
        else "service-role/AWSLambdaBasicExecutionRole"
    )
    out.append(_managed(base, res.loc, "added by SAM"))
    tracing = p.get("Tracing")
    # SAM: ``if self.Tracing and tracing != "Disabled"`` (an empty value adds nothing).
    if tracing is not None and ev.value(tracing) not in (None, "", "Disabled"):
        out.append(_managed("AWSXrayWriteOnlyAccess", tracing.loc, "added by SAM: Tracing"))
    vpc = p.get("VpcConfig")
    if vpc is not None:
        out.append(
            _managed(
                "service-role/AWSLambdaVPCAccessExecutionRole", vpc.loc, "added by SAM: VpcConfig"
            )
        )
    out.extend(sam_policies(ev, p.get("Policies"), res.logical_id))
    dlq = p.get("DeadLetterQueue")
    if isinstance(dlq, Mapping):
        dlq_type = ev.value(dlq.get("Type"))
        action = DLQ_ACTIONS.get(dlq_type) if isinstance(dlq_type, str) else None
        target = dlq.get("TargetArn")
        if action and target is not None:
            stmt = _stmt(action, target, dlq.loc)
            out.append(_generated(ev, [stmt], dlq.loc, "DeadLetterQueuePolicy (added by SAM)"))
    out.extend(_invoke_config(ev, p.get("EventInvokeConfig")))
    out.extend(_events(ev, res))
    return RolePolicies(tuple(out), boundary(ev, p.get("PermissionsBoundary"), role_id))


def _invoke_config(ev: Evaluator, eic: Node | None) -> list[PolicySource]:
    out: list[PolicySource] = []
    dest = eic.get("DestinationConfig") if isinstance(eic, Mapping) else None
    if not isinstance(dest, Mapping):
        return out
    for key in ("OnSuccess", "OnFailure"):
        entry = dest.get(key)
        if not isinstance(entry, Mapping):
            continue
        kind = ev.value(entry.get("Type"))
        target = entry.get("Destination")
        # No Destination: SAM creates the queue or topic and grants the role on it.
        if not isinstance(kind, str) or target is None:
            continue
        if _may_be_absent(target):
            # ``!If [C, arn, !Ref AWS::NoValue]``: SAM creates the destination under the other
            # branch; not modelled here.
            name = f"EventInvokeConfig {key}"
            reason = "conditional destination"
            out.append(
                PolicySource(
                    SourceKind.UNKNOWN, entry.loc, "added by SAM", name=name, reason=reason
                )
            )
            continue
        stmts = destination_statements(kind, target, entry.loc)
        if stmts:
            out.append(
                _generated(ev, stmts, entry.loc, f"EventInvokeConfig {key} policy (added by SAM)")
            )
    return out


def _events(ev: Evaluator, res: Resource) -> list[PolicySource]:
    """The policies SAM adds for the function's pull events (``pull.py`` ``_link_policy``)."""
    out: list[PolicySource] = []
    added: set[str] = set()  # SAM adds each managed policy ARN once
    for name, event in sam_events(res):
        kind = SAM_EVENT_KINDS.get(_text(event.get("Type")) or "", TriggerKind.OTHER)
        props = event.get("Properties")
        props = props if isinstance(props, Mapping) else Mapping({}, event.loc)
        subscription = sqs_subscription(ev, event)
        if subscription is not None:
            # An SNS event with SqsSubscription becomes a queue the function polls.
            kind, props = TriggerKind.SQS, Mapping({}, event.loc)
        if kind not in POLLED_KINDS:
            continue
        event_id = f"{res.logical_id}.{name}.Mapping"
        if kind is TriggerKind.MSK and (
            props.get("SourceAccessConfigurations") is not None
            or props.get("SchemaRegistryConfig") is not None
        ):
            why = "depends on SourceAccessConfigurations / SchemaRegistryConfig"
            out.append(_inline_unknown(event_id, event.loc, why))
        managed = PULL_MANAGED.get(kind)
        if managed is not None:
            if managed not in added:
                added.add(managed)
                out.append(_managed(managed, event.loc, f"added by SAM for event {event_id}"))
        elif kind in PULL_INLINE:
            out.append(
                _inline_unknown(event_id, event.loc, "depends on SourceAccessConfigurations")
            )
        on_failure = props.get("DestinationConfig")
        failure = on_failure.get("OnFailure") if isinstance(on_failure, Mapping) else None
        if isinstance(failure, Mapping):
            dkind = _text(failure.get("Type"))
            target = failure.get("Destination")
            if dkind and target is not None:
                stmts = destination_statements(dkind, target, failure.loc)
                if stmts:
                    label = f"on-failure destination policy of {event_id} (added by SAM)"
                    out.append(_generated(ev, stmts, failure.loc, label))
    return out


def _inline_unknown(event_id: str, loc: Location, why: str) -> PolicySource:
    name = f"SAM's inline policy for event {event_id}"
    return PolicySource(SourceKind.UNKNOWN, loc, "added by SAM", name=name, reason=why)
