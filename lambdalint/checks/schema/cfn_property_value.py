"""LL031 cfn-property-value-invalid: a property of a Lambda-related CloudFormation resource, or a
value nested in it, that its resource provider schema rejects, or a required property that is
missing (docs: rules/catalog/LL031.yaml).

The constraints are generated from the provider schemas (scripts/gen_cfn_property_schemas.py)
into rules/facts/cfn_property_schemas.json, loaded only when a template has such a resource;
the walk over nested values is checks/schema/validate.py. Values are followed through parameters
and both branches of Fn::If (the evaluator); a value that cannot be known is never reported.
CloudFormation converts scalars before validating (a number written as a string is a number), so
type checks only separate lists, mappings and single values, and numbers from non-numbers.
Properties a dedicated rule reports (LL1xx limits, LL2xx runtimes) are skipped, so a value never
gets two findings. SAM functions are checked for the properties SAM copies onto the function.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lambdalint.checks.schema.validate import Path, Walk, shown
from lambdalint.data import rules_dir
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.code_paths import CODE_PROPERTIES, is_local
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import SAM_TRANSFORM, Resource, transforms

# (type, property) a dedicated rule owns.
_DEDICATED = {
    ("AWS::Lambda::Function", p)
    for p in (
        "MemorySize",
        "Timeout",
        "EphemeralStorage",
        "Environment",
        "Layers",
        "Architectures",
        "PackageType",
        "FunctionName",
        "Handler",
        "Runtime",
    )
} | {("AWS::Lambda::LayerVersion", p) for p in ("CompatibleArchitectures", "CompatibleRuntimes")}
# Owned by the delivery rules when the resource invokes a function of this template (LL506
# mapping settings, LL507 asynchronous retries and age, LL509 StartingPosition): they judge the
# value with what the function and its source make of it, so the schema stays silent there.
_DELIVERY = {
    ("AWS::Lambda::EventSourceMapping", p)
    for p in (
        "BatchSize",
        "MaximumBatchingWindowInSeconds",
        "MaximumRetryAttempts",
        "MaximumRecordAgeInSeconds",
        "ParallelizationFactor",
        "TumblingWindowInSeconds",
        "ScalingConfig",
        "StartingPosition",
    )
} | {
    ("AWS::Lambda::EventInvokeConfig", p)
    for p in ("MaximumRetryAttempts", "MaximumEventAgeInSeconds")
}


# Paths below a property that a dedicated rule owns (LL403 alias routing: the number of
# additional versions and their weights).
_OWNED: dict[str, frozenset[Path]] = {
    "AWS::Lambda::Alias": frozenset({("RoutingConfig", "AdditionalVersionWeights")}),
}
# Owned by the delivery rules when the mapping invokes a function of this template (the number
# of filters, LL5xx).
_DELIVERY_OWNED: frozenset[Path] = frozenset({("FilterCriteria", "Filters")})


@lru_cache(maxsize=1)
def _schemas() -> dict[str, Any]:
    with open(rules_dir() / "facts" / "cfn_property_schemas.json", encoding="utf-8") as fh:
        types: dict[str, Any] = json.load(fh)["types"]
    return types


@lru_cache(maxsize=1)
def _formats() -> dict[str, Any]:
    """format -> {getatt: [[type, attribute]], ref: [type]} (the provider schemas' formats)."""
    with open(rules_dir() / "facts" / "cfn_property_schemas.json", encoding="utf-8") as fh:
        formats: dict[str, Any] = json.load(fh)["formats"]
    return formats


@lru_cache(maxsize=1)
def _ssm_secure_properties() -> list[str]:
    """``Type/Properties/...`` paths where ssm-secure references resolve (cfn-lint E1027)."""
    with open(rules_dir() / "facts" / "cfn_property_schemas.json", encoding="utf-8") as fh:
        paths: list[str] = json.load(fh)["ssm_secure_properties"]
    return paths


@lru_cache(maxsize=1)
def _passthrough() -> dict[str, tuple[str, frozenset[str]]]:
    """SAM type -> (the CloudFormation type it becomes, the properties copied onto it as
    written), generated from the SAM translator by scripts/gen_sam_passthrough.py."""
    with open(rules_dir() / "facts" / "sam_passthrough.json", encoding="utf-8") as fh:
        types: dict[str, Any] = json.load(fh)["types"]
    return {t: (v["schema_of"], frozenset(v["properties"])) for t, v in types.items()}


_SAM_FUNCTION = "AWS::Serverless::Function"


@check("LL031", on=None)
def cfn_property_value_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if any(t != SAM_TRANSFORM for t in transforms(ctx.template.root)):
        return  # another macro may rewrite resources before CloudFormation validates them
    resources = [r for r in ctx.template.resources.values() if r.type.startswith(("AWS::",))]
    if not any(r.type.startswith("AWS::Lambda::") or r.type == _SAM_FUNCTION for r in resources):
        return
    schemas = _schemas()
    ev = ctx.evaluator
    for res in resources:
        if res.type == _SAM_FUNCTION:
            yield from _sam_findings(ctx, res, schemas)
            continue
        schema = schemas.get(res.type)
        if schema is None:
            continue
        props = res.node.items.get("Properties")
        if props is not None and not isinstance(props, Mapping):
            continue
        if props is None or intrinsic(props) is None:
            present = res.properties.items
            missing = [r for r in schema["required"] if r not in present]
            if missing:
                yield ctx.finding(
                    f"{res.type} {res.logical_id} has no {', '.join(missing)}; CloudFormation "
                    "requires it",
                    at=props if props is not None else res.node.items.get("Type", res.node),
                    resource=res.logical_id,
                )
        bound = _invokes_template_function(ctx, res.properties.get("FunctionName"))
        owned = _OWNED.get(res.type, frozenset())
        if bound and res.type == "AWS::Lambda::EventSourceMapping":
            owned |= _DELIVERY_OWNED
        walk = Walk(ev.candidates, ev.reachable, owned)
        for name, node in res.properties.items.items():
            c = schema["properties"].get(name)
            if c is None or (res.type, name) in _DEDICATED:
                continue
            if bound and (res.type, name) in _DELIVERY:
                continue
            if (
                CODE_PROPERTIES.get(res.type) == name
                and isinstance(node, Scalar)
                and isinstance(node.value, str)
                and is_local(node.value)
            ):
                continue  # a local path `aws cloudformation package` uploads and rewrites
            yield from _value_findings(ctx, walk, res, name, node, c, res.type)


def _sam_findings(ctx: CheckContext, res: Resource, schemas: dict[str, Any]) -> Iterator[Finding]:
    """The properties SAM copies onto the generated function meet that function's schema.
    Their shape (list, mapping, value) is SAM's own check (LL030), so only what they hold and
    their values' ranges are judged here."""
    target, copied = _passthrough().get(res.type, ("", frozenset()))
    schema = schemas.get(target)
    if schema is None:
        return
    ev = ctx.evaluator
    walk = Walk(ev.candidates, ev.reachable, _OWNED.get(target, frozenset()), top_shape=False)
    for name, node in res.properties.items.items():
        c = schema["properties"].get(name)
        if c is None or name not in copied or (target, name) in _DEDICATED:
            continue
        yield from _value_findings(ctx, walk, res, name, node, c, target)


def _value_findings(
    ctx: CheckContext,
    walk: Walk,
    res: Resource,
    name: str,
    node: Node,
    c: dict[str, Any],
    schema_of: str,
) -> Iterator[Finding]:
    seen: set[tuple[Path, str]] = set()
    rid, rtype = res.logical_id, res.type
    of = "" if schema_of == rtype else f" of {schema_of}"
    for problem in walk.problems((name,), node, c):
        if (problem.path, problem.text) in seen:
            continue
        seen.add((problem.path, problem.text))
        cand = problem.cand
        at: Any = (
            cand
            if cand is not None and isinstance(cand.node, (Scalar, Mapping, Sequence))
            else problem.node
        )
        yield ctx.finding(
            f"{shown(problem.path)} of {rtype} {rid}: {problem.text}"
            f"{cand.explain() if cand is not None else ''}; CloudFormation rejects it "
            f"(resource provider schema{of})",
            at=at,
            resource=rid,
        )


def _invokes_template_function(ctx: CheckContext, node: Node | None) -> bool:
    """A FunctionName that names a function of this template (Ref, GetAtt or Sub of one)."""
    from lambdalint.model.refs import references

    functions = {
        rid
        for rid, r in ctx.template.resources.items()
        if r.type
        in (
            "AWS::Lambda::Function",
            "AWS::Serverless::Function",
            "AWS::Lambda::Alias",
            "AWS::Lambda::Version",
        )
    }
    return any(target in functions for target, _ in references(node))
