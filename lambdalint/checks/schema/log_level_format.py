"""LL038 log-level-without-json: a function's LoggingConfig sets ApplicationLogLevel or
SystemLogLevel while its LogFormat is Text, written or by default (docs: rules/catalog/LL038.yaml).

Which level CloudFormation rejects with an explicit Text format is generated from cfn-lint's
schema extension (``forbidden_when`` in rules/facts/cfn_property_schemas.json): an error. The
other combinations (ApplicationLogLevel with Text, any level with LogFormat left out) contradict
the Lambda guide - log-level filtering needs JSON, the default format is Text (defaults.yaml) -
without a machine-readable rejection behind them: a warning. SAM copies LoggingConfig onto the
function unchanged (rules/facts/sam_passthrough.json), with Globals merged first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.intrinsics import NO_VALUE, UNKNOWN, Candidate
from lambdalint.source.nodes import Mapping, Node, intrinsic
from lambdalint.source.template import SAM_TRANSFORM, Resource, transforms

_FUNCTIONS = ("AWS::Lambda::Function", "AWS::Serverless::Function")
_PROPERTY = "LoggingConfig"


@check("LL038", on=None)
def log_level_without_json(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if any(t != SAM_TRANSFORM for t in transforms(ctx.template.root)):
        return  # another macro may rewrite resources before CloudFormation validates them
    functions = [
        r
        for r in ctx.template.resources.values()
        if r.type in _FUNCTIONS and _PROPERTY in r.properties.items
    ]
    if not functions:
        return
    from lambdalint.checks.schema.cfn_property_value import _passthrough, _schemas
    from lambdalint.facts import defaults

    schema = _schemas()["AWS::Lambda::Function"]
    levels = sorted(k for k in schema["properties"][_PROPERTY]["properties"] if k.endswith("Level"))
    rejected = {
        (key, value, banned)
        for rule in schema.get("forbidden_when", ())
        if rule["property"] == _PROPERTY
        for key, value in rule["if"].items()
        for banned in rule["forbidden"]
    }
    fmt = defaults()["function"]
    default_format, needed = fmt["log_format"].value, fmt["log_level_format"].value
    for res in functions:
        if res.type != "AWS::Lambda::Function":
            copied = _passthrough().get(res.type, ("", frozenset()))[1]
            if _PROPERTY not in copied:
                continue
        yield from _function(ctx, res, levels, rejected, default_format, needed)


def _merged(ctx: CheckContext, outer: Candidate, node: Node) -> Iterator[Candidate]:
    for cand in ctx.candidates(node):
        extra = tuple(c for c in outer.conditions if c not in cand.conditions)
        if extra and not ctx.evaluator.reachable(extra + cand.conditions):
            continue
        yield replace(cand, conditions=extra + cand.conditions, via=outer.via + cand.via)


def _function(
    ctx: CheckContext,
    res: Resource,
    levels: list[str],
    rejected: set[tuple[str, str, str]],
    default_format: str,
    needed: str,
) -> Iterator[Finding]:
    seen: set[tuple[str, str, bool]] = set()
    for outer in ctx.candidates(res.properties.items[_PROPERTY]):
        config = outer.value
        if not isinstance(config, Mapping) or intrinsic(config) is not None:
            continue
        written = config.items.get("LogFormat")
        formats = (
            list(_merged(ctx, outer, written))
            if written is not None
            else [replace(outer, value=default_format)]
        )
        for fmt in formats:
            if not isinstance(fmt.value, str) or fmt.value == needed:
                continue  # unknown, JSON, or not a format at all (LL031)
            for key in levels:
                node = config.items.get(key)
                if node is None:
                    continue
                for level in _merged(ctx, fmt, node):
                    if level.value is NO_VALUE or level.value is UNKNOWN:
                        continue
                    explicit = written is not None
                    error = explicit and ("LogFormat", fmt.value, key) in rejected
                    mark = (key, fmt.value, explicit)
                    if mark in seen:
                        continue
                    seen.add(mark)
                    yield _finding(ctx, res, key, fmt, level, explicit, error, needed)


def _finding(
    ctx: CheckContext,
    res: Resource,
    key: str,
    fmt: Candidate,
    level: Candidate,
    explicit: bool,
    error: bool,
    needed: str,
) -> Finding:
    from lambdalint.severity import Severity

    how = f"is {fmt.value}" if explicit else f"is not set ({fmt.value} by default)"
    outcome = (
        "CloudFormation rejects it (cfn-lint's schema extension loglevel_logformat)"
        if error
        else "the Lambda guide allows log levels only with that format"
    )
    return ctx.finding(
        f"{_PROPERTY}.{key} of {res.type} {res.logical_id} is set but LogFormat {how}"
        f"{level.explain()}: log-level filtering needs LogFormat {needed}; {outcome}; set "
        f"LogFormat: {needed}",
        at=level,
        resource=res.logical_id,
        severity=Severity.ERROR if error else Severity.WARNING,
    )
