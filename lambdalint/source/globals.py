"""SAM ``Globals``: merged into each resource exactly as the SAM translator does it.

Merged values keep their own locations, so a finding about a value set in Globals points at the
Globals line, while the merged mapping itself is located at the resource's Properties.
"""

from __future__ import annotations

from functools import lru_cache

from lambdalint.data import load_data
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Sequence, intrinsic


@lru_cache(maxsize=1)
def _sections() -> dict[str, tuple[str, frozenset[str]]]:
    """resource type -> (Globals section name, properties SAM merges)."""
    data = load_data("facts/sam_globals.yaml")["sections"]
    return {v["resource_type"]: (name, frozenset(v["properties"])) for name, v in data.items()}


def globals_section_for(resource_type: str) -> tuple[str, frozenset[str]] | None:
    return _sections().get(resource_type)


def merge_value(global_value: Node, local_value: Node) -> Node:
    """SAM's merge of one property: maps merge (local wins), lists concatenate, else local wins.
    An intrinsic function is an opaque value, so it replaces and is replaced whole."""
    if intrinsic(global_value) is None and intrinsic(local_value) is None:
        if isinstance(global_value, Mapping) and isinstance(local_value, Mapping):
            items = dict(global_value.items)
            key_locs = dict(global_value.key_locs)
            for key, value in local_value.items.items():
                items[key] = merge_value(items[key], value) if key in items else value
                key_locs[key] = local_value.key_loc(key)
            return Mapping(items, local_value.loc, key_locs)
        if isinstance(global_value, Sequence) and isinstance(local_value, Sequence):
            return Sequence(global_value.items + local_value.items, local_value.loc)
    return local_value


def merge_globals(globals_node: Mapping, resource_type: str, properties: Mapping) -> Mapping:
    spec = globals_section_for(resource_type)
    if spec is None:
        return properties
    section = globals_node.items.get(spec[0])
    if not isinstance(section, Mapping):
        return properties
    items: dict[str, Node] = {}
    key_locs = {}
    for key, value in section.items.items():
        if key in spec[1]:
            items[key] = value
            key_locs[key] = section.key_loc(key)
    if not items:
        return properties
    for key, value in properties.items.items():
        items[key] = merge_value(items[key], value) if key in items else value
        key_locs[key] = properties.key_loc(key)
    return Mapping(items, properties.loc, key_locs)


def globals_problems(globals_node: Mapping) -> list[tuple[str, Node | Location]]:
    """(message, where) for what the SAM translator rejects in a Globals section: unknown
    sections, and properties SAM does not merge (``Events``, ``Policies``, ``Role`` ...)."""
    sections = {name: props for name, props in _sections().values()}
    problems: list[tuple[str, Node | Location]] = []
    for name, section in globals_node.items.items():
        if name not in sections:
            known = ", ".join(sorted(sections))
            problems.append((f"SAM rejects Globals section {name!r}; it supports {known}",
                             globals_node.key_loc(name)))
            continue
        if not isinstance(section, Mapping) or intrinsic(section) is not None:
            continue
        for key in section.items:
            if key not in sections[name]:
                problems.append((f"SAM rejects {key!r} in Globals.{name}: it is not a property "
                                 f"SAM merges from Globals", section.key_loc(key)))
    return problems
