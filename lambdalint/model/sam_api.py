"""SAM APIs -> the API node, and the functions SAM lets it invoke (Lambda authorizers, WebSocket
routes), with the permissions SAM adds for them."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.model.base import Model
from lambdalint.model.parts import (
    Norm,
    origin,
    sub,
)
from lambdalint.model.sam_events import permission
from lambdalint.model.sources import Api, Trigger, TriggerKind
from lambdalint.source.nodes import Mapping, Node
from lambdalint.source.template import Resource


def api(norm: Norm, res: Resource) -> Iterator[Model]:
    """A SAM API, and the functions SAM lets it invoke: REST Lambda authorizers
    (``<Api><Authorizer>AuthorizerPermission``), WebSocket routes (``<Api><Route>Permission``)
    and the WebSocket authorizer (``<Api>AuthorizerPermission``), as samtranslator/model/api/
    {api_generator,websocket_api_generator}.py write them."""
    kind = "rest"
    if res.type.endswith("HttpApi"):
        kind = "http"
    elif res.type.endswith("WebSocketApi"):
        kind = "websocket"
    yield Api(**origin(res), api_kind=kind)  # type: ignore[arg-type]
    r = norm.reader(res)
    p = res.properties
    auth = p.get("Auth")
    # (name, the permission SAM adds or None, the node naming the function, trigger kind)
    invokers: list[tuple[str, str | None, Node, TriggerKind]] = []
    if kind == "rest":
        authorizers = sub(auth, "Authorizers")
        if isinstance(authorizers, Mapping):
            for name, config in authorizers.items.items():
                arn = sub(config, "FunctionArn")
                if arn is not None:
                    disabled = norm.evaluator.value(
                        sub(config, "DisableFunctionDefaultPermissions")
                    )
                    pid = (
                        None if disabled is True else f"{res.logical_id}{name}AuthorizerPermission"
                    )
                    invokers.append((name, pid, arn, TriggerKind.API))
    elif kind == "websocket":
        routes = p.get("Routes")
        if isinstance(routes, Mapping):
            for route, config in routes.items.items():
                arn = sub(config, "FunctionArn")
                if arn is not None:
                    label = "".join(c for c in route.title() if c.isalnum())
                    pid = f"{res.logical_id}{label}Permission"
                    invokers.append((route, pid, arn, TriggerKind.WEBSOCKET_API))
        arn = sub(auth, "AuthArn")
        if arn is not None:
            # With an InvokeRole, API Gateway invokes through the role: no permission.
            role = sub(auth, "InvokeRole")
            pid = None if role is not None else f"{res.logical_id}AuthorizerPermission"
            invokers.append(("Authorizer", pid, arn, TriggerKind.WEBSOCKET_API))
    for name, permission_id, arn, trigger_kind in invokers:
        targets = norm.targets(arn)
        functions = [t for t in targets if t.function_id]
        if not functions:
            continue
        yield Trigger(
            **origin(
                res,
                logical_id=f"{res.logical_id}.{name}",
                at=arn,
                properties=Mapping({}, arn.loc),
                generated=True,
            ),
            kind=trigger_kind,
            targets=targets,
            source_id=res.logical_id,
        )
        if permission_id is None:
            continue
        yield permission(
            norm,
            r,
            res,
            permission_id,
            arn,
            functions[0],
            "lambda:InvokeFunction",
            "apigateway.amazonaws.com",
        )
