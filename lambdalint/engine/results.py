"""What a run produced: per-file results from the workers, and the Report reporters render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lambdalint.engine.finding import Finding
from lambdalint.severity import Severity

# Exit codes (documented in the README): nothing at or above the fail level, findings, tool error.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TOOL_ERROR = 2


@dataclass(frozen=True, slots=True)
class FileResult:
    """One input file after linting. ``skipped`` marks a file that is not a template,
    ``unreadable`` one that could not be read at all (missing, binary, too large)."""

    file: str
    findings: tuple[Finding, ...] = ()
    skipped: bool = False
    unreadable: bool = False
    # Source lines the findings point at, keyed by 1-based line number, for code frames.
    lines: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    files_checked: int
    as_of: date
    fail_level: Severity
    files_skipped: int = 0
    # (file, line) -> the source line, for the text reporter's code frame.
    source_lines: dict[tuple[str, int], str] = field(default_factory=dict)
    # Named files that could not be read (LL001, LL009, ...): neither checked nor skipped.
    files_unreadable: int = 0

    @property
    def tool_error(self) -> bool:
        return any(f.tool_error for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Findings per severity name, every severity present (zero when none)."""
        counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
        for f in self.findings:
            counts[str(f.severity)] += 1
        return counts

    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.severity >= self.fail_level]

    @property
    def exit_code(self) -> int:
        if self.tool_error:
            return EXIT_TOOL_ERROR
        return EXIT_FINDINGS if self.failing() else EXIT_OK
