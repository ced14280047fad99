"""Problems found while reading input, before any rule runs (rule ids LL0xx)."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.severity import Severity
from lambdalint.source.location import Location


@dataclass(frozen=True, slots=True)
class Diagnostic:
    rule_id: str
    severity: Severity
    message: str
    loc: Location
    path: tuple[str | int, ...] = ()
    # A tool error (unreadable or unparseable input) makes the run exit 2 whatever the fail level.
    tool_error: bool = False
