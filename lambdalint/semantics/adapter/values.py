"""A typed field (``model/values.py``) as the one plain value the simulator takes: the value
when every candidate agrees, ``None`` when the template leaves the AWS default, and ``Unknown``
with the reason otherwise (not known statically, set only under some conditions, differing
between conditions), so the simulation never guesses."""

from __future__ import annotations

from typing import Any

from lambdalint.model.values import Absent, Field, Invalid, Known, Unknown
from lambdalint.semantics import config as c
from lambdalint.source.intrinsics import as_number

# The reason the model gives a value it cannot evaluate (``model/read.py``), as opposed to one of
# the wrong shape (a mapping for a number), which is a value here, just not a usable one.
_NOT_STATIC = "not known statically"
# Stands for a structured value (a mapping or list where a scalar belongs).
_STRUCTURE = object()


def _values(f: Field[Any], name: str) -> list[Any] | c.Unknown | None:
    """Every written value (an invalid one as written), None when absent, or Unknown."""
    if not f.written:
        return None
    values: list[Any] = []
    for v in f.values:
        if isinstance(v, Unknown) and v.why == _NOT_STATIC:
            return c.Unknown(f"{name} is not known statically")
        if isinstance(v, Known):
            values.append(v.value)
        elif isinstance(v, Invalid):
            values.append(v.raw)
        elif isinstance(v, Unknown):
            values.append(_STRUCTURE)
    if all(isinstance(v, Absent) for v in f.values):
        return None
    if any(isinstance(v, Absent) for v in f.values):
        return c.Unknown(f"{name} is set only under some conditions")
    return values


def integer(f: Field[int], name: str) -> int | c.Unknown | None:
    values = _values(f, name)
    if not isinstance(values, list):
        return values
    numbers = {None if v is _STRUCTURE else as_number(v) for v in values}
    if len(numbers) != 1:
        return c.Unknown(f"{name} differs between conditions")
    number = numbers.pop()
    if number is None or number != int(number):
        return c.Unknown(f"{name} is not a whole number")
    return int(number)


def boolean(f: Field[bool], name: str) -> bool | c.Unknown | None:
    values = _values(f, name)
    if not isinstance(values, list):
        return values
    flags = {v if isinstance(v, bool) else str(v).lower() == "true" for v in values}
    return flags.pop() if len(flags) == 1 else c.Unknown(f"{name} differs between conditions")


def string(f: Field[str], name: str) -> str | c.Unknown | None:
    values = _values(f, name)
    if not isinstance(values, list):
        return values
    texts = {v for v in values if isinstance(v, str)}
    if len(texts) != 1 or not all(isinstance(v, str) for v in values):
        return c.Unknown(f"{name} differs between conditions or is not text")
    return texts.pop()


def present(f: Field[Any], name: str) -> bool | c.Unknown:
    values = _values(f, name)
    return values if isinstance(values, c.Unknown) else values is not None


def single(f: Field[bool]) -> bool:
    """Whether the field has one value whatever the conditions (the evaluator's ``value``)."""
    known = [v for v in f.values if isinstance(v, Known)]
    return bool(known) and len(known) == len(f.values) and len({id(v.node) for v in known}) == 1
