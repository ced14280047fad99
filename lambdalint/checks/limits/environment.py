"""The environment variables a function may get: every mapping its ``Environment.Variables`` can
be (one, or one per branch of an ``Fn::If``, also when ``Environment`` itself is an intrinsic),
with Globals already merged in, each with the conditions that select it."""

from __future__ import annotations

from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Entry, Known

Variables = tuple[Entry[str], ...]


def variable_maps(fn: Function) -> list[Known[Variables]]:
    """The known mappings of variables; unknown ones are left out."""
    return [v for v in fn.environment.written_values() if isinstance(v, Known)]
