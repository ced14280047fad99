"""A finding: a frozen value with a fixed set of fields; the engine fills in file and path."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.severity import Severity
from lambdalint.source.location import Location
from lambdalint.source.nodes import path_str


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    severity: Severity
    message: str
    loc: Location
    # Logical id of the resource the finding is about ("" for template-level findings).
    resource: str = ""
    path: tuple[str | int, ...] = ()
    # True for tool errors (unreadable input, a crashed rule): the run exits 2.
    tool_error: bool = False

    @property
    def path_text(self) -> str:
        return path_str(self.path)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.loc.file, self.loc.line, self.loc.col, self.rule_id, self.message)
