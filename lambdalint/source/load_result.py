"""What parsing a text gives: the located root node, or None, and the diagnostics. A module of
its own, below every parser (YAML, JSON) and the entry point that chooses between them."""

from __future__ import annotations

from dataclasses import dataclass, field

from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.nodes import Node


@dataclass(slots=True)
class LoadResult:
    root: Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.root is not None
