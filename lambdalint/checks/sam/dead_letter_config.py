"""LL024 sam-event-dead-letter-config-invalid: the DeadLetterConfig of a Schedule, ScheduleV2,
CloudWatchEvent or EventBridgeRule event that SAM rejects (docs: rules/catalog/LL024.yaml).

From samtranslator/model/eventbridge_utils.py (``validate_dlq_config``,
``get_dlq_queue_arn_and_resources``), called by eventsources/push.py, eventsources/scheduler.py
and stepfunctions/events.py: exactly one of Arn (a queue of your own) and Type (SAM creates the
queue; only SQS) must be set, and QueueLogicalId, when SAM creates the queue, must be a string.

A function's own DeadLetterQueue (``SamFunction._validate_dlq`` in sam_resources.py, run when
the property is truthy): both Type and TargetArn must be truthy as written (an Fn::If around the
mapping is not resolved, so it has neither), and a string Type must be one of the keys of
``dead_letter_queue_policy_actions`` (SQS, SNS; generated into rules/facts/sam_enums.json). A
Type that is not a string is LL030's ("should be a string").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, events, is_falsy, sam_enums, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.intrinsics import UNKNOWN
from lambdalint.source.nodes import Mapping, Node, Scalar, intrinsic

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


def _queue_problem(dlq: Node) -> str | None:
    """What SamFunction._validate_dlq rejects about a truthy DeadLetterQueue mapping."""
    if not isinstance(dlq, Mapping) or is_falsy(dlq):
        return None  # not a mapping: LL030; empty: SAM skips it
    if intrinsic(dlq) is not None:
        return (
            "is an intrinsic function; SAM reads it as written and finds no Type and TargetArn "
            "(requires Type and TargetArn properties to be specified)"
        )
    if is_falsy(dlq.items.get("Type")) or is_falsy(dlq.items.get("TargetArn")):
        return "lacks Type or TargetArn; SAM requires both"
    kind = dlq.items["Type"]
    types = sam_enums()["dead_letter_queue_types"]
    if isinstance(kind, Scalar) and isinstance(kind.value, str) and kind.value not in types:
        return f"has Type {kind.value!r}; SAM accepts {' or '.join(types)}"
    return None


@check("LL024", on=None)
def sam_event_dead_letter_config_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for res in sam_resources(ctx.template, FUNCTION):
        dlq = res.prop("DeadLetterQueue")
        problem = _queue_problem(dlq) if dlq is not None else None
        if problem and dlq is not None:
            yield ctx.finding(
                f"DeadLetterQueue of function {res.logical_id} {problem}; SAM rejects the template",
                at=dlq,
                resource=res.logical_id,
            )
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
