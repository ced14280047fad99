"""What the SAM rules read, straight from the template (``Resource.properties``, Globals already
merged as SAM merges them), never from the model: SAM validates the properties as written, before
anything is resolved, so these rules must see the same thing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lambdalint.data import rules_dir
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import SAM_TRANSFORM, Resource, Template, transforms

FUNCTION = "AWS::Serverless::Function"
# Transforms AWS hosts. Any other name is a macro of the account, which may rewrite the template
# before SAM or CloudFormation sees it, so the transform rules stay silent then.
AWS_TRANSFORMS = frozenset(
    {
        SAM_TRANSFORM,
        "AWS::Include",
        "AWS::LanguageExtensions",
        "AWS::SecretsManager-2020-07-23",
        "AWS::CodeDeployBlueGreen",
        "AWS::ServiceCatalog",
    }
)


@dataclass(frozen=True)
class Event:
    function: Resource
    event_id: str
    type: str | None
    node: Mapping
    # The event's Properties mapping, or None when absent or not a mapping.
    properties: Mapping | None

    def prop(self, name: str) -> Node | None:
        return self.properties.items.get(name) if self.properties is not None else None

    @property
    def where(self) -> Node:
        """Where a finding about the whole event goes: its Properties, else the event."""
        return self.properties if self.properties is not None else self.node


def sam_resources(template: Template, rtype: str) -> Iterator[Resource]:
    for res in template.resources.values():
        if res.type == rtype:
            yield res


def events(res: Resource) -> Iterator[Event]:
    """A SAM function's (or state machine's) events that are plain mappings."""
    node = res.prop("Events")
    if not isinstance(node, Mapping) or intrinsic(node) is not None:
        return
    for event_id, ev in node.items.items():
        if not isinstance(ev, Mapping) or intrinsic(ev) is not None:
            continue
        type_node = ev.items.get("Type")
        etype = type_node.value if isinstance(type_node, Scalar) else None
        props = ev.items.get("Properties")
        props_map = props if isinstance(props, Mapping) and intrinsic(props) is None else None
        yield Event(res, event_id, etype if isinstance(etype, str) else None, ev, props_map)


def declared_transforms(template: Template) -> list[str]:
    """Transform names, including the ``{Name: ..., Parameters: ...}`` form."""
    names = list(transforms(template.root))
    node = template.root.items.get("Transform")
    items = node.items if isinstance(node, Sequence) else [node]
    for item in items:
        if isinstance(item, Mapping):
            name = item.items.get("Name")
            if isinstance(name, Scalar) and isinstance(name.value, str):
                names.append(name.value)
    return names


def is_literal_absent(node: Node | None) -> bool:
    """SAM treats a missing key and a YAML null alike (``Missing required property``)."""
    return node is None or (isinstance(node, Scalar) and node.value is None)


def is_falsy(node: Node | None) -> bool:
    """What Python's ``if not value`` is for the value SAM reads as written: absent, null, empty
    text, false, zero, or an empty list or mapping."""
    if node is None:
        return True
    if isinstance(node, Scalar):
        return not node.value
    if isinstance(node, (Mapping, Sequence)):
        return not node.items
    return False


@lru_cache(maxsize=1)
def sam_enums() -> dict[str, Any]:
    """The value lists SAM checks while it transforms (rules/facts/sam_enums.json, generated from
    the translator's source by scripts/gen_sam_enums.py)."""
    with open(rules_dir() / "facts" / "sam_enums.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
