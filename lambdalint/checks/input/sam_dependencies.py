"""Dependencies the SAM transform adds between resources that the template does not show, for
LL014. Checked against aws-sam-translator's output (every case is a cycle CloudFormation
reports after the transform):

- an S3 event adds the function to its bucket's NotificationConfiguration, and a Cognito event to
  its user pool's LambdaConfig (SAM requires both resources in the template): they depend on the
  function (samtranslator/model/eventsources/push.py S3, Cognito);
- an Api or HttpApi event writes the function's ARN into the API's definition (the implicit
  ServerlessRestApi / ServerlessHttpApi without RestApiId / ApiId), unless the definition is a
  file (DefinitionUri), which SAM leaves as it is: the API depends on it;
- the resources SAM generates for a function (``<Fn>Url``, ``<Fn>Alias<name>``,
  ``<Fn>Version<hash>``, ``<Fn>EventInvokeConfig``, one per event) depend on the function, while
  the function depends on ``<Fn>Role``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lambdalint.source.nodes import Mapping, Node, Scalar, intrinsic
from lambdalint.source.template import Resource, Template

_FUNCTION = "AWS::Serverless::Function"
# Event type -> (property naming the resource SAM modifies, the implicit one when absent).
_MODIFIED = {
    "S3": ("Bucket", None),
    "Cognito": ("UserPool", None),
    "Api": ("RestApiId", "ServerlessRestApi"),
    "HttpApi": ("ApiId", "ServerlessHttpApi"),
}
_GENERATED_SUFFIXES = ("Url", "Alias", "Version", "EventInvokeConfig")


@dataclass(frozen=True, slots=True)
class SamEdge:
    source: str
    target: str
    # Where the template says it (the event's resource property, or the event).
    node: Node
    why: str


def _named(node: Node | None) -> str | None:
    """The logical id a ``Ref`` (or a plain name) names."""
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return node.value
    call = intrinsic(node) if node is not None else None
    if call is not None and call[0] == "Ref" and isinstance(call[1], Scalar):
        value = call[1].value
        return value if isinstance(value, str) else None
    return None


def _events(fn: Resource) -> Iterator[tuple[str, Mapping]]:
    events = fn.properties.get("Events")
    if isinstance(events, Mapping):
        for name, event in events.items.items():
            if isinstance(event, Mapping):
                yield name, event


def _external_definition(tpl: Template, api: str) -> bool:
    """An API whose definition is a file (DefinitionUri): SAM cannot add the function to it."""
    res = tpl.resources.get(api)
    return res is not None and res.properties.get("DefinitionUri") is not None


def modified_by_events(tpl: Template) -> Iterator[SamEdge]:
    for fn in tpl.resources.values():
        if fn.type != _FUNCTION:
            continue
        for name, event in _events(fn):
            node = event.items.get("Type")
            kind = node.value if isinstance(node, Scalar) else None
            spec = _MODIFIED.get(kind) if isinstance(kind, str) else None
            if spec is None:
                continue
            prop, implicit = spec
            props = event.items.get("Properties")
            value = props.items.get(prop) if isinstance(props, Mapping) else None
            target = _named(value) if value is not None else implicit
            if target is None or _external_definition(tpl, target):
                continue
            yield SamEdge(
                target,
                fn.logical_id,
                value if value is not None else event,
                f"SAM makes {target} depend on {fn.logical_id} for its {kind} event {name}",
            )


class GeneratedOwners:
    """Which SAM function a generated logical id belongs to (and depends on); built once per
    template, each lookup walks the target's prefixes instead of every function."""

    def __init__(self, tpl: Template) -> None:
        self._tpl = tpl
        self._events = {
            fn.logical_id: {name for name, _ in _events(fn)}
            for fn in tpl.resources.values()
            if fn.type == _FUNCTION
        }

    def owner(self, target: str) -> str | None:
        if not self._events or target in self._tpl.resources or "::" in target:
            return None
        for end in range(len(target) - 1, 0, -1):
            events = self._events.get(target[:end])
            if events is None:
                continue
            rest = target[end:]
            if rest.startswith(_GENERATED_SUFFIXES) or any(rest.startswith(e) for e in events):
                return target[:end]
        return None
