"""LL039 sns-subscription-endpoint-mismatch: an AWS::SNS::Subscription whose Protocol (lambda,
sqs) names a kind of endpoint its Endpoint cannot be: a resource of this template that yields no
ARN of that kind, such as an SQS queue for Protocol lambda (docs: rules/catalog/LL039.yaml).

Which protocol needs which ARN format is cfn-lint's schema extension (W3694), and which resource
attributes (Fn::GetAtt) and Refs yield that format are the provider schemas' ``format`` of their
read-only properties and primary identifiers; both are generated into
rules/facts/cfn_property_schemas.json (``format_when``, ``formats``). Only a resource type that
yields the format in no way at all is reported: a function's Ref (its name) is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.intrinsics import ResourceRef

_TYPE = "AWS::SNS::Subscription"
# SAM keeps a function's logical id for the AWS::Lambda::Function it generates; its other
# generated resources (Fn.Alias, ...) are not followed.
_SAM_AS = {("AWS::Serverless::Function", "Arn"): ("AWS::Lambda::Function", "Arn")}


@check("LL039", on=None)
def sns_subscription_endpoint_mismatch(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    resources = ctx.template.resources
    subs = [r for r in resources.values() if r.type == _TYPE]
    if not subs:
        return
    from lambdalint.checks.schema.cfn_property_value import _formats, _schemas

    rules = _schemas()[_TYPE].get("format_when", [])
    producers = _formats()
    for sub in subs:
        for rule in rules:
            ((key, wanted),) = rule["if"].items()
            key_node = sub.properties.get(key)
            endpoint = sub.properties.get(rule["property"])
            if key_node is None or endpoint is None:
                continue
            if not any(c.value == wanted for c in ctx.candidates(key_node)):
                continue
            fmt = producers.get(rule["format"], {})
            makers = {t for t, _ in fmt.get("getatt", ())} | set(fmt.get("ref", ()))
            for cand in ctx.candidates(endpoint):
                ref = cand.value
                if not isinstance(ref, ResourceRef) or ref.logical_id not in resources:
                    continue
                rtype = resources[ref.logical_id].type
                rtype, attr = _SAM_AS.get((rtype, ref.attribute or ""), (rtype, ref.attribute))
                if not rtype.startswith("AWS::") or rtype.startswith(
                    ("AWS::Serverless::", "AWS::CloudFormation::")
                ):
                    continue  # SAM, custom and stack resources: what they yield is not known here
                if rtype in makers:
                    continue
                what = f"the {attr} of" if attr else "a Ref to"
                yield ctx.finding(
                    f"{rule['property']} of {_TYPE} {sub.logical_id} (Protocol {wanted}) is "
                    f"{what} {rtype} {ref.logical_id}{cand.explain()}, which yields no "
                    f"{rule['format']}, the endpoint a {wanted} subscription needs",
                    at=cand if cand.node is not None else endpoint,
                    resource=sub.logical_id,
                )
