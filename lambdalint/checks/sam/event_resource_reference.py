"""LL033 sam-event-resource-not-in-template: an S3 event whose Bucket, or a Cognito event whose
UserPool, is not a Ref to a resource of the same template (docs: rules/catalog/LL033.yaml).

SAM adds the notification configuration (S3) or the Lambda trigger (Cognito) to that resource
itself, so it must find it: samtranslator/model/eventsources/push.py ``S3.resources_to_link`` and
``Cognito.resources_to_link`` accept only ``Ref`` of a logical id in the template and reject a
bucket name, a parameter, an ARN or any other intrinsic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, events, is_literal_absent, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Scalar, intrinsic

_EVENTS = {"S3": ("Bucket", "an S3 bucket"), "Cognito": ("UserPool", "a Cognito user pool")}


@check("LL033", on=None)
def sam_event_resource_not_in_template(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    resources = ctx.template.resources
    for fn in sam_resources(ctx.template, FUNCTION):
        for ev in events(fn):
            spec = _EVENTS.get(ev.type or "")
            node = ev.prop(spec[0]) if spec else None
            if spec is None or node is None or is_literal_absent(node):
                continue
            key, what = spec
            call = intrinsic(node)
            if call is not None and call[0] == "Ref":
                target = call[1].value if isinstance(call[1], Scalar) else None
                if isinstance(target, str) and target in resources:
                    continue
                if isinstance(target, str) and target in ctx.template.parameters:
                    shown = f"Ref to the parameter {target!r}"
                else:
                    shown = f"Ref to {target!r}, which is no resource of this template"
            elif call is not None:
                shown = f"a {call[0]} call"
            else:
                shown = "a name or ARN" if isinstance(node, Scalar) else "not a Ref"
            yield ctx.finding(
                f"{key} of {ev.type} event {ev.event_id} of function {fn.logical_id} is {shown}; "
                f"SAM requires a Ref to {what} defined in this template and rejects the template",
                at=node,
                resource=fn.logical_id,
            )
