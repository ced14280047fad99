"""LL035 sam-api-event-route-invalid: an Api or HttpApi event of a SAM function whose route SAM
cannot add to its API: Properties that are not a mapping, a Path or Method that is not a string
as written, an HttpApi event with one of Path and Method but not the other, or a path and method
another event already put on the same API (docs: rules/catalog/LL035.yaml).

From aws-sam-translator:

- samtranslator/plugins/api/implicit_rest_api_plugin.py and implicit_http_api_plugin.py
  ``_process_api_events``: the event's Properties must be a mapping ("Properties should be a
  map."); an HttpApi event without Path and Method gets ``$default`` and ANY.
- samtranslator/plugins/api/implicit_api_plugin.py ``_validate_api_event``: Path and Method must
  be there and be strings as written, before any intrinsic is resolved ("Property 'Path' should be
  a string.").
- samtranslator/model/eventsources/push.py ``Api._add_swagger_integration`` and
  ``HttpApi._add_openapi_integration``: a second integration on a path and method of the same API
  is refused ("API method ... defined multiple times for path ..."); the method is compared as
  open_api/base_editor.py ``_normalize_method_name`` writes it (lower case, ANY as
  ``x-amazon-apigateway-any-method``). SAM only checks an API whose definition it builds
  (``__MANAGE_SWAGGER``: no DefinitionBody or DefinitionUri of the user's) or, for an Api, merges
  (``MergeDefinitions``); an API with a definition of the user's own is not checked.
  Conditions do not matter (an integration under a Condition still counts). The translator meets
  the events in order of function logical id, then event id, and refuses the later one, so that
  one is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, Event, events, is_literal_absent, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Template

# Event type -> (API id property, implicit API logical id, SAM API type).
_APIS = {
    "Api": ("RestApiId", "ServerlessRestApi", "AWS::Serverless::Api"),
    "HttpApi": ("ApiId", "ServerlessHttpApi", "AWS::Serverless::HttpApi"),
}
ANY = "x-amazon-apigateway-any-method"


def api_id(ev: Event) -> str | None:
    node = ev.prop(_APIS[ev.type or ""][0])
    if is_literal_absent(node):
        return _APIS[ev.type or ""][1]
    call = intrinsic(node)
    if call is not None:
        ref = call[1]
        ok = call[0] == "Ref" and isinstance(ref, Scalar) and isinstance(ref.value, str)
        return str(ref.value) if ok else None  # type: ignore[union-attr]
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def sam_writes_route(template: Template, ev: Event, target: str) -> bool:
    """Whether SAM writes this event's route into the API's definition itself (and so checks it):
    the implicit API; an API without DefinitionBody and DefinitionUri (SAM builds it,
    ``__MANAGE_SWAGGER``); for an Api also one with ``MergeDefinitions: true``."""
    _, implicit, api_type = _APIS[ev.type or ""]
    if target == implicit and target not in template.resources:
        return True
    api = template.resources.get(target)
    if api is None or api.type != api_type:
        return False
    if is_literal_absent(api.prop("DefinitionBody")) and is_literal_absent(
        api.prop("DefinitionUri")
    ):
        return True
    merge = api.prop("MergeDefinitions")
    return ev.type == "Api" and isinstance(merge, Scalar) and merge.value is True


def _written(node: Node) -> str:
    if intrinsic(node) is not None:
        return "an intrinsic function, which SAM does not resolve there"
    if isinstance(node, Scalar):
        return f"the {type(node.value).__name__} {node.value!r}"
    return "a list" if isinstance(node, Sequence) else "a mapping"


def _route_problems(ev: Event) -> Iterator[tuple[str, Node]]:
    raw = ev.node.items.get("Properties")
    if ev.properties is None:
        if raw is not None and intrinsic(raw) is None:  # null too: None is not a map
            yield "has Properties that are not a mapping (Properties should be a map)", raw
        return
    path, method = ev.prop("Path"), ev.prop("Method")
    if ev.type == "HttpApi" and is_literal_absent(path) != is_literal_absent(method):
        given, missing = ("Path", "Method") if is_literal_absent(method) else ("Method", "Path")
        yield (
            f"sets {given} without {missing}; SAM requires both, or neither for the $default route",
            ev.where,
        )
    for name, node in (("Path", path), ("Method", method)):
        if node is None or is_literal_absent(node):
            continue
        if not (isinstance(node, Scalar) and isinstance(node.value, str)):
            yield f"has a {name} that is {_written(node)}; SAM requires a string", node


def _route(ev: Event) -> tuple[str, str, Node] | None:
    if ev.properties is None and ev.type == "HttpApi" and ev.node.items.get("Properties") is None:
        return "$default", ANY, ev.node
    if ev.properties is None:
        return None
    path, method = ev.prop("Path"), ev.prop("Method")
    if ev.type == "HttpApi" and is_literal_absent(path) and is_literal_absent(method):
        return "$default", ANY, ev.where
    values = [n.value if isinstance(n, Scalar) else None for n in (path, method)]
    if not all(isinstance(v, str) and v for v in values):
        return None
    verb = str(values[1]).lower()
    return str(values[0]), ANY if verb == "any" else verb, ev.where


@check("LL035", on=None)
def sam_api_event_route_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[tuple[str, str, str], str] = {}
    functions = sorted(sam_resources(ctx.template, FUNCTION), key=lambda f: f.logical_id)
    for fn in functions:
        for ev in sorted(events(fn), key=lambda e: e.event_id):
            if ev.type not in _APIS:
                continue
            what = f"{ev.type} event {ev.event_id} of {fn.logical_id}"
            for problem, at in _route_problems(ev):
                yield ctx.finding(
                    f"{what} {problem}; SAM rejects the template", at=at, resource=fn.logical_id
                )
            route = _route(ev)
            target = api_id(ev)
            if route is None or target is None:
                continue
            if not sam_writes_route(ctx.template, ev, target):
                continue
            key = (target, route[0], route[1])
            first = seen.setdefault(key, what)
            if first != what:
                method = "ANY" if route[1] == ANY else route[1]
                yield ctx.finding(
                    f"{what} puts {method} {route[0]} on {target}, where {first} already put "
                    "it; SAM rejects the template (API method defined multiple times)",
                    at=route[2],
                    resource=fn.logical_id,
                )
