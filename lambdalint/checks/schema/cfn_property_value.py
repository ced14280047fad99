"""LL031 cfn-property-value-invalid: a top-level property of a Lambda-related CloudFormation
resource whose value its resource provider schema rejects, or a required property that is
missing (docs: rules/catalog/LL031.yaml).

The constraints are generated from the provider schemas (scripts/gen_cfn_property_schemas.py)
into rules/facts/cfn_property_schemas.json, loaded only when a template has such a resource.
Values are followed through parameters and both branches of Fn::If (the evaluator); a value that
cannot be known is never reported. CloudFormation converts scalars before validating (a number
written as a string is a number), so type checks only separate lists, mappings and single
values, and numbers from non-numbers. Properties a dedicated rule reports (LL1xx limits, LL2xx
runtimes) are skipped, so a value never gets two findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lambdalint.data import rules_dir
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.code_paths import CODE_PROPERTIES, is_local
from lambdalint.source.intrinsics import NO_VALUE, UNKNOWN, Candidate, ResourceRef, as_number
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import SAM_TRANSFORM, transforms

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


@lru_cache(maxsize=1)
def _schemas() -> dict[str, Any]:
    with open(rules_dir() / "facts" / "cfn_property_schemas.json", encoding="utf-8") as fh:
        types: dict[str, Any] = json.load(fh)["types"]
    return types


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None  # an ECMA-only construct: not checked


def _shape(value: Any) -> str:
    if isinstance(value, Sequence):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return "scalar"


def _scalar_problem(value: Any, c: dict[str, Any]) -> str | None:
    kind = c.get("type")
    if kind in ("integer", "number"):
        number = as_number(value)
        if number is None:
            return f"{value!r} is not a number"
        if kind == "integer" and number != int(number):
            return f"{value!r} is not a whole number"
        if "minimum" in c and number < c["minimum"]:
            return f"{value!r} is below the minimum {c['minimum']}"
        if "maximum" in c and number > c["maximum"]:
            return f"{value!r} is above the maximum {c['maximum']}"
        return None
    if kind == "boolean":
        if value in (True, False, "true", "false", "True", "False"):
            return None
        return f"{value!r} is not a boolean"
    if kind != "string" or isinstance(value, bool):
        return None
    text = str(value)
    if "enum" in c and text not in c["enum"]:
        return f"{text!r} is not one of {', '.join(map(str, c['enum']))}"
    if "minLength" in c and len(text) < c["minLength"]:
        return f"{text!r} is shorter than {c['minLength']} characters"
    if "maxLength" in c and len(text) > c["maxLength"]:
        return f"{text[:40]!r}... is longer than {c['maxLength']} characters"
    regex = _regex(c["pattern"]) if "pattern" in c else None
    if regex is not None and not regex.search(text):
        return f"{text!r} does not match the pattern {c['pattern']}"
    return None


_WORDS = {"array": "a list", "object": "a mapping", "scalar": "a single value"}


def _allowed(c: dict[str, Any]) -> set[str] | None:
    """The shapes the schema's ``type`` (a name or a list of names) accepts; None if untyped."""
    kinds = c.get("type")
    names = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else None
    if not names:
        return None
    return {n if n in ("array", "object") else "scalar" for n in names}


def _problem(cand: Candidate, c: dict[str, Any]) -> str | None:
    value = cand.value
    if value is UNKNOWN or value is NO_VALUE or value is None or isinstance(value, ResourceRef):
        return None
    if isinstance(value, (Mapping, Sequence)) and intrinsic(value) is not None:
        return None
    allowed = _allowed(c)
    if allowed is None:
        return None
    shape = _shape(value)
    if shape not in allowed:
        want = " or ".join(_WORDS[a] for a in sorted(allowed))
        return f"{_WORDS[shape]} where the schema expects {want}"
    if isinstance(value, Sequence):
        n = len(value.items)
        if "minItems" in c and n < c["minItems"]:
            return f"a list of {n} items, the minimum is {c['minItems']}"
        if "maxItems" in c and n > c["maxItems"]:
            return f"a list of {n} items, the maximum is {c['maxItems']}"
        return None
    if isinstance(value, Mapping) or not isinstance(c.get("type"), str):
        return None
    return _scalar_problem(value, c)


@check("LL031", on=None)
def cfn_property_value_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if any(t != SAM_TRANSFORM for t in transforms(ctx.template.root)):
        return  # another macro may rewrite resources before CloudFormation validates them
    resources = [r for r in ctx.template.resources.values() if r.type.startswith(("AWS::",))]
    if not any(r.type.startswith("AWS::Lambda::") for r in resources):
        return
    schemas = _schemas()
    for res in resources:
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
            yield from _value_findings(ctx, res.logical_id, res.type, name, node, c)


def _value_findings(
    ctx: CheckContext, rid: str, rtype: str, name: str, node: Node, c: dict[str, Any]
) -> Iterator[Finding]:
    seen: set[str] = set()
    for cand in ctx.candidates(node):
        problem = _problem(cand, c)
        if problem and problem not in seen:
            seen.add(problem)
            yield ctx.finding(
                f"{name} of {rtype} {rid}: {problem}{cand.explain()}; CloudFormation rejects it "
                "(resource provider schema)",
                at=cand if isinstance(cand.node, (Scalar, Mapping, Sequence)) else node,
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
