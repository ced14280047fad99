"""Reading the model's typed fields in tests: the single value, where it was written, list items,
and the graph's edges as (source id, kind, target id)."""

from __future__ import annotations

from typing import Any

from lambdalint.model.graph import LambdaGraph
from lambdalint.model.targets import Target
from lambdalint.model.values import Field


def edges(graph: LambdaGraph) -> set[tuple[str, str, str]]:
    return {(s[1], kind.value, d[1]) for s, d, kind in graph.edges()}


def at(field: Field[Any]) -> tuple[int, int]:
    """Where the (first) value of a field was written."""
    assert field.values, field
    loc = field.values[0].loc
    return loc.line, loc.col


def val(field: Field[Any]) -> Any:
    value = field.only()
    assert value is not None, field
    return value


def items(field: Field[Any]) -> list[Any]:
    return [val(item) for item in val(field)]


def ids(targets: tuple[Target, ...]) -> list[str | None]:
    return [t.node_id for t in targets]
