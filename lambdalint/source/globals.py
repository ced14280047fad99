"""SAM ``Globals``: merged into each resource exactly as the SAM translator does it.

Merged values keep their own locations, so a finding about a value set in Globals points at the
Globals line, while the merged mapping itself is located at the resource's Properties.
"""

from __future__ import annotations

from functools import lru_cache

from lambdalint.data import load_data
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic


@lru_cache(maxsize=1)
def _sections() -> dict[str, tuple[str, frozenset[str]]]:
    """resource type -> (Globals section name, properties SAM merges)."""
    data = load_data("facts/sam_globals.yaml")["sections"]
    return {v["resource_type"]: (name, frozenset(v["properties"])) for name, v in data.items()}


@lru_cache(maxsize=1)
def _strategies() -> dict[str, dict[str, str]]:
    """resource type -> {dotted path below the section: merge op} for the properties SAM does not
    merge the default way (``CUSTOM_STRATEGIES`` in SAM's globals plugin)."""
    data = load_data("facts/sam_globals.yaml")["sections"]
    return {v["resource_type"]: dict(v.get("merge") or {}) for v in data.values()}


def globals_section_for(resource_type: str) -> tuple[str, frozenset[str]] | None:
    return _sections().get(resource_type)


def merge_value(
    global_value: Node,
    local_value: Node,
    path: str = "",
    strategies: dict[str, str] | None = None,
) -> Node:
    """SAM's merge of one property: maps merge (local wins), lists concatenate, else local wins.
    An intrinsic function is an opaque value, so it replaces and is replaced whole. ``path`` is
    the dotted path below the Globals section, looked up in ``strategies`` (``replace``: the
    local value wins whole; ``prune_and_merge``: only the local keys survive)."""
    op = (strategies or {}).get(path)
    if intrinsic(global_value) is None and intrinsic(local_value) is None:
        if isinstance(global_value, Mapping) and isinstance(local_value, Mapping):
            if op == "replace":
                return local_value
            prune = op == "prune_and_merge" and bool(local_value.items)
            items = {} if prune else dict(global_value.items)
            key_locs = {} if prune else dict(global_value.key_locs)
            for key, value in local_value.items.items():
                if key in global_value.items:
                    child = f"{path}.{key}" if path else key
                    items[key] = merge_value(global_value.items[key], value, child, strategies)
                else:
                    items[key] = value
                key_locs[key] = local_value.key_loc(key)
            return Mapping(items, local_value.loc, key_locs)
        if isinstance(global_value, Sequence) and isinstance(local_value, Sequence):
            if op == "replace":
                return local_value
            return Sequence(global_value.items + local_value.items, local_value.loc)
    return local_value


def merge_globals(
    globals_node: Mapping, resource_type: str, properties: Mapping, ignore: Node | None = None
) -> Mapping:
    """``ignore`` is the resource's ``IgnoreGlobals`` attribute: ``'*'`` takes nothing from
    Globals, a list leaves out the properties it names (see ``ignore_globals_problems``)."""
    spec = globals_section_for(resource_type)
    if spec is None:
        return properties
    section = globals_node.items.get(spec[0])
    if not isinstance(section, Mapping):
        return properties
    if isinstance(ignore, Scalar) and ignore.value == "*":
        return properties
    skipped = (
        {i.value for i in ignore.items if isinstance(i, Scalar)}
        if isinstance(ignore, Sequence)
        else set()
    )
    items: dict[str, Node] = {}
    key_locs = {}
    for key, value in section.items.items():
        if key in spec[1] and key not in skipped:
            items[key] = value
            key_locs[key] = section.key_loc(key)
    if not items:
        return properties
    strategies = _strategies().get(resource_type)
    for key, value in properties.items.items():
        items[key] = merge_value(items[key], value, key, strategies) if key in items else value
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
            problems.append(
                (
                    f"SAM rejects Globals section {name!r}; it supports {known}",
                    globals_node.key_loc(name),
                )
            )
            continue
        if not isinstance(section, Mapping) or intrinsic(section) is not None:
            continue
        for key in section.items:
            if key not in sections[name]:
                problems.append(
                    (
                        f"SAM rejects {key!r} in Globals.{name}: it is not a property "
                        f"SAM merges from Globals",
                        section.key_loc(key),
                    )
                )
    return problems


def ignore_globals_problems(
    globals_node: Mapping | None, resource_type: str, ignore: Node
) -> list[tuple[str, Node]]:
    """What SAM rejects in an ``IgnoreGlobals`` attribute: anything but ``'*'`` or a list, and
    a listed property the Globals section does not set."""
    if isinstance(ignore, Scalar) and ignore.value == "*":
        return []
    if not isinstance(ignore, Sequence):
        return [("SAM rejects IgnoreGlobals: it takes '*' or a list of Globals properties", ignore)]
    spec = globals_section_for(resource_type)
    section = globals_node.items.get(spec[0]) if spec and globals_node is not None else None
    present = section.items if isinstance(section, Mapping) else {}
    problems: list[tuple[str, Node]] = []
    for item in ignore.items:
        name = item.value if isinstance(item, Scalar) else None
        if name not in present:
            shown = repr(name) if name is not None else "that is not a name"
            problems.append(
                (f"SAM rejects IgnoreGlobals item {shown}: Globals does not set it", item)
            )
    return problems
