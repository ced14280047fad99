"""LL407 deployment-preference-invalid (docs: rules/catalog/LL407.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from lambdalint.checks.suggest import did_you_mean
from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known
from lambdalint.severity import Severity
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic

HOOKS = ("PreTraffic", "PostTraffic")
# SAM turns a preference off for Enabled false, "false" or "False" (deployment_preference.py).
DISABLED = (False, "false", "False")
ALARM_TYPES = ("AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm")


@cache
def _types() -> tuple[str, ...]:
    return tuple(load_data("facts/sam_deployment.yaml")["deployment_types"]["values"])


@check("LL407", on=Function)
def deployment_preference_invalid(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    if fn.dialect != "sam":
        return
    for value in fn.deployment_preference.written_values():
        if (
            isinstance(value, Known)
            and isinstance(value.value, Mapping)
            and intrinsic(value.value) is None
        ):
            yield from _preference(fn, value.value, ctx)


def _preference(fn: Function, pref: Mapping, ctx: CheckContext) -> Iterator[Finding]:
    name = fn.logical_id
    if ctx.value(pref.get("Enabled")) in DISABLED:
        return
    kind = pref.get("Type")
    if kind is None:
        yield ctx.finding(
            f"DeploymentPreference of function {name} has no Type: SAM rejects it",
            at=pref,
            resource=name,
        )
    else:
        for cand in ctx.candidates(kind):
            text = cand.value
            if not isinstance(text, str) or text in _types():
                continue
            # Any other name is a custom CodeDeploy deployment config; only a near miss of a
            # predefined type is surely a mistake.
            hint = did_you_mean(text, _types(), cutoff=0.85)
            if not hint and text.lower() not in {t.lower() for t in _types()}:
                continue
            hint = (
                hint or f"; did you mean {next(t for t in _types() if t.lower() == text.lower())}?"
            )
            yield ctx.finding(
                f"DeploymentPreference Type {text!r} of function {name} is not a SAM "
                f"deployment type (CodeDeploy looks for a deployment config of that name){hint}",
                at=cand,
                resource=name,
            )
    hooks = pref.get("Hooks")
    if hooks is not None and intrinsic(hooks) is None:
        if not isinstance(hooks, Mapping):
            yield ctx.finding(
                f"DeploymentPreference Hooks of function {name} is not a mapping of "
                "PreTraffic / PostTraffic: SAM rejects it",
                at=hooks,
                resource=name,
            )
        else:
            yield from _hooks(fn, hooks, ctx)
    alarms = pref.get("Alarms")
    if alarms is not None and intrinsic(alarms) is None:
        if not isinstance(alarms, Sequence):
            yield ctx.finding(
                f"DeploymentPreference Alarms of function {name} is not a list: SAM rejects it",
                at=alarms,
                resource=name,
            )
        else:
            for item in alarms.items:
                yield from _reference(fn, item, ALARM_TYPES, "alarm", ctx)


def _hooks(fn: Function, hooks: Mapping, ctx: CheckContext) -> Iterator[Finding]:
    for key, node in hooks.items.items():
        if key not in HOOKS:
            yield ctx.finding(
                f"DeploymentPreference Hooks of function {fn.logical_id} has key {key!r}, "
                f"which SAM ignores (PreTraffic or PostTraffic){did_you_mean(key, HOOKS)}",
                at=hooks.key_loc(key),
                resource=fn.logical_id,
                path=(*ctx.template.path_of(hooks), key),
                severity=Severity.WARNING,
            )
            continue
        yield from _reference(
            fn, node, ("AWS::Serverless::Function", "AWS::Lambda::Function"), "hook", ctx
        )
        target = ctx.graph.get(_ref(node))
        if isinstance(target, Function) and target is not fn and _enabled(target, ctx):
            yield ctx.finding(
                f"{key} hook {target.logical_id} of function {fn.logical_id} has a "
                "DeploymentPreference of its own: the hook is then deployed through "
                "CodeDeploy too, and its hooks run before it can validate this function",
                at=node,
                resource=fn.logical_id,
                severity=Severity.WARNING,
            )


def _enabled(fn: Function, ctx: CheckContext) -> bool:
    """Whether a function has a DeploymentPreference that may be enabled."""
    for value in fn.deployment_preference.written_values():
        if not (isinstance(value, Known) and isinstance(value.value, Mapping)):
            return True
        if ctx.value(value.value.get("Enabled")) not in DISABLED:
            return True
    return False


def _ref(node: Node) -> str | None:
    call = intrinsic(node)
    if call is None:
        return None
    name, arg = call
    if name == "Ref" and isinstance(arg, Scalar):
        return str(arg.value)
    if name == "Fn::GetAtt":
        text = arg.items[0].plain() if isinstance(arg, Sequence) and arg.items else arg.plain()
        return str(text).partition(".")[0]
    return None


def _reference(
    fn: Function, node: Node, types: tuple[str, ...], what: str, ctx: CheckContext
) -> Iterator[Finding]:
    """A hook or alarm that names a resource of the template of the wrong type."""
    ref = _ref(node)
    res = ctx.template.resources.get(ref) if ref else None
    if res is None or res.type in types:
        return
    yield ctx.finding(
        f"DeploymentPreference {what} of function {fn.logical_id} names {ref}, a {res.type}, "
        f"not {' or '.join(types)}",
        at=node,
        resource=fn.logical_id,
    )
