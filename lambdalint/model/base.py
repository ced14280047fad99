"""The base of every model and the type aliases the models share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lambdalint.model.targets import Target
from lambdalint.model.values import Field as Value
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping

Dialect = Literal["sam", "cfn"]
Targets = tuple[Target, ...]
Items = tuple[Value[str], ...]


# Frozen dataclasses compared by identity, not pydantic models: the fields are already typed
# values built by the normalizers, and creating ~30 pydantic classes with generic field types
# cost ~90 ms of import time, a third of a small template's cold check.
@dataclass(frozen=True, kw_only=True, eq=False)
class Model:
    """Base of every model: one template resource, one SAM event, or what SAM generates."""

    # Logical id: the resource's, the one SAM gives what it generates (``FnRole``), or
    # ``<Fn>.<EventName>`` for a SAM event.
    logical_id: str
    resource_type: str
    loc: Location
    # Logical id of the template resource a finding should name (the function for its events).
    resource_id: str
    # The resource's ``Condition`` attribute, when it has one.
    condition: str | None = None
    # True for what SAM generates from a function (role, alias, version, permissions ...).
    generated: bool = False
    # Plumbing for adapters and drawing only; rules read the typed fields, never these.
    properties: Mapping = field(repr=False)
    dialect: Dialect = "cfn"
