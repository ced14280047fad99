"""Human-readable output: one line per finding, an optional code frame, a summary line.

template.yaml:7:19: LL101 error: MemorySize 64 MB is below the minimum of 128 MB [Fn]
   |
 7 |       MemorySize: 64
   |                   ^^
"""

from __future__ import annotations

from typing import IO

from lambdalint.engine.finding import Finding
from lambdalint.engine.results import Report
from lambdalint.report import RenderOptions
from lambdalint.severity import Severity

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD = "\033[1m"
_DIM = "\033[2m"
_RESET = "\033[0m"


def _paint(text: str, code: str, options: RenderOptions) -> str:
    return f"{code}{text}{_RESET}" if options.color else text


def headline(finding: Finding, options: RenderOptions) -> str:
    loc = finding.loc
    severity = _paint(str(finding.severity), _COLORS[finding.severity], options)
    rule = _paint(finding.rule_id, _BOLD, options)
    resource = f" [{finding.resource}]" if finding.resource else ""
    return f"{loc.file}:{loc.line}:{loc.col}: {rule} {severity}: {finding.message}{resource}"


def code_frame(finding: Finding, line_text: str, options: RenderOptions) -> list[str]:
    """The source line with a caret under the value (to its end, or to the line's end when the
    value spans several lines)."""
    loc = finding.loc
    number = str(loc.line)
    gutter = " " * len(number)
    expanded = line_text.replace("\t", " ")
    start = max(loc.col - 1, 0)
    end = loc.end_col - 1 if loc.end_line == loc.line else len(expanded.rstrip())
    width = max(end - start, 1)
    caret = _paint("^" * width, _COLORS[finding.severity], options)
    bar = _paint("|", _DIM, options)
    return [
        f" {gutter} {bar}",
        f" {number} {bar} {expanded}",
        f" {gutter} {bar} {' ' * start}{caret}",
    ]


def summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.findings)
    files = f"{report.files_checked} file{'s' if report.files_checked != 1 else ''} checked"
    skipped = report.files_skipped
    if skipped:
        files += f", {skipped} non-template{'s' if skipped != 1 else ''} skipped"
    if report.files_unreadable:
        files += f", {report.files_unreadable} unreadable"
    if not total:
        return f"No problems found ({files})."
    parts = ", ".join(
        f"{n} {name}{'s' if n != 1 and name != 'info' else ''}" for name, n in counts.items() if n
    )
    return f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in {files}."


def render(report: Report, out: IO[str], options: RenderOptions) -> None:
    for finding in report.findings:
        out.write(headline(finding, options) + "\n")
        if options.show_source:
            line = report.source_lines.get((finding.loc.file, finding.loc.line))
            if line is not None:
                out.write("\n".join(code_frame(finding, line, options)) + "\n")
    if report.findings:
        out.write("\n")
    out.write(summary(report) + "\n")
