"""LL025 sam-api-event-reference-invalid: an Api event whose RestApiId, or an HttpApi event whose
ApiId, is not a reference to an API of the same template (docs: rules/catalog/LL025.yaml).

SAM's implicit API plugins (samtranslator/plugins/api/implicit_api_plugin.py,
``_add_api_to_swagger``; implicit_rest_api_plugin.py / implicit_http_api_plugin.py) read the id
as written: a plain name or ``Ref: Name``, which must name a resource of the template (for an
Api event, not an AWS::Serverless::HttpApi). Any other intrinsic (GetAtt, Sub, ImportValue,
FindInMap, If ...) or a list is rejected, and so is the name of a parameter, since SAM looks the
name up among the resources only. ServerlessRestApi / ServerlessHttpApi, the implicit APIs SAM
adds itself, are valid names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, events, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, intrinsic

# event Type -> (id property, the SAM API type it must name, the implicit API's logical id)
_EVENTS = {
    "Api": ("RestApiId", "AWS::Serverless::Api", "ServerlessRestApi"),
    "HttpApi": ("ApiId", "AWS::Serverless::HttpApi", "ServerlessHttpApi"),
}


def _name(node: Node) -> str | None:
    """The logical id SAM reads: a plain string, or the argument of ``Ref``."""
    if isinstance(node, Scalar):
        return node.value if isinstance(node.value, str) else None
    call = intrinsic(node)
    if call is not None and call[0] == "Ref" and isinstance(call[1], Scalar):
        return call[1].value if isinstance(call[1].value, str) else None
    return None


@check("LL025", on=None)
def sam_api_event_reference_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    resources = ctx.template.resources
    for fn in sam_resources(ctx.template, FUNCTION):
        for ev in events(fn):
            spec = _EVENTS.get(ev.type or "")
            node = ev.prop(spec[0]) if spec else None
            if spec is None or node is None or (isinstance(node, Scalar) and node.value is None):
                continue
            key, api_type, implicit = spec
            name = _name(node)
            head = f"{key} of {ev.type} event {ev.event_id} of function {fn.logical_id}"
            if name is None:
                call = intrinsic(node)
                shape = (
                    f"is a {call[0]} call"
                    if call
                    else ("is a list" if not isinstance(node, Mapping) else "is a mapping")
                )
                problem = f"{shape}; SAM takes only a name or Ref to an {api_type} of this template"
            elif name == implicit:
                continue
            elif name not in resources:
                what = "a parameter" if name in ctx.template.parameters else "no resource"
                problem = f"names {name!r}, {what} of this template; SAM requires an {api_type}"
            elif ev.type == "Api" and resources[name].type == "AWS::Serverless::HttpApi":
                problem = f"names {name!r}, an AWS::Serverless::HttpApi, not an {api_type}"
            else:
                continue
            yield ctx.finding(
                f"{head} {problem}; SAM rejects the template", at=node, resource=fn.logical_id
            )
