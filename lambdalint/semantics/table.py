"""The behaviour table (``rules/facts/invocation.yaml``) as typed rows, read on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Row:
    id: str
    fact: str
    source: tuple[str, ...]
    min: int | None = None
    max: int | None = None
    default: int | None = None
    values: tuple[Any, ...] = ()
    applies_to: tuple[str, ...] = ()
    by_source: dict[str, dict[str, int]] = field(default_factory=dict)
    verified: bool = True

    def num(self, name: str) -> int:
        value = getattr(self, name)
        if not isinstance(value, int):
            raise KeyError(f"row {self.id} has no {name}")
        return value


@dataclass(frozen=True)
class Table:
    rows: dict[str, Row]

    def __getitem__(self, row_id: str) -> Row:
        return self.rows[row_id]


@lru_cache(maxsize=1)
def table() -> Table:
    from lambdalint.facts import invocation_rows

    rows: dict[str, Row] = {}
    for raw in invocation_rows():
        row = Row(
            id=raw["id"],
            fact=" ".join(str(raw["fact"]).split()),
            source=tuple(raw["source"]),
            min=raw.get("min"),
            max=raw.get("max"),
            default=raw.get("default"),
            values=tuple(raw.get("values", ())),
            applies_to=tuple(raw.get("applies_to", ())),
            by_source=dict(raw.get("by_source", {})),
            verified=bool(raw.get("verified", True)),
        )
        if row.id in rows:
            raise RuntimeError(f"facts/invocation.yaml: row {row.id} appears twice")
        rows[row.id] = row
    return Table(rows)
