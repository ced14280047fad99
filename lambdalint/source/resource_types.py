"""Which resource types exist and which top-level properties each accepts.

CloudFormation types come from ``rules/facts/resource_types.json`` (generated from the
CloudFormation resource provider schemas by ``scripts/gen_resource_types.py``), SAM types from
``rules/facts/sam_resource_types.yaml`` (generated from the SAM translator by
``scripts/gen_sam_resource_types.py``), which also lists the properties of each
AWS::Serverless::Function event source type. Both are read on first use only, so a run that does
not select the rules asking here never pays for them (about 2 ms for the 300 KB JSON file).
"""

from __future__ import annotations

import json
from functools import lru_cache

from lambdalint.data import load_data, rules_dir

# Types that take any properties: custom resources, which CloudFormation passes to a Lambda
# function or SNS topic as given.
_OPEN_TYPES = ("Custom::", "AWS::CloudFormation::CustomResource")


@lru_cache(maxsize=1)
def _catalog() -> dict[str, frozenset[str] | None]:
    with open(rules_dir() / "facts" / "resource_types.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    types: dict[str, frozenset[str] | None] = {
        name: frozenset(props.split()) for name, props in raw["types"].items()
    }
    sam = load_data("facts/sam_resource_types.yaml")
    for name, entry in sam["types"].items():
        props = entry.get("properties") if isinstance(entry, dict) else None
        types[name] = frozenset(props) if props else None
    return types


def is_open(type_name: str) -> bool:
    # A registry module (``Org::Service::Thing::MODULE``) takes whatever its author declared.
    return type_name.startswith(_OPEN_TYPES) or type_name.endswith("::MODULE")


def is_known(type_name: str) -> bool:
    return is_open(type_name) or type_name in _catalog()


def properties_of(type_name: str) -> frozenset[str] | None:
    """Top-level property names of a known type, or None when any name is accepted (custom
    resources) or the list is unknown."""
    if is_open(type_name):
        return None
    return _catalog().get(type_name)


def all_types() -> list[str]:
    return list(_catalog())


@lru_cache(maxsize=1)
def _function_events() -> dict[str, frozenset[str]]:
    sam = load_data("facts/sam_resource_types.yaml")
    return {
        name: frozenset(entry["properties"])
        for name, entry in (sam.get("function_events") or {}).items()
        if isinstance(entry, dict) and entry.get("properties")
    }


def function_event_types() -> list[str]:
    """The event source types (``Events.<id>.Type``) an AWS::Serverless::Function accepts."""
    return sorted(_function_events())


def function_event_properties(event_type: str) -> frozenset[str] | None:
    """Property names of a SAM function event source type, or None for a type not listed."""
    return _function_events().get(event_type)
