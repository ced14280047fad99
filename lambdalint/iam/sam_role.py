"""What SAM puts in the role it generates for a function without ``Role``, as the translator
does (aws-sam-translator ``samtranslator/model/sam_resources.py`` ``_construct_role``,
``_add_event_invoke_managed_policy``; ``samtranslator/model/eventsources/pull.py``
``get_policy_arn`` / ``_link_policy``; ``samtranslator/model/iam.py`` ``IAMRolePolicies``):

- AWSLambdaBasicExecutionRole (AWSLambdaBasicDurableExecutionRolePolicy with DurableConfig);
- the X-Ray write policy when Tracing is set and not ``Disabled`` (AWSXrayWriteOnlyAccess in
  the aws partition, ``samtranslator/model/xray_utils.py``);
- AWSLambdaVPCAccessExecutionRole with VpcConfig;
- the function's Policies;
- a DeadLetterQueue statement (sqs:SendMessage / sns:Publish on TargetArn);
- EventInvokeConfig destination statements (SQS, SNS, EventBridge, Lambda, S3Bucket);
- per pull event: the Kinesis / DynamoDB / SQS / MSK managed policy, the on-failure destination
  statement; MQ, self-managed Kafka and DocumentDB add inline statements that depend on their
  SourceAccessConfigurations: those count as an unknown source here (never a false "missing").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambdalint.iam.policy import UnknownSource
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence

if TYPE_CHECKING:
    from lambdalint.iam.role import PolicyBuilder, Sources
    from lambdalint.iam.views import FunctionView

PULL_MANAGED = {
    "kinesis": "service-role/AWSLambdaKinesisExecutionRole",
    "dynamodb": "service-role/AWSLambdaDynamoDBExecutionRole",
    "sqs": "service-role/AWSLambdaSQSQueueExecutionRole",
    "msk": "service-role/AWSLambdaMSKExecutionRole",
}
PULL_INLINE = ("mq", "self_managed_kafka", "documentdb")
DLQ_ACTIONS = {"SQS": "sqs:SendMessage", "SNS": "sns:Publish"}
# IAMRolePolicies: the action each destination type gets (S3: two statements).
DESTINATION_ACTIONS = {
    "SQS": "sqs:SendMessage",
    "SNS": "sns:publish",
    "EventBridge": "events:PutEvents",
    "Lambda": "lambda:InvokeFunction",
}


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
    from lambdalint.source.nodes import walk

    return any(
        isinstance(n, Mapping)
        and isinstance(n.get("Ref"), Scalar)
        and n.items["Ref"].plain() == "AWS::NoValue"
        for _, n in walk(node)
    )


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def generated_role_sources(builder: PolicyBuilder, fn: FunctionView) -> Sources:
    from lambdalint.iam.role import Sources

    out = Sources([], [])
    p = fn.properties
    loc = fn.loc
    ev = builder.resolver.evaluator

    def add(s: Sources) -> None:
        out.documents.extend(s.documents)
        out.unknown.extend(s.unknown)

    base = (
        "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
        if p.get("DurableConfig") is not None
        else "service-role/AWSLambdaBasicExecutionRole"
    )
    add(builder.managed(base, loc, (), "added by SAM"))
    tracing = p.get("Tracing")
    # SAM: ``if self.Tracing and tracing != "Disabled"`` (an empty value adds nothing).
    if tracing is not None and ev.value(tracing) not in (None, "", "Disabled"):
        add(builder.managed("AWSXrayWriteOnlyAccess", tracing.loc, (), "added by SAM: Tracing"))
    if fn.vpc_config is not None:
        add(
            builder.managed(
                "service-role/AWSLambdaVPCAccessExecutionRole",
                fn.vpc_config.loc,
                (),
                "added by SAM: VpcConfig",
            )
        )
    add(builder.sam_policies(p.get("Policies"), fn.logical_id))
    dlq = fn.dead_letter
    if isinstance(dlq, Mapping):
        action = DLQ_ACTIONS.get(ev.value(dlq.get("Type")) or "")
        target = dlq.get("TargetArn")
        if action and target is not None:
            doc = _doc([_stmt(action, target, dlq.loc)], dlq.loc)
            out.documents.append(builder.reader.read(doc, "DeadLetterQueuePolicy (added by SAM)"))
    eic = fn.event_invoke_config
    dest = eic.get("DestinationConfig") if isinstance(eic, Mapping) else None
    if isinstance(dest, Mapping):
        for key in ("OnSuccess", "OnFailure"):
            entry = dest.get(key)
            if not isinstance(entry, Mapping):
                continue
            kind = ev.value(entry.get("Type"))
            target = entry.get("Destination")
            if not isinstance(kind, str):
                continue
            if target is None:
                # SAM creates the queue or topic and grants the role on it; nothing to check.
                continue
            if _may_be_absent(target):
                # ``!If [C, arn, !Ref AWS::NoValue]``: SAM creates the destination under the
                # other branch; not modelled here.
                out.unknown.append(
                    UnknownSource(f"EventInvokeConfig {key}", entry.loc, "conditional destination")
                )
                continue
            stmts = destination_statements(kind, target, entry.loc)
            if stmts:
                out.documents.append(
                    builder.reader.read(
                        _doc(stmts, entry.loc), f"EventInvokeConfig {key} policy (added by SAM)"
                    )
                )
    added: set[str] = set()  # SAM adds each managed policy ARN once
    for trig in fn.triggers:
        # An SNS event with SqsSubscription becomes a queue polled by the function (SAM push.py
        # SNS._inject_sqs_subscription + an SQS event): the SQS execution policy is added.
        sub = trig.properties.get("SqsSubscription") if trig.properties is not None else None
        if trig.sam and trig.kind == "sns" and sub is not None and ev.value(sub) is not False:
            name = PULL_MANAGED["sqs"]
            if name not in added:
                added.add(name)
                add(builder.managed(name, sub.loc, (), f"added by SAM for {trig.logical_id}"))
    for esm in fn.esms:
        if not esm.sam:
            continue
        managed = PULL_MANAGED.get(esm.kind)
        props = esm.properties
        if (
            esm.kind == "msk"
            and props is not None
            and (
                props.get("SourceAccessConfigurations") is not None
                or props.get("SchemaRegistryConfig") is not None
            )
        ):
            out.unknown.append(
                UnknownSource(
                    f"SAM's inline policy for event {esm.logical_id}",
                    esm.loc,
                    "depends on SourceAccessConfigurations / SchemaRegistryConfig",
                )
            )
        if managed is not None:
            if managed not in added:
                added.add(managed)
                add(
                    builder.managed(
                        managed, esm.loc, (), f"added by SAM for event {esm.logical_id}"
                    )
                )
        elif esm.kind in PULL_INLINE:
            out.unknown.append(
                UnknownSource(
                    f"SAM's inline policy for event {esm.logical_id}",
                    esm.loc,
                    "depends on SourceAccessConfigurations",
                )
            )
        on_failure = esm.destination_config
        failure = on_failure.get("OnFailure") if isinstance(on_failure, Mapping) else None
        if isinstance(failure, Mapping):
            kind = _text(failure.get("Type"))
            target = failure.get("Destination")
            if kind and target is not None:
                stmts = destination_statements(kind, target, failure.loc)
                if stmts:
                    out.documents.append(
                        builder.reader.read(
                            _doc(stmts, failure.loc),
                            f"on-failure destination policy of {esm.logical_id} (added by SAM)",
                        )
                    )
    return out
