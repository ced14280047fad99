"""Whether the template shows every invoker of a function, and each of them invokes it
synchronously (an API, a load balancer, a function URL, a Cognito user pool, an event source
mapping): only then can a rule say that settings for asynchronous invocations never apply.

"Every invoker" is conservative: a trigger the model cannot read, a resource-based permission for
another principal (or for API Gateway without an API of this template as its source), a fixed
FunctionName (code anywhere in the account can invoke it by that name), a reference to the
function from anything but its own configuration and its triggers (an Output, another function's
environment, a policy, a state machine), or a macro or SAM connector (they write what the template
does not show) each leave an invoker the template does not show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import bound_triggers
from lambdalint.engine.context import CheckContext
from lambdalint.model.lambda_ import (
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Permission,
)

if TYPE_CHECKING:
    from lambdalint.semantics.from_model import Bound

# Services that invoke only synchronously when the model reads them as a sync caller. REST APIs
# are left out unless SAM writes the integration (always AWS_PROXY): a non-proxy integration can
# invoke asynchronously with the X-Amz-Invocation-Type: 'Event' header; WebSocket APIs too.
# https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html
_SYNC_SERVICES = frozenset({"http", "alb", "url", "cognito"})
_SYNC_PRINCIPALS = frozenset(
    {"apigateway.amazonaws.com", "elasticloadbalancing.amazonaws.com", "cognito-idp.amazonaws.com"}
)
_API_TYPES = frozenset(
    {"AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"}
    | {"AWS::Serverless::Api", "AWS::Serverless::HttpApi"}
)
# Resources that name a function without invoking it.
_INERT_TYPES = frozenset(
    {
        "AWS::Logs::LogGroup",
        "AWS::CloudWatch::Alarm",
        "AWS::CloudWatch::Dashboard",
        "AWS::ApplicationAutoScaling::ScalableTarget",
    }
)


def only_sync_invokers(ctx: CheckContext, fn: Function) -> list[Bound] | None:
    """The function's (synchronous) triggers when the template shows every invoker and none
    invokes asynchronously; None otherwise."""
    from lambdalint.semantics.adapter.joint import given
    from lambdalint.semantics.config import SyncCaller
    from lambdalint.semantics.dispatch import uses_async_config

    if fn.name.written or _hidden_writers(ctx):
        return None
    bounds = [b for b in bound_triggers(ctx) if b.fn_model is fn]
    triggers = [t for t in ctx.graph.triggers_of(fn) if ctx.deployed(t)]
    if not bounds or len(bounds) != len(triggers):
        return None  # no trigger, or one the model does not read
    # In a deployment where none of its triggers exists, something the template does not show
    # invokes it: one trigger must exist whenever the function does.
    own_condition = set(given((fn,)))
    if not any(set(b.given) <= own_condition for b in bounds):
        return None
    for b in bounds:
        if uses_async_config(b.trigger):
            return None
        if isinstance(b.trigger, SyncCaller) and not _surely_sync(b):
            return None
    graph = ctx.graph
    own = {fn.logical_id, *(m.logical_id for m in graph.aliases_of(fn) + graph.versions_of(fn))}
    if not all(_sync_permission(ctx, p) for p in graph.targeting(fn, Permission)):
        return None
    allowed = set(own) | {b.trigger_model.resource_id for b in bounds}
    for cls in (Permission, EventInvokeConfig, FunctionUrl, EventSourceMapping):
        allowed |= {m.resource_id for m in graph.targeting(fn, cls)}
    if _referenced_elsewhere(ctx, own, allowed):
        return None
    return bounds


def _surely_sync(b: Bound) -> bool:
    from lambdalint.semantics.config import SyncCaller

    assert isinstance(b.trigger, SyncCaller)
    sam = b.trigger_model.resource_type.startswith("AWS::Serverless::")
    return b.trigger.service in _SYNC_SERVICES or (b.trigger.service == "rest" and sam)


def _sync_permission(ctx: CheckContext, perm: Permission) -> bool:
    """A permission only a synchronous invoker of this template can use."""
    action = perm.action.only()
    if action == "lambda:InvokeFunctionUrl":
        return True
    principal = perm.principal.only()
    if action not in ("lambda:InvokeFunction", None) or principal not in _SYNC_PRINCIPALS:
        return False
    if perm.generated or principal != "apigateway.amazonaws.com":
        return True  # SAM's own for its events; a load balancer or user pool waits anyway
    # API Gateway: an API of this template as the source (an API elsewhere may be a REST API
    # with a non-proxy integration, which can invoke asynchronously).
    from lambdalint.source.references import split_variable, sub_variables

    for t in perm.source:
        # Resolved, or an ARN built around the API's id (``...:${HttpApi}/*``).
        names = [t.node_id] if t.resolved and t.node_id else []
        names += [split_variable(v)[0] for v in sub_variables(t.arn or "")]
        for name in names:
            res = ctx.template.resources.get(name) if name else None
            if res is not None and res.type in _API_TYPES:
                return True
    return False


def _hidden_writers(ctx: CheckContext) -> bool:
    from lambdalint.source.template import SAM_TRANSFORM, transforms

    template = ctx.template
    if any(t != SAM_TRANSFORM for t in transforms(template.root)):
        return True
    return any(
        res.type == "AWS::Serverless::Connector" or "Connectors" in res.node
        for res in template.resources.values()
    )


def _referenced_elsewhere(ctx: CheckContext, own: set[str], allowed: set[str]) -> bool:
    """Whether anything but ``allowed`` (and resources that only name a function) refers to
    the function, an alias or a version of it (Outputs included)."""
    from lambdalint.source.references import RefKind, template_references

    for ref in template_references(ctx.template):
        if ref.kind in (RefKind.DEPENDS_ON, RefKind.CONDITION):
            continue
        if ref.target not in own and ref.target.split(".", 1)[0] not in own:
            continue
        if ref.source in allowed:
            continue
        res = ctx.template.resources.get(ref.source) if ref.source else None
        if res is None or res.type not in _INERT_TYPES:
            return True
    return False
