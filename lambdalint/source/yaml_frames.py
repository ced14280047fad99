"""The state of the YAML node builder: an open mapping or sequence while its events arrive.

Kept apart from the event loop in :mod:`lambdalint.source.yaml_builder` so that the loop reads as
the handling of each event kind, and YAML's merge-key semantics sit with the frames they fill.
"""

from __future__ import annotations

from typing import Any

from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node

YAML_TAG = "tag:yaml.org,2002:"
MERGE_TAG = YAML_TAG + "merge"

# Pending-key states of a mapping frame (a key is a str; these are the other states).
NO_KEY = object()  # the next node is a key
SKIP = object()  # the key was not a scalar: drop the value
MERGE = object()  # the key was ``<<``: the value is merged in


class Stop(Exception):
    """Raised inside the build when an input limit is hit; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = (
        "anchor",
        "count0",
        "height",
        "is_map",
        "items",
        "key",
        "key_loc",
        "key_locs",
        "merges",
        "start",
        "tag",
    )

    def __init__(
        self, is_map: bool, start: Any, tag: str | None, anchor: str | None, count0: int
    ) -> None:
        self.is_map = is_map
        self.start = start
        self.tag = tag  # an intrinsic short-form name (``If``), or None
        self.anchor = anchor
        self.count0 = count0
        self.height = 1
        self.items: Any = {} if is_map else []
        self.key_locs: dict[str, Location] = {}
        self.key: Any = NO_KEY
        self.key_loc: Location | None = None
        self.merges: list[Mapping] | None = None


def merged(
    merges: list[Mapping], own: dict[str, Node], own_locs: dict[str, Location]
) -> tuple[dict[str, Node], dict[str, Location]]:
    """YAML merge: earlier merged mappings win over later ones, the mapping's own keys over all."""
    items: dict[str, Node] = {}
    key_locs: dict[str, Location] = {}
    for src in merges:
        for k, v in src.items.items():
            if k not in own and k not in items:
                items[k] = v
                key_locs[k] = src.key_locs.get(k, src.loc)
    items.update(own)
    key_locs.update(own_locs)
    return items, key_locs
