"""LL219 role-grants-unused-service (docs: rules/catalog/LL219.yaml; opt-in): an execution role
grants actions of an AWS service that neither the function's code nor Lambda itself uses.

The code side is what the readers found (``CodeAnalysis.sdk_complete``: every client the code
can create is known); Lambda's side is what the permissions engine derives from the function's
configuration (``Analysis.needs``: logs, X-Ray when tracing, network interfaces in a VPC, the
event source mappings' pollers, destinations), widened by the AWS managed policy each need's
fact names and by features whose need lambdalint could not derive. Anything unknown keeps the
rule silent for the whole role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from lambdalint.checks.code.common import code_place
from lambdalint.checks.permissions.common import analysis, role_phrase
from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import EventInvokeConfig, Function

if TYPE_CHECKING:
    from lambdalint.iam.analysis import Analysis
    from lambdalint.iam.evaluate import EffectivePolicy
    from lambdalint.iam.policy import Statement
    from lambdalint.iam.views import FunctionView
    from lambdalint.source.code.from_template import FunctionCode

_MANAGED = re.compile(r"AWS managed policy (?:service-role/)?([A-Za-z0-9]+)")
_PREFIX = re.compile(r"^([a-z0-9-]+):")
# AWS managed policies written for Lambda execution roles (named *ExecutionRole*).
_EXECUTION_POLICY = re.compile(r"ExecutionRole")


@check("LL219", on=None)
def role_grants_unused_service(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.code is None or not any(f.analysis is not None for f in ctx.code.functions):
        return
    a = analysis(graph, ctx)
    codes = {fn.logical_id: fn for fn in ctx.code.functions}
    by_role: dict[str, list[FunctionView]] = {}
    for view in a.functions:
        if view.role is not None and a.deployed(view):
            by_role.setdefault(view.role.logical_id, []).append(view)
    for role_id, views in sorted(by_role.items()):
        if not _only_lambda_uses(a, role_id, {v.logical_id for v in views}):
            continue
        used: set[str] = set()
        read: list[FunctionCode] = []
        for view in views:
            code = codes.get(view.logical_id)
            services = _code_services(code)
            own = _lambda_services(a, view, graph)
            if code is None or services is None or own is None:
                used = set()
                break
            used |= services | _dependents_of(services) | own
            read.append(code)
        if not read or len(read) != len(views):
            continue
        policy = a.policy(views[0])
        if not policy.known:
            continue
        # An SDK call can need another service's action on the caller's behalf: the dependent
        # actions of the Service Authorization Reference (added above: Transcribe reads the
        # media from S3), kms for data encrypted with a customer managed key, iam:PassRole to
        # hand over a role.
        used |= _indirect()
        names = ", ".join(c.logical_id for c in read)
        where = ", ".join(sorted({code_place(c, ".") for c in read}))
        for prefix, (stmt, actions) in sorted(_granted(policy).items()):
            if prefix in used:
                continue
            shown = ", ".join(actions[:3]) + (", ..." if len(actions) > 3 else "")
            yield ctx.finding(
                f"{role_phrase(views[0])} grants {prefix} actions ({shown}; first in "
                f"{stmt.describe()}), but the code of {names} ({where}) creates no client for "
                f"{prefix} and Lambda uses none with this configuration: remove them "
                f"(least privilege)",
                at=stmt.loc,
                resource=views[0].logical_id,
            )


@cache
def _indirect() -> frozenset[str]:
    facts = load_data("facts/code.yaml")["indirect_services"]
    return frozenset(row["prefix"] for row in facts["services"])


@cache
def _dependents() -> dict[str, tuple[str, ...]]:
    import json

    from lambdalint.data import rules_dir

    path = rules_dir() / "facts" / "iam_services.json"
    data = json.loads(path.read_text(encoding="utf-8"))["dependent"]
    return {prefix: tuple(deps) for prefix, deps in data.items()}


def _dependents_of(services: set[str]) -> set[str]:
    """The services the actions of ``services`` depend on, one hop: the dependency of a
    dependent action is on that action's own request (an S3 replication rule's PassRole), not on
    the request the called service makes for the caller."""
    return {dep for service in services for dep in _dependents().get(service, ())}


def _code_services(code: FunctionCode | None) -> set[str] | None:
    """The IAM prefixes of every SDK client the code creates, or None when not all are known."""
    from lambdalint.source.code.actions import actions_for, client_prefix

    if code is None or code.analysis is None or code.has_layers:
        return None  # a layer's code (an extension, a library) may call AWS with the role
    found = code.analysis
    if not found.sdk_complete or found.syntax_errors:
        return None
    out: set[str] = set()
    # Clients and calls in a shared module's functions this handler is shown not to run are
    # another function's; those that may run count.
    for client in (c for c in found.clients if c.reached is not False):
        prefix = client_prefix(client.sdk, client.service)
        if prefix is None:
            return None
        out.add(prefix)
    for call in (c for c in found.calls if c.reached is not False):
        for action in actions_for(call) or ():
            out.add(action.split(":", 1)[0])
    return out


@cache
def _managed_services(name: str) -> frozenset[str] | None:
    """The service prefixes of an AWS managed policy's Allow statements (MAMIP snapshot)."""
    from lambdalint.iam.data import managed_policies

    row = managed_policies().get(name)
    if row is None:
        return None
    statements = row["document"].get("Statement", [])
    out: set[str] = set()
    for stmt in statements if isinstance(statements, list) else [statements]:
        actions = stmt.get("Action", [])
        for action in [actions] if isinstance(actions, str) else actions:
            if stmt.get("Effect") == "Allow" and (m := _PREFIX.match(action)):
                out.add(m.group(1))
    return frozenset(out)


def _lambda_services(a: Analysis, view: FunctionView, graph: Any) -> set[str] | None:
    """The IAM prefixes Lambda itself uses with this role, or None when lambdalint cannot tell
    (an event source, destination or dead-letter target whose need it could not derive)."""
    from lambdalint.iam.requirements import table

    needs = a.needs(view)
    features = {n.feature for n in needs}
    if len([n for n in needs if n.feature == "esm"]) < len(view.esms):
        return None  # a mapping whose poller's permissions are not in the facts
    fn = graph.get(view.logical_id)
    if not isinstance(fn, Function):
        return None
    if fn.dead_letter is not None and "dead_letter" not in features:
        return None
    configs = [
        eic
        for eic in graph.objects(EventInvokeConfig)
        if any(t.function_id == view.logical_id for t in eic.targets)
    ]
    destinations = any(c.on_success or c.on_failure for c in configs)
    if destinations and not features & {"destination"}:
        return None
    out: set[str] = set()
    rows = table()
    for need in needs:
        for group in need.groups:
            out.update(m.group(1) for action in group if (m := _PREFIX.match(action)))
        managed = _MANAGED.search(need.fix)
        if managed is not None:
            services = _managed_services(managed.group(1))
            if services is None:
                return None
            out |= services
    # Written but not surely on (subnets or tracing mode unknown): Lambda may need them.
    written = {"vpc": fn.vpc is not None, "tracing": fn.tracing.written}
    for feature, is_written in written.items():
        if is_written and feature not in features:
            out.update(m.group(1) for a_ in rows[feature]["actions"] if (m := _PREFIX.match(a_)))
    return out


def _granted(policy: EffectivePolicy) -> dict[str, tuple[Statement, list[str]]]:
    """Service prefix -> the first Allow statement naming one of its actions explicitly, and
    every such action
    (``*`` and NotAction are LL3xx's business: they name no service). AWS's managed policies
    for Lambda execution roles (AWSLambdaSQSQueueExecutionRole, ...) grant what a Lambda
    feature uses, not what the code calls: they are left out."""
    out: dict[str, tuple[Statement, list[str]]] = {}
    statements = [
        s
        for d in policy.documents
        if not (d.managed_name and _EXECUTION_POLICY.search(d.managed_name))
        for s in d.statements
    ]
    for stmt in statements:
        if stmt.effect != "Allow" or stmt.actions is None:
            continue
        for value in stmt.actions:
            text = value.sym.literal
            if text is None:
                continue
            m = _PREFIX.match(text.lower())
            if m is not None:
                _, actions = out.setdefault(m.group(1), (stmt, []))
                if text not in actions:
                    actions.append(text)
    return out


def _only_lambda_uses(a: Analysis, role_id: str, functions: set[str]) -> bool:
    """The role is assumed by Lambda only and named by no resource other than its functions
    and the policies attached to it (a state machine or an instance profile using the same role
    needs its own services)."""
    from lambdalint.source.nodes import Mapping, Scalar, Sequence

    template = a.template
    role = template.resources.get(role_id)
    if role is None:
        return True  # SAM's generated role: trusted by lambda.amazonaws.com only
    trust = role.prop("AssumeRolePolicyDocument")
    principals: list[str] = []
    stack: list[Any] = [trust]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            if any(k.startswith("Fn::") or k == "Ref" for k in node.items):
                return False  # a computed trust policy: unknown
            for key, value in node.items.items():
                if key in ("Principal", "Service", "AWS", "Federated"):
                    stack.append(("principal", value))
                else:
                    stack.append(value)
        elif isinstance(node, Sequence):
            stack.extend(node.items)
        elif isinstance(node, tuple):
            _, value = node
            items = value.items if isinstance(value, Sequence) else [value]
            for item in items:
                if isinstance(item, Mapping):
                    stack.append(item)
                elif isinstance(item, Scalar):
                    principals.append(str(item.value))
                else:
                    return False
    if not principals or any(
        p not in ("lambda.amazonaws.com", "edgelambda.amazonaws.com") for p in principals
    ):
        return False
    attached = ("AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::ManagedPolicy")
    for logical_id, res in template.resources.items():
        if logical_id == role_id or logical_id in functions or res.type in attached:
            continue
        if _names(res.properties, role_id):
            return False
    return True


def _names(node: Any, logical_id: str) -> bool:
    """Whether ``node`` holds a Ref, GetAtt or Sub of ``logical_id``."""
    from lambdalint.source.nodes import Mapping, Sequence

    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, Mapping):
            for key, value in cur.items.items():
                if key in ("Ref", "Fn::GetAtt", "Fn::Sub") and _mentions(value, logical_id):
                    return True
                stack.append(value)
        elif isinstance(cur, Sequence):
            stack.extend(cur.items)
    return False


def _mentions(value: Any, logical_id: str) -> bool:
    from lambdalint.source.nodes import Scalar, Sequence

    items = value.items if isinstance(value, Sequence) else [value]
    for item in items:
        if isinstance(item, Scalar) and isinstance(item.value, str):
            text = item.value
            if (
                text == logical_id
                or text.startswith(f"{logical_id}.")
                or ("${" + logical_id in text)
            ):
                return True
    return False
