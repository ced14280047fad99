"""LL036 sam-event-source-resource-invalid: an S3 or Cognito event whose bucket or user pool (a
resource of the template, which SAM edits) SAM cannot edit: a bucket whose DependsOn is not a
string or list of strings, a Cognito trigger that the user pool already has from its own
LambdaConfig or from another event (docs: rules/catalog/LL036.yaml).

From samtranslator/model/eventsources/push.py:

- ``S3._depend_on_lambda_permissions``: SAM adds the permission to the bucket's DependsOn with
  ``set(depends_on)`` (a string is made a list first); null, a number, a boolean or a list holding
  a mapping or a list fails ("Invalid type for field 'DependsOn'. Expected a string or list of
  strings."). A function with a Condition takes another path (a tag), so it is left out.
- ``Cognito._inject_lambda_config``: each trigger is added to the pool's LambdaConfig and refused
  when already there ('Cognito trigger "PreSignUp" defined multiple times.'). The translator meets
  functions by logical id and events by event id, so the later one is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, Event, events, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Resource, Template


def _target(template: Template, ev: Event, key: str, rtype: str) -> Resource | None:
    call = intrinsic(ev.prop(key))
    if call is None or call[0] != "Ref" or not isinstance(call[1], Scalar):
        return None  # LL033 reports what is not a Ref to a resource of the template
    res = template.resources.get(str(call[1].value))
    return res if res is not None and res.type == rtype else None


def _depends_on_problem(bucket: Resource) -> tuple[str, Node] | None:
    if "DependsOn" not in bucket.node.items:
        return None
    node = bucket.node.items["DependsOn"]
    if intrinsic(node) is not None:
        return None
    if isinstance(node, Scalar):
        if isinstance(node.value, str):
            return None
        shown = "null" if node.value is None else f"the {type(node.value).__name__} {node.value!r}"
        return shown, node
    if isinstance(node, Sequence):
        bad = next((i for i in node.items if isinstance(i, (Mapping, Sequence))), None)
        return (
            ("a list holding a " + ("mapping" if isinstance(bad, Mapping) else "list"), bad)
            if (bad is not None)
            else None
        )
    return None


def _triggers(ev: Event) -> list[tuple[str, Node]]:
    node = ev.prop("Trigger")
    items = node.items if isinstance(node, Sequence) else [node] if node is not None else []
    return [(i.value, i) for i in items if isinstance(i, Scalar) and isinstance(i.value, str)]


def _pool_triggers(pool: Resource) -> set[str]:
    config = pool.prop("LambdaConfig")
    if not isinstance(config, Mapping) or intrinsic(config) is not None:
        return set()
    return set(config.items)


@check("LL036", on=None)
def sam_event_source_resource_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    taken: dict[str, dict[str, str]] = {}
    for fn in sorted(sam_resources(ctx.template, FUNCTION), key=lambda f: f.logical_id):
        for ev in sorted(events(fn), key=lambda e: e.event_id):
            what = f"{ev.type} event {ev.event_id} of {fn.logical_id}"
            if ev.type == "S3" and "Condition" not in fn.node.items:
                bucket = _target(ctx.template, ev, "Bucket", "AWS::S3::Bucket")
                problem = _depends_on_problem(bucket) if bucket is not None else None
                if bucket is not None and problem is not None:
                    yield ctx.finding(
                        f"{what} needs SAM to add to the DependsOn of bucket "
                        f"{bucket.logical_id}, which is {problem[0]}; SAM requires a string or a "
                        "list of strings there and rejects the template",
                        at=problem[1],
                        resource=fn.logical_id,
                    )
            if ev.type != "Cognito":
                continue
            pool = _target(ctx.template, ev, "UserPool", "AWS::Cognito::UserPool")
            if pool is None:
                continue
            owners = taken.setdefault(
                pool.logical_id, dict.fromkeys(_pool_triggers(pool), "its own LambdaConfig")
            )
            for trigger, node in _triggers(ev):
                if trigger in owners:
                    yield ctx.finding(
                        f"{what} sets the {trigger} trigger of user pool {pool.logical_id}, "
                        f"which {owners[trigger]} already sets; a trigger has one function, and "
                        "SAM rejects the template (Cognito trigger defined multiple times)",
                        at=node,
                        resource=fn.logical_id,
                    )
                else:
                    owners[trigger] = what
