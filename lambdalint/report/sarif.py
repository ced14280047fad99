"""SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for GitHub code scanning and
other SARIF viewers, written with the standard json module.

Rule metadata (name, descriptions, help URI, default level) comes from the catalog. Artifact URIs
are relative to the working directory (``%SRCROOT%``) when the file lies below it, which is what
code scanning needs to place annotations. Columns count Unicode code points, as the loader does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from lambdalint.catalog import RuleDoc, load_catalog
from lambdalint.engine.finding import Finding
from lambdalint.engine.results import Report
from lambdalint.report import RenderOptions, tool_version
from lambdalint.severity import Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/lambdalint/lambdalint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(doc: RuleDoc) -> dict[str, Any]:
    help_text = f"{doc.summary}\n\n{doc.why.strip()}".strip()
    return {
        "id": doc.id,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.why.strip() or doc.summary},
        "helpUri": doc.help_uri,
        "help": {"text": f"{help_text}\n\n{doc.help_uri}"},
        # SARIF's reportingConfiguration.enabled: an opt-in rule is off unless selected.
        "defaultConfiguration": {"level": LEVELS[doc.severity]}
        | ({} if doc.enabled_by_default else {"enabled": False}),
        "properties": {"tags": ["lambda", "cloudformation"]},
    }


def artifact(file: str, cwd: str) -> dict[str, str]:
    """A relative URI under %SRCROOT% for files below ``cwd``, else an absolute file URI."""
    absolute = Path(os.path.abspath(file))
    try:
        relative = absolute.relative_to(Path(os.path.abspath(cwd)))
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def _region(finding: Finding) -> dict[str, int]:
    loc = finding.loc
    region = {"startLine": loc.line, "startColumn": loc.col}
    if (loc.end_line, loc.end_col) >= (loc.line, loc.col):
        region.update(endLine=loc.end_line, endColumn=loc.end_col)
    return region


def _result(finding: Finding, index: dict[str, int], cwd: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact(finding.loc.file, cwd),
            "region": _region(finding),
        },
    }
    if finding.resource or finding.path:
        logical: dict[str, str] = {"kind": "resource"}
        if finding.resource:
            logical["name"] = finding.resource
        if finding.path:
            logical["fullyQualifiedName"] = finding.path_text
        location["logicalLocations"] = [logical]
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
    }
    if finding.rule_id in index:
        result["ruleIndex"] = index[finding.rule_id]
    return result


def document(report: Report, cwd: str) -> dict[str, Any]:
    docs = list(load_catalog().values())
    index = {doc.id: i for i, doc in enumerate(docs)}
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{f.loc}: {f.rule_id} {f.message}"},
            "descriptor": {"id": f.rule_id},
        }
        for f in report.findings
        if f.tool_error
    ]
    root_uri = Path(os.path.abspath(cwd)).as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lambdalint",
                        "version": tool_version(),
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(doc) for doc in docs],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not report.tool_error,
                        "exitCode": report.exit_code,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index, cwd) for f in report.findings],
                "properties": {
                    "as_of": report.as_of.isoformat(),
                    "fail_level": str(report.fail_level),
                    "files_checked": report.files_checked,
                },
            }
        ],
    }


def render(report: Report, out: IO[str], options: RenderOptions) -> None:
    json.dump(document(report, options.cwd or os.getcwd()), out, indent=2, ensure_ascii=False)
    out.write("\n")
