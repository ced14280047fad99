"""LL024 sam-event-dead-letter-config-invalid: the DeadLetterConfig of a Schedule, ScheduleV2,
CloudWatchEvent or EventBridgeRule event that SAM rejects (docs: rules/catalog/LL024.yaml).

From samtranslator/model/eventbridge_utils.py (``validate_dlq_config``,
``get_dlq_queue_arn_and_resources``), called by eventsources/push.py, eventsources/scheduler.py
and stepfunctions/events.py: exactly one of Arn (a queue of your own) and Type (SAM creates the
queue; only SQS) must be set, and QueueLogicalId, when SAM creates the queue, must be a string.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, events, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.intrinsics import UNKNOWN
from lambdalint.source.nodes import Mapping, Scalar, intrinsic

_EVENT_TYPES = ("Schedule", "ScheduleV2", "CloudWatchEvent", "EventBridgeRule")
_OWNERS = (FUNCTION, "AWS::Serverless::StateMachine")


def _problem(ctx: CheckContext, dlq: Mapping) -> str | None:
    has_arn = "Arn" in dlq.items
    has_type = "Type" in dlq.items
    if has_arn and has_type:
        return "sets both Arn and Type; SAM takes one (Arn: your queue, Type: SAM creates one)"
    if not has_arn and not has_type:
        return "sets neither Arn nor Type; SAM needs one of them"
    if has_type:
        value = ctx.value(dlq.items["Type"])
        if value is not UNKNOWN and value != "SQS":
            return f"has Type {value!r}; the only Type SAM accepts is SQS"
        queue_id = dlq.items.get("QueueLogicalId")
        if queue_id is not None and not (
            isinstance(queue_id, Scalar) and isinstance(queue_id.value, str)
        ):
            return "has a QueueLogicalId that is not a plain string; SAM requires a literal id"
    return None


@check("LL024", on=None)
def sam_event_dead_letter_config_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for rtype in _OWNERS:
        for res in sam_resources(ctx.template, rtype):
            for ev in events(res):
                if ev.type not in _EVENT_TYPES:
                    continue
                dlq = ev.prop("DeadLetterConfig")
                if not isinstance(dlq, Mapping) or intrinsic(dlq) is not None:
                    continue
                problem = _problem(ctx, dlq)
                if problem:
                    yield ctx.finding(
                        f"DeadLetterConfig of {ev.type} event {ev.event_id} of {res.logical_id} "
                        f"{problem}; SAM rejects the template",
                        at=dlq,
                        resource=res.logical_id,
                    )
