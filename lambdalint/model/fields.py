"""Small readers shared by the SAM and CloudFormation normalizers."""

from __future__ import annotations

from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic


def sub(node: Node | None, key: str) -> Node | None:
    """``node[key]`` when node is a plain mapping; an intrinsic standing for the whole mapping is
    returned as is, so a rule can still evaluate it (e.g. ``Environment: !If [...]``)."""
    if isinstance(node, Mapping):
        if intrinsic(node) is not None:
            return node
        return node.items.get(key)
    return None


def text(node: Node | None) -> str | None:
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return node.value
    return None


def items(node: Node | None) -> list[Node]:
    if isinstance(node, Sequence):
        return list(node.items)
    return [] if node is None else [node]


def synthetic(value: str, loc: Location) -> Scalar:
    """A value SAM would write (an alias name, ``$LATEST``), located where its cause was written."""
    return Scalar(value, loc)
