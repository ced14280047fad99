"""SAM function events -> triggers, event source mappings and the permissions SAM adds for push
events (samtranslator/model/eventsources/{push,pull,cloudwatchlogs,scheduler}.py), named as SAM
names them and located on the event that caused them."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from lambdalint.model.base import Model
from lambdalint.model.declare import (
    SAM_EVENT_KINDS,
    SAM_SOURCE_PROPERTY,
    sqs_subscription,
)
from lambdalint.model.deferred import esm_grants
from lambdalint.model.esm import esm_settings, key_site
from lambdalint.model.lambda_ import EventSourceMapping, Permission
from lambdalint.model.parts import (
    Norm,
    origin,
    sub,
)
from lambdalint.model.read import Reader, scalar_text, text, whole_number
from lambdalint.model.sources import POLLED_KINDS, Integration, Queue, Trigger, TriggerKind
from lambdalint.model.targets import (
    Target,
    TargetKind,
)
from lambdalint.model.values import Field, Known, Site
from lambdalint.source.nodes import Mapping, Node
from lambdalint.source.template import Resource


def event(
    norm: Norm, r: Reader, res: Resource, name: str, event: Mapping, invoked: Target
) -> Iterator[Model]:
    etype = scalar_text(event.get("Type")) or ""
    kind = SAM_EVENT_KINDS.get(etype, TriggerKind.OTHER)
    props = event.get("Properties")
    props = props if isinstance(props, Mapping) else Mapping({}, event.loc)
    source_prop = SAM_SOURCE_PROPERTY.get(etype)
    source_node = props.get(source_prop) if source_prop else None
    source = norm.targets(source_node) if source_node is not None else ()
    source_id = next(
        (t.node_id for t in source if t.resolved and t.node_id in norm.template.resources), None
    )
    event_id = f"{res.logical_id}.{name}"
    event_site = r.site_in(res.properties.get("Events"), name, r.site("Events"))
    subscription = sqs_subscription(norm.evaluator, event)
    if subscription is not None:
        yield from _sns_via_queue(norm, r, res, name, event, invoked, subscription, event_site)
        return
    mapping_id = None
    if kind in POLLED_KINDS:
        mapping_id = f"{event_id}.Mapping"
        yield _mapping(norm, r, res, event, mapping_id, kind, props, invoked, source, source_id)
    integration = None
    if kind in (TriggerKind.API, TriggerKind.HTTP_API):
        integration = Integration(
            timeout_ms=r.field(
                props.get("TimeoutInMillis"), whole_number, key_site(r, props, "TimeoutInMillis")
            ),
            response_transfer_mode=r.field(
                props.get("ResponseTransferMode"),
                text,
                key_site(r, props, "ResponseTransferMode"),
            ),
        )
    yield Trigger(
        **origin(
            res,
            logical_id=event_id,
            resource_type=f"AWS::Serverless::Function.{etype or 'Event'}",
            at=event,
            properties=props,
        ),
        kind=kind,
        targets=(invoked,),
        source_id=source_id,
        mapping_id=mapping_id,
        integration=integration,
        event_site=event_site,
    )
    principal = _principals().get(etype)
    if principal is not None:
        yield permission(
            norm,
            r,
            res,
            f"{res.logical_id}{name}Permission",
            event,
            invoked,
            "lambda:InvokeFunction",
            principal,
            source=source,
        )


def _sns_via_queue(
    norm: Norm,
    r: Reader,
    res: Resource,
    name: str,
    event: Mapping,
    invoked: Target,
    node: Node,
    event_site: Site,
) -> Iterator[Model]:
    """An SNS event with ``SqsSubscription``: SAM subscribes a queue (its own ``<Fn><Event>Queue``
    when ``true``, else ``QueueArn``) and polls it with an event source mapping, batch size
    ``SqsSubscription.BatchSize`` or 10 (samtranslator/model/eventsources/push.py ``SNS``)."""
    event_id = f"{res.logical_id}.{name}"
    mapping_id = f"{event_id}.Mapping"
    own_queue = norm.evaluator.value(node) is True
    settings = Mapping({}, event.loc)
    if own_queue:
        queue_id = f"{res.logical_id}{name}Queue"
        site = r.site("Events")
        yield Queue(
            **origin(
                res,
                logical_id=queue_id,
                resource_type="AWS::SQS::Queue",
                at=event,
                properties=Mapping({}, event.loc),
                generated=True,
            ),
            visibility_timeout=Field(
                (Known(30, event.loc, default=True, source=_QUEUE_SOURCE),), False, site
            ),
            dead_letter=(),
            max_receive_count=Field((), False, site),
            redrive=Field((), False, site),
            fifo=Field((), False, site),
            message_retention=Field((), False, site),
        )
        source: tuple[Target, ...] = (
            Target(TargetKind.RESOLVED, event.loc, node_id=queue_id, attribute="Arn"),
        )
    else:
        arn = sub(node, "QueueArn")
        source = norm.targets(arn)
        batch = sub(node, "BatchSize")
        if batch is not None:
            settings = Mapping({"BatchSize": batch}, node.loc)
    source_id = next((t.node_id for t in source if t.resolved and t.node_id), None)
    yield _mapping(
        norm, r, res, event, mapping_id, TriggerKind.SQS, settings, invoked, source, source_id
    )
    yield Trigger(
        **origin(
            res,
            logical_id=event_id,
            resource_type="AWS::Serverless::Function.SNS",
            at=event,
            properties=settings,
        ),
        kind=TriggerKind.SQS,
        targets=(invoked,),
        source_id=source_id,
        mapping_id=mapping_id,
        event_site=event_site,
    )


def _mapping(
    norm: Norm,
    r: Reader,
    res: Resource,
    event: Mapping,
    mapping_id: str,
    kind: TriggerKind,
    settings: Mapping,
    invoked: Target,
    source: tuple[Target, ...],
    source_id: str | None,
) -> EventSourceMapping:
    """The event source mapping SAM writes for a pull event (or an SNS event's queue)."""
    return EventSourceMapping(
        **origin(
            res,
            logical_id=mapping_id,
            resource_type="AWS::Lambda::EventSourceMapping",
            at=event,
            properties=settings,
            generated=True,
        ),
        kind=kind,
        targets=(invoked,),
        event_source=source,
        source_id=source_id,
        **esm_settings(norm, r, settings, kind),
        read_grants=partial(
            esm_grants,
            norm.evaluator,
            norm.template,
            settings,
            True,
            source_id,
            kind is TriggerKind.SQS,
        ),
    )


_QUEUE_SOURCE = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html"


def _principals() -> dict[str, str]:
    from lambdalint.data import load_data

    rows = load_data("facts/sam_push_principals.yaml")["events"]
    return {etype: row["principal"] for etype, row in rows.items()}


def permission(
    norm: Norm,
    r: Reader,
    res: Resource,
    logical_id: str,
    at: Node,
    invoked: Target,
    action: str,
    principal: str,
    *,
    source: tuple[Target, ...] = (),
    auth_type: str | None = None,
) -> Permission:
    site = r.site("Events") if auth_type is None else r.site("FunctionUrlConfig")

    def fixed(value: str | None) -> Field[str]:
        if value is None:
            return Field((), False, site)
        return Field((Known(value, at.loc),), False, site)

    return Permission(
        **origin(
            res,
            logical_id=logical_id,
            resource_type="AWS::Lambda::Permission",
            at=at,
            properties=Mapping({}, at.loc),
            generated=True,
        ),
        targets=(invoked,),
        action=fixed(action),
        principal=fixed(principal),
        source_arn=fixed(None),
        source=source,
        source_account=fixed(None),
        function_url_auth_type=fixed(auth_type),
        principal_org_id=fixed(None),
        event_source_token=fixed(None),
    )
