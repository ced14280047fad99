"""A synchronous caller (API Gateway, Cognito, a load balancer, a function URL) and how long it
waits for the function: the integration's TimeoutInMillis, else the service's limit from the
behaviour table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambdalint.model.sources import Api, TriggerKind
from lambdalint.model.sources import Trigger as TriggerModel
from lambdalint.semantics import config as c
from lambdalint.semantics.adapter.values import integer, string

if TYPE_CHECKING:
    from lambdalint.model.graph import LambdaGraph

# The sync caller limits of the behaviour table, by service.
_CALLER_ROWS = {"rest": "sync-rest-timeout", "http": "sync-http-timeout"}
_CALLER_ROWS |= {"websocket": "sync-websocket-timeout", "cognito": "sync-cognito-timeout"}
_SERVICES = {
    TriggerKind.API: "rest",
    TriggerKind.HTTP_API: "http",
    TriggerKind.COGNITO: "cognito",
    TriggerKind.ALB: "alb",
    TriggerKind.FUNCTION_URL: "url",
}
LABELS = {
    "rest": "API Gateway REST API",
    "http": "API Gateway HTTP API",
    "websocket": "API Gateway WebSocket API",
    "cognito": "Cognito user pool",
    "alb": "Application Load Balancer",
    "url": "function URL",
}


def caller(graph: LambdaGraph, name: str, trig: TriggerModel) -> c.SyncCaller | None:
    from lambdalint.semantics.table import table

    service = _SERVICES.get(trig.kind)
    if service is None:
        return None
    api = graph.get(trig.source_id) if trig.source_id else None
    sam = trig.resource_type.startswith("AWS::Serverless::")
    if not sam and isinstance(api, Api) and api.api_kind == "websocket":
        service = "websocket"
    if service not in _CALLER_ROWS:
        return c.SyncCaller(name, service, None)
    integration = trig.integration
    if integration is not None and integration.response_transfer_mode.written:
        mode = string(integration.response_transfer_mode, "ResponseTransferMode")
        if mode != "BUFFERED":
            # A streamed REST response has other limits (not in the behaviour table).
            unknown = c.Unknown("the integration streams its response")
            return c.SyncCaller(name, service, unknown, service == "rest")
    row = table()[_CALLER_ROWS[service]]
    timeout: float | c.Unknown | None = row.max
    written = integer(integration.timeout_ms, "TimeoutInMillis") if integration else None
    if isinstance(written, c.Unknown):
        timeout = written
    elif written is not None:
        timeout = written / 1000
    return c.SyncCaller(name, service, timeout, service == "rest", row.verified)
