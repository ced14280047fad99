"""What static evaluation yields: a :class:`Candidate` value with where it was written and what
had to hold for it, the markers :data:`UNKNOWN` and :data:`NO_VALUE`, a :class:`ResourceRef`,
and the conversions CloudFormation applies to scalars (numbers and text written either way)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Sequence


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Sentinel("Unknown")
# Ref AWS::NoValue: the property is treated as absent.
NO_VALUE: Any = _Sentinel("NoValue")


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """``Ref`` (attribute None) or ``Fn::GetAtt`` to a resource of the same template."""

    logical_id: str
    attribute: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One value a node can evaluate to, where it was written, and what had to hold for it."""

    value: Any
    loc: Location
    # (condition name, outcome) pairs that select this value.
    conditions: tuple[tuple[str, bool], ...] = ()
    # How the value got here, e.g. ("parameter MemorySize (Default)",).
    via: tuple[str, ...] = ()
    # The node that wrote the value (a literal, a parameter Default), when there is one.
    node: Node | None = None

    @property
    def is_known(self) -> bool:
        return self.value is not UNKNOWN

    def explain(self) -> str:
        """``' (via parameter Mem default; when IsProd is true)'`` or ``''``."""
        parts = list(self.via)
        if self.conditions:
            parts.append(
                "when "
                + " and ".join(
                    f"condition {c} is {'true' if v else 'false'}" for c, v in self.conditions
                )
            )
        return f" ({'; '.join(parts)})" if parts else ""


def as_number(value: Any) -> float | None:
    """CloudFormation accepts numbers written as strings ("128"); bools are not numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value) if any(c in value for c in ".eE") else int(value.strip())
        except ValueError:
            return None
    return None


def as_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def same(a: Any, b: Any) -> bool:
    if isinstance(a, (Mapping, Sequence)) or isinstance(b, (Mapping, Sequence)):
        return a is b
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:
        return False
