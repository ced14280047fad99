"""LL037 sam-api-event-method-invalid: the Auth, RequestModel or RequestParameters of an Api or
HttpApi event that SAM cannot apply to the method it adds (docs: rules/catalog/LL037.yaml).

From samtranslator/model/eventsources/push.py, for the events whose route SAM writes into the
API's definition (LL035 has which those are):

- ``Api.to_cloudformation``: ``Auth.OverrideApiAuth`` on an API with a definition needs one of
  Authorizer, ApiKeyRequired and ResourcePolicy.
- ``Api._add_swagger_integration`` (RequestModel): the API must define Models, as a mapping,
  holding the event's Model (a string); ValidateBody and ValidateParameters must be booleans as
  written ("strings or intrinsics are not supported"); each RequestParameters entry is a name
  ``method.request.(querystring|path|header).<name>`` or a one-key mapping of such a name to a
  mapping of Required and Caching only.
- ``Api.add_auth_to_swagger`` and ``HttpApi._add_auth_to_openapi_integration`` with
  ``_check_valid_authorizer_types``: the event's Authorizer must be a string naming one of the
  API's Authorizers, AWS_IAM (for an HttpApi only with EnableIamAuthorizer), or NONE where the API
  has a DefaultAuthorizer; an HttpApi event's Auth without Authorizer needs a DefaultAuthorizer;
  AuthorizationScopes must be a list (and, on an Api, come with an Authorizer).

The API's own Auth is read only from an API of this template whose Auth is written out (not an
intrinsic); the implicit API takes Globals, so for it only what holds whatever its Auth is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, Event, events, is_literal_absent, sam_resources
from lambdalint.checks.sam.api_event_route import api_id, sam_writes_route
from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Resource


def _map(node: Node | None) -> Mapping | None:
    return node if isinstance(node, Mapping) and intrinsic(node) is None else None


def _truthy(node: Node | None) -> bool:
    if node is None or (isinstance(node, Scalar) and not node.value):
        return False
    return not (
        isinstance(node, (Mapping, Sequence)) and not node.items and intrinsic(node) is None
    )


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


class _Api:
    """The API an event's route goes to, as far as this template says."""

    def __init__(self, res: Resource | None) -> None:
        self.res = res
        auth = res.prop("Auth") if res is not None else None
        # None: unknown (the implicit API, or an Auth that is an intrinsic).
        self.auth: Mapping | None = None
        self.known = res is not None and (is_literal_absent(auth) or _map(auth) is not None)
        if self.known and _map(auth) is not None:
            self.auth = _map(auth)

    def get(self, key: str) -> Node | None:
        return self.auth.items.get(key) if self.auth is not None else None

    def authorizers(self) -> Mapping | None:
        return _map(self.get("Authorizers"))


def _authorizer_problems(ev: Event, auth: Mapping, api: _Api) -> Iterator[tuple[str, Node]]:
    method = auth.items.get("Authorizer")
    name = _text(method)
    http = ev.type == "HttpApi"
    if http and not _truthy(method):
        if api.known and not _truthy(api.get("DefaultAuthorizer")):
            yield "has Auth without an Authorizer, and the API has no DefaultAuthorizer", auth
        return
    if method is None or not _truthy(method):
        return
    if name is None:
        yield "has an Authorizer that is not a string naming one of the API's Authorizers", method
        return
    iam_enabled = _truthy(api.get("EnableIamAuthorizer")) and (
        isinstance(api.get("EnableIamAuthorizer"), Scalar)
        and api.get("EnableIamAuthorizer").value is True  # type: ignore[union-attr]
    )
    if not api.known or (name == "AWS_IAM" and (not http or iam_enabled)):
        return
    if name == "NONE":
        if not _truthy(api.get("DefaultAuthorizer")):
            yield (
                "has Authorizer NONE, which SAM takes only where the API has a DefaultAuthorizer",
                (method),
            )
        return
    authorizers = api.authorizers()
    if not _truthy(api.get("Authorizers")):
        yield f"has Authorizer {name}, but the API defines no Authorizers", method
    elif authorizers is not None and name not in authorizers.items:
        hint = did_you_mean(name, authorizers.items)
        yield f"has Authorizer {name}, which is not one of the API's Authorizers{hint}", method


def _scope_problems(ev: Event, auth: Mapping) -> Iterator[tuple[str, Node]]:
    scopes = auth.items.get("AuthorizationScopes")
    if not _truthy(scopes):
        return
    if not isinstance(scopes, Sequence):
        yield "has AuthorizationScopes that are not a list", scopes  # type: ignore[misc]
    elif ev.type == "Api" and not _truthy(auth.items.get("Authorizer")):
        yield "has AuthorizationScopes without an Authorizer", scopes


def _model_problems(ev: Event, api: _Api) -> Iterator[tuple[str, Node]]:
    model = _map(ev.prop("RequestModel"))
    if model is None or not _truthy(model.items.get("Model")):
        return
    name = model.items["Model"]
    if api.res is not None:
        models = api.res.prop("Models")
        if is_literal_absent(models):
            yield "has a RequestModel, but the API defines no Models", name
            return
        if intrinsic(models) is None and not isinstance(models, Mapping):
            yield "has a RequestModel, but the API's Models are not a mapping", name
            return
        if _text(name) is None:
            yield "has a RequestModel whose Model is not a string", name
            return
        literal = isinstance(models, Mapping) and intrinsic(models) is None
        if literal and str(_text(name)) not in models.items:  # type: ignore[union-attr]
            yield f"has RequestModel {_text(name)}, which is not one of the API's Models", name
            return
    for key in ("ValidateBody", "ValidateParameters"):
        node = model.items.get(key)
        plain = isinstance(node, Scalar) and (node.value is None or isinstance(node.value, bool))
        if node is not None and not plain:
            yield f"has a RequestModel {key} that is not true or false as written", node


_PARAMETER = re.compile(r"method\.request\.(querystring|path|header)\.")
_PARAMETER_KEYS = ("Required", "Caching")  # push.py REQUEST_PARAMETER_PROPERTIES


def _parameter_problems(ev: Event) -> Iterator[tuple[str, Node]]:
    params = ev.prop("RequestParameters")
    if not isinstance(params, Sequence):
        return
    for item in params.items:
        if isinstance(item, Mapping) and intrinsic(item) is None and item.items:
            name, value = next(iter(item.items.items()))
            settings = _map(value)
            if not _PARAMETER.match(name):
                yield f"has a RequestParameters name {name!r} not of the form {_FORM}", item
            elif settings is None or any(k not in _PARAMETER_KEYS for k in settings.items):
                yield (
                    f"has RequestParameters {name} whose value is not a mapping of Required and "
                    "Caching",
                    value,
                )
        elif (
            isinstance(item, Scalar)
            and isinstance(item.value, str)
            and not (_PARAMETER.match(item.value))
        ):
            yield f"has a RequestParameters name {item.value!r} not of the form {_FORM}", item


_FORM = "method.request.(querystring|path|header).<name>"


def _problems(ctx: CheckContext, ev: Event) -> Iterator[tuple[str, Node]]:
    target = api_id(ev)
    if target is None:
        return
    res = ctx.template.resources.get(target)
    sam_type = "AWS::Serverless::Api" if ev.type == "Api" else "AWS::Serverless::HttpApi"
    if res is not None and res.type != sam_type:
        return  # not an API SAM edits: LL025 reports the reference
    if res is None and target != ("ServerlessRestApi" if ev.type == "Api" else "ServerlessHttpApi"):
        return
    api = _Api(res)
    auth = _map(ev.prop("Auth"))
    writes = sam_writes_route(ctx.template, ev, target)
    if ev.type == "Api":
        has_body = (
            res is None
            or is_literal_absent(res.prop("DefinitionUri"))
            or (not is_literal_absent(res.prop("DefinitionBody")))
        )
        override = auth is not None and _truthy(auth.items.get("OverrideApiAuth")) and has_body
        if override and auth is not None:
            keys = ("Authorizer", "ApiKeyRequired", "ResourcePolicy")
            if not any(_truthy(auth.items.get(k)) for k in keys):
                yield (
                    "sets OverrideApiAuth without Authorizer, ApiKeyRequired or ResourcePolicy",
                    auth.items["OverrideApiAuth"],
                )
        if writes:
            yield from _model_problems(ev, api)
            yield from _parameter_problems(ev)
        if auth is not None and (writes or override):
            yield from _authorizer_problems(ev, auth, api)
            yield from _scope_problems(ev, auth)
        return
    has_body = (
        res is None
        or is_literal_absent(res.prop("DefinitionUri"))
        or (not is_literal_absent(res.prop("DefinitionBody")))
    )
    if auth is not None and auth.items and has_body:
        yield from _authorizer_problems(ev, auth, api)
        yield from _scope_problems(ev, auth)


@check("LL037", on=None)
def sam_api_event_method_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn in sam_resources(ctx.template, FUNCTION):
        for ev in events(fn):
            if ev.type not in ("Api", "HttpApi") or ev.properties is None:
                continue
            for problem, at in _problems(ctx, ev):
                yield ctx.finding(
                    f"{ev.type} event {ev.event_id} of {fn.logical_id} {problem}; SAM rejects the "
                    "template",
                    at=at,
                    resource=fn.logical_id,
                )
