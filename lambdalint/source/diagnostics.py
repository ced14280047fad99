"""Problems found while reading input, before any rule runs (rule ids LL0xx)."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.severity import Severity
from lambdalint.source.location import Location
from lambdalint.source.problems import REPORTED_AS, Problem


@dataclass(frozen=True, slots=True)
class Diagnostic:
    problem: Problem
    message: str
    loc: Location
    path: tuple[str | int, ...] = ()

    @property
    def rule_id(self) -> str:
        return REPORTED_AS[self.problem].rule_id

    @property
    def tool_error(self) -> bool:
        """Unreadable or unparseable input: the run exits 2 whatever the fail level."""
        return REPORTED_AS[self.problem].fatal

    @property
    def severity(self) -> Severity:
        """The rule's severity in the catalog (``rules/catalog/LLnnn.yaml``)."""
        from lambdalint.catalog import severity_of  # the catalog reads its files with our loader

        return severity_of(self.rule_id, Severity.ERROR)
