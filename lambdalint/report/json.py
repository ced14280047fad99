"""Machine-readable output with a documented, stable schema (``"version": "1"``).

Fields are only ever added within a version; removing or renaming one bumps ``version``::

    {
      "version": "1",
      "tool": {"name": "lambdalint", "version": "0.1.0"},
      "as_of": "2025-01-31",                  # the date date-dependent rules used
      "fail_level": "warning",
      "exit_code": 1,                         # what `lambdalint check` exits with
      "files_checked": 3,
      "files_skipped": 0,                     # named or found files that are not templates
      "files_unreadable": 0,                  # named files that could not be read (LL001...)
      "findings": [
        {
          "rule_id": "LL101",
          "name": "memory-size-out-of-range", # the catalog name
          "severity": "error",                # error | warning | info
          "message": "...",
          "file": "template.yaml",            # as given on the command line
          "line": 7, "column": 19,            # 1-based
          "end_line": 7, "end_column": 21,    # 1-based, exclusive
          "resource": "Fn",                   # logical id, "" for template-level findings
          "path": "Resources.Fn.Properties.MemorySize",
          "tool_error": false                 # true: lambdalint could not lint (exit 2)
        }
      ],
      "summary": {"error": 1, "warning": 0, "info": 0, "total": 1, "tool_error": false}
    }
"""

from __future__ import annotations

import json
from typing import IO, Any

from lambdalint.catalog import name_of
from lambdalint.engine.finding import Finding
from lambdalint.engine.results import Report
from lambdalint.report import RenderOptions, tool_version

SCHEMA_VERSION = "1"


def finding_record(finding: Finding) -> dict[str, Any]:
    loc = finding.loc
    return {
        "rule_id": finding.rule_id,
        "name": name_of(finding.rule_id),
        "severity": str(finding.severity),
        "message": finding.message,
        "file": loc.file,
        "line": loc.line,
        "column": loc.col,
        "end_line": loc.end_line,
        "end_column": loc.end_col,
        "resource": finding.resource,
        "path": finding.path_text,
        "tool_error": finding.tool_error,
    }


def document(report: Report) -> dict[str, Any]:
    counts: dict[str, Any] = report.counts()
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "lambdalint", "version": tool_version()},
        "as_of": report.as_of.isoformat(),
        "fail_level": str(report.fail_level),
        "exit_code": report.exit_code,
        "files_checked": report.files_checked,
        "files_skipped": report.files_skipped,
        "files_unreadable": report.files_unreadable,
        "findings": [finding_record(f) for f in report.findings],
        "summary": {**counts, "total": len(report.findings), "tool_error": report.tool_error},
    }


def render(report: Report, out: IO[str], options: RenderOptions) -> None:
    json.dump(document(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
