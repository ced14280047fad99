"""Typed values: what a model field holds instead of a raw node.

A field holds the *candidates* of one property: every value the template can give it (one, or
one per ``Fn::If`` branch, parameter AllowedValue, Mappings entry), each typed and located where
it was written, with the condition outcomes that select it and the path it came through
(Globals, a parameter, a mapping). A candidate is exactly one of

- ``Known[T]``: a typed value (or, when the template is silent, the AWS default, marked
  ``default=True`` with the source of that fact);
- ``Invalid``: a value that cannot be the type at all (``MemorySize: abc``), kept as written so a
  rule can say so;
- ``Unknown``: not knowable statically (``!Ref AWS::Region``, ``!ImportValue``), with the reason;
- ``Absent``: ``AWS::NoValue`` or an empty YAML value: the property is left unset.

Rules, the IAM evaluator and the simulator all read these fields; none of them sees a node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from lambdalint.source.location import Location
from lambdalint.source.nodes import Node, Path, ScalarValue

T = TypeVar("T")
U = TypeVar("U")
Conditions = tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True)
class Site:
    """Where a property (its key) was written: on the resource, in Globals, or (when the
    template is silent) the resource's Properties key or logical id."""

    loc: Location
    path: Path
    # Where the property's value starts (the node at ``path``), when it was written.
    value: Location | None = None


def explain(via: tuple[str, ...], conditions: Conditions) -> str:
    """``' (via parameter Mem Default; when condition IsProd is true)'`` or ``''``."""
    parts = list(via)
    if conditions:
        parts.append(
            "when "
            + " and ".join(f"condition {c} is {'true' if v else 'false'}" for c, v in conditions)
        )
    return f" ({'; '.join(parts)})" if parts else ""


class _Candidate:
    """What every candidate has besides its own first field: where it was written, the
    condition outcomes that select it and the path it came through (its dataclass declares
    them, so each kind keeps its positional constructor)."""

    __slots__ = ()
    via: tuple[str, ...]
    conditions: Conditions

    def explain(self) -> str:
        return explain(self.via, self.conditions)


@dataclass(frozen=True, slots=True)
class Known(_Candidate, Generic[T]):
    value: T
    loc: Location
    conditions: Conditions = ()
    via: tuple[str, ...] = ()
    # The node that wrote the value; None for defaults and computed values.
    node: Node | None = None
    # True when the template is silent and this is what AWS applies; ``source`` names the fact.
    default: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class Invalid(_Candidate):
    """A value that is not of the field's type, as written (``"abc"`` for a number)."""

    raw: ScalarValue
    loc: Location
    conditions: Conditions = ()
    via: tuple[str, ...] = ()
    node: Node | None = None

    def shown(self) -> str:
        """The value as the user wrote it, for messages (YAML/JSON spelling of booleans)."""
        if isinstance(self.raw, bool):
            return "true" if self.raw else "false"
        return repr(self.raw) if isinstance(self.raw, str) else str(self.raw)


@dataclass(frozen=True, slots=True)
class Unknown(_Candidate):
    why: str
    loc: Location
    conditions: Conditions = ()
    via: tuple[str, ...] = ()
    node: Node | None = None
    # For a ``Fn::Sub`` whose variables are unknown: the text it writes whatever they are
    # (``${!X}`` writes ``${X}``), so a rule can still judge the literal part.
    literal: str | None = None


@dataclass(frozen=True, slots=True)
class Absent(_Candidate):
    """The property is left unset by what was written: ``AWS::NoValue`` or an empty value."""

    # "can be AWS::NoValue" or "is empty", for messages.
    how: str
    loc: Location
    conditions: Conditions = ()
    via: tuple[str, ...] = ()
    node: Node | None = None


Candidate = Known[T] | Invalid | Unknown | Absent


@dataclass(frozen=True, slots=True)
class Field(Generic[T]):
    """Every candidate of one property. ``written`` is False when the template is silent; then
    ``values`` holds the AWS default (one ``Known`` with ``default=True``) or nothing."""

    values: tuple[Candidate[T], ...]
    written: bool
    site: Site

    def __iter__(self) -> Iterator[Candidate[T]]:
        return iter(self.values)

    def __bool__(self) -> bool:
        return self.written

    def written_values(self) -> tuple[Candidate[T], ...]:
        return self.values if self.written else ()

    def known(self) -> list[Known[T]]:
        return [v for v in self.values if isinstance(v, Known)]

    def known_values(self) -> list[T]:
        return [v.value for v in self.values if isinstance(v, Known)]

    @property
    def fully_known(self) -> bool:
        return all(isinstance(v, (Known, Absent)) for v in self.values)

    def only(self) -> T | None:
        """The value when every candidate is Known and they agree, else None."""
        if not self.values or not all(isinstance(v, Known) for v in self.values):
            return None
        first = self.values[0]
        assert isinstance(first, Known)
        if all(isinstance(v, Known) and v.value == first.value for v in self.values[1:]):
            return first.value
        return None

    def map(self, fn: Callable[[T], U]) -> Field[U]:
        """The same candidates with each known value transformed."""
        out: list[Candidate[U]] = []
        for v in self.values:
            if isinstance(v, Known):
                out.append(
                    Known(fn(v.value), v.loc, v.conditions, v.via, v.node, v.default, v.source)
                )
            else:
                out.append(v)
        return Field(tuple(out), self.written, self.site)


def default_field(value: T, site: Site, source: str) -> Field[T]:
    """A field the template is silent about: the AWS default, located at ``site``."""
    return Field((Known(value, site.loc, default=True, source=source),), False, site)


def empty_field(site: Site) -> Field[T]:
    """A field the template is silent about and that has no AWS default."""
    return Field((), False, site)


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    """One key of a mapping field (an environment variable), with where its name is written."""

    key: str
    key_loc: Location
    key_path: Path
    value: Field[T]


class Lazy(Generic[T]):
    """A model attribute read on first use by calling the model's field ``reader`` (a partial the
    normalizer built), then kept on the instance: what is costly to read (policies, grants) costs
    nothing to a check that never asks. Declare it ``ClassVar[Lazy[X]]`` so it is no field."""

    def __init__(self, reader: str) -> None:
        self.reader = reader
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]  # class access: the descriptor itself
        value: T = getattr(obj, self.reader)()
        obj.__dict__[self.name] = value  # a non-data descriptor: later reads skip it
        return value
