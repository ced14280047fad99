"""The JSON reporter's documented, stable schema (version "1")."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import jsonschema

from lambdalint.api import lint_paths
from lambdalint.config import Settings
from lambdalint.engine.results import Report
from lambdalint.report import REPORTERS, RenderOptions
from lambdalint.severity import Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"

_INT = {"type": "integer", "minimum": 0}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "version",
        "tool",
        "as_of",
        "fail_level",
        "exit_code",
        "files_checked",
        "files_skipped",
        "files_unreadable",
        "findings",
        "summary",
    ],
    "properties": {
        "version": {"const": "1"},
        "tool": {
            "type": "object",
            "required": ["name", "version"],
            "additionalProperties": False,
            "properties": {"name": {"const": "lambdalint"}, "version": {"type": "string"}},
        },
        "as_of": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "fail_level": {"enum": ["error", "warning", "info"]},
        "exit_code": {"enum": [0, 1, 2]},
        "files_checked": _INT,
        "files_skipped": _INT,
        "files_unreadable": _INT,
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "rule_id",
                    "name",
                    "severity",
                    "message",
                    "file",
                    "line",
                    "column",
                    "end_line",
                    "end_column",
                    "resource",
                    "path",
                    "tool_error",
                ],
                "properties": {
                    "rule_id": {"type": "string", "pattern": r"^LL\d{3}$"},
                    "name": {"type": "string"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "message": {"type": "string"},
                    "file": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                    "column": {"type": "integer", "minimum": 1},
                    "end_line": {"type": "integer", "minimum": 1},
                    "end_column": {"type": "integer", "minimum": 1},
                    "resource": {"type": "string"},
                    "path": {"type": "string"},
                    "tool_error": {"type": "boolean"},
                },
            },
        },
        "summary": {
            "type": "object",
            "additionalProperties": False,
            "required": ["error", "warning", "info", "total", "tool_error"],
            "properties": {
                "error": _INT,
                "warning": _INT,
                "info": _INT,
                "total": _INT,
                "tool_error": {"type": "boolean"},
            },
        },
    },
}


def render(report: Report) -> dict[str, object]:
    out = io.StringIO()
    REPORTERS["json"](report, out, RenderOptions())
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def test_json_output_matches_the_documented_schema() -> None:
    settings = Settings(as_of=date(2025, 1, 31))
    report = lint_paths([str(FIXTURES / "yaml11.yaml"), str(FIXTURES / "missing.yaml")], settings)
    data = render(report)
    jsonschema.validate(data, SCHEMA)
    assert data["as_of"] == "2025-01-31"
    assert data["exit_code"] == 2
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0, "total": 2, "tool_error": True}
    findings = data["findings"]
    assert isinstance(findings, list)
    missing, yaml11 = findings  # sorted by file name
    assert missing["rule_id"] == "LL001" and missing["tool_error"] is True
    assert missing["name"] == "file-unreadable"
    assert yaml11 == {
        "rule_id": "LL008",
        "name": "yaml11-ambiguous-scalar",
        "severity": "warning",
        "message": yaml11["message"],
        "file": str(FIXTURES / "yaml11.yaml"),
        "line": 14,
        "column": 20,
        "end_line": 14,
        "end_column": 23,
        "resource": "Fn",
        "path": "Resources.Fn.Properties.Environment.Variables.VERBOSE",
        "tool_error": False,
    }


def test_empty_report() -> None:
    data = render(Report((), 0, date(2025, 1, 31), Severity.ERROR))
    jsonschema.validate(data, SCHEMA)
    assert data["findings"] == [] and data["exit_code"] == 0 and data["fail_level"] == "error"
