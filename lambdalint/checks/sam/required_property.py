"""LL022 sam-required-property-missing: a SAM resource or function event without a property the
SAM translator requires (docs: rules/catalog/LL022.yaml).

The required keys are generated from SAM's source (``PropertyType(True, ...)`` in
samtranslator/model/sam_resources.py and eventsources/*.py) into
rules/facts/sam_resource_types.yaml. SAM checks them on the properties as written, Globals merged
(``Resource.validate_properties``): a key that is absent or null is missing, while any other value,
an intrinsic function included, is present.

One requirement lives in an event's code instead of its table: an SNS event's SqsSubscription
that is neither false nor true is read as the mapping of an existing queue and must hold QueueArn
and QueueUrl (``SNS.to_cloudformation`` in samtranslator/model/eventsources/push.py, "No QueueARN
or QueueURL provided."); an intrinsic function there is not resolved, so it is such a mapping
without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, Event, events, is_literal_absent
from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, intrinsic

# Filled in by a SAM plugin before validation, so never missing from the user's point of view:
# the implicit API plugin gives an Api event without RestApiId the implicit ServerlessRestApi
# (samtranslator/plugins/api/implicit_rest_api_plugin.py).
_PLUGIN_FILLED = {("Api", "RestApiId")}
# Required keys a dedicated rule reports (one finding per problem): StartingPosition of stream
# and Kafka events is LL509's.
_OWNED_ELSEWHERE = {
    (t, "StartingPosition") for t in ("Kinesis", "DynamoDB", "MSK", "SelfManagedKafka")
}


@lru_cache(maxsize=1)
def _required() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    data = load_data("facts/sam_resource_types.yaml")
    types = {t: list(e.get("required") or []) for t, e in data["types"].items() if e}
    evs = {t: list(e.get("required") or []) for t, e in data["function_events"].items()}
    return types, evs


@check("LL022", on=None)
def sam_required_property_missing(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    types, event_types = _required()
    for res in ctx.template.resources.values():
        needed = types.get(res.type)
        if needed:
            missing = [k for k in needed if is_literal_absent(res.prop(k))]
            if missing:
                where = res.node.items.get("Properties", res.node.items.get("Type", res.node))
                yield ctx.finding(
                    f"{res.type} {res.logical_id} has no {_names(missing)}; SAM rejects it "
                    f"(Missing required property)",
                    at=where,
                    resource=res.logical_id,
                )
        if res.type != FUNCTION:
            continue
        for ev in events(res):
            if ev.type == "SNS":
                yield from _sqs_subscription(ctx, ev, res.logical_id)
            needed = event_types.get(ev.type or "")
            if not needed:
                continue
            missing = [
                k
                for k in needed
                if (ev.type, k) not in _PLUGIN_FILLED | _OWNED_ELSEWHERE
                and is_literal_absent(ev.prop(k))
            ]
            if missing:
                yield ctx.finding(
                    f"{ev.type} event {ev.event_id} of function {res.logical_id} has no "
                    f"{_names(missing)}; SAM rejects it (Missing required property)",
                    at=ev.where,
                    resource=res.logical_id,
                )


def _sqs_subscription(ctx: CheckContext, ev: Event, fn_id: str) -> Iterator[Finding]:
    node = ev.prop("SqsSubscription")
    if not isinstance(node, Mapping) or not node.items:
        return  # absent, false or true (SAM makes the queue); a scalar of another kind: LL030
    what = f"SqsSubscription of SNS event {ev.event_id} of function {fn_id}"
    if intrinsic(node) is not None:
        yield ctx.finding(
            f"{what} is an intrinsic function, which SAM does not resolve there: it reads it as "
            "the mapping of an existing queue, without QueueArn and QueueUrl, and rejects the "
            "template (use true, or a mapping with QueueArn and QueueUrl)",
            at=node,
            resource=fn_id,
        )
        return
    missing = [k for k in ("QueueArn", "QueueUrl") if is_literal_absent(node.items.get(k))]
    if missing:
        yield ctx.finding(
            f"{what} names an existing queue without {_names(missing)}; SAM requires QueueArn "
            "and QueueUrl there and rejects the template (No QueueARN or QueueURL provided)",
            at=node,
            resource=fn_id,
        )


def _names(keys: list[str]) -> str:
    quoted = [repr(k) for k in keys]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
