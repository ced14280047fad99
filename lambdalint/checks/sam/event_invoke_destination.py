"""LL032 sam-event-invoke-destination-invalid: an EventInvokeConfig destination (OnSuccess /
OnFailure) of a SAM function that SAM rejects: not a mapping, a Type missing or other than SQS,
SNS, EventBridge, Lambda or S3Bucket, or no Destination for a Type SAM cannot create (docs:
rules/catalog/LL032.yaml).

From samtranslator/model/sam_resources.py ``_construct_event_invoke_config`` and
``_validate_and_inject_resource``. SAM resolves parameter references in EventInvokeConfig first,
so values are followed through parameters here too; unknown values are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import (
    FUNCTION,
    events,
    is_falsy,
    is_literal_absent,
    sam_enums,
    sam_resources,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.intrinsics import UNKNOWN
from lambdalint.source.nodes import Mapping, Node, Scalar, intrinsic

_TYPES = ("SQS", "SNS", "EventBridge", "Lambda", "S3Bucket")
_AUTO = ("SQS", "SNS")


def _problem(ctx: CheckContext, dest: Node) -> str | None:
    if intrinsic(dest) is not None:
        return None
    if not isinstance(dest, Mapping):
        return "is not a mapping of Type and Destination"
    type_node = dest.items.get("Type")
    if is_literal_absent(type_node):
        return f"has no Type; SAM requires one of {', '.join(_TYPES)}"
    value = ctx.value(type_node)
    if value is UNKNOWN:
        return None
    if value not in _TYPES:
        return f"has Type {value!r}; SAM accepts {', '.join(_TYPES)}"
    if value not in _AUTO and is_literal_absent(dest.items.get("Destination")):
        return (
            f"has Type {value} but no Destination; SAM creates a destination only for SQS and SNS"
        )
    return None


@check("LL032", on=None)
def sam_event_invoke_destination_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn in sam_resources(ctx.template, FUNCTION):
        config = fn.prop("EventInvokeConfig")
        if not isinstance(config, Mapping) or intrinsic(config) is not None:
            continue
        dests = config.items.get("DestinationConfig")
        if not isinstance(dests, Mapping) or intrinsic(dests) is not None:
            continue
        for which in ("OnSuccess", "OnFailure"):
            dest = dests.items.get(which)
            if dest is None or is_literal_absent(dest):
                continue
            problem = _problem(ctx, dest)
            if problem:
                yield ctx.finding(
                    f"EventInvokeConfig.DestinationConfig.{which} of function {fn.logical_id} "
                    f"{problem}; SAM rejects the template",
                    at=dest,
                    resource=fn.logical_id,
                )

    yield from _event_on_failure(ctx)


def _event_on_failure(ctx: CheckContext) -> Iterator[Finding]:
    """A queue or stream event's DestinationConfig.OnFailure.Type: read as written and, when
    truthy, one of the values ``PullEventSource.to_cloudformation`` lists (samtranslator/model/
    eventsources/pull.py, "The only valid values for 'Type' are ..."; no intrinsics)."""
    enums = sam_enums()
    allowed, pull = enums["on_failure_types"], set(enums["pull_event_types"])
    for fn in sam_resources(ctx.template, FUNCTION):
        for ev in events(fn):
            config = ev.prop("DestinationConfig") if ev.type in pull else None
            if not isinstance(config, Mapping) or intrinsic(config) is not None:
                continue
            on_failure = config.items.get("OnFailure")
            if not isinstance(on_failure, Mapping) or intrinsic(on_failure) is not None:
                continue  # not a mapping: LL030 ("should be a map")
            kind = on_failure.items.get("Type")
            if kind is None or is_falsy(kind):
                continue
            if isinstance(kind, Scalar) and isinstance(kind.value, str) and kind.value in allowed:
                continue
            shown = repr(kind.value) if isinstance(kind, Scalar) else "an intrinsic function"
            yield ctx.finding(
                f"DestinationConfig.OnFailure of {ev.type} event {ev.event_id} of function "
                f"{fn.logical_id} has Type {shown}; SAM accepts only the literal values "
                f"{', '.join(allowed)} and rejects the template",
                at=kind,
                resource=fn.logical_id,
            )
