"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=t.yaml,line=7,col=19,endLine=7,endColumn=21,title=LL101 memory-size...::message

Escaping follows the Actions runner: in the message ``%``, ``\\r`` and ``\\n`` are
percent-encoded; in property values ``:`` and ``,`` are as well, since they delimit properties.
(https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands)
"""

from __future__ import annotations

from typing import IO

from lambdalint.catalog import name_of
from lambdalint.engine.finding import Finding
from lambdalint.engine.results import Report
from lambdalint.report import RenderOptions
from lambdalint.severity import Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    loc = finding.loc
    props = [("file", loc.file), ("line", str(loc.line)), ("col", str(loc.col))]
    if (loc.end_line, loc.end_col) >= (loc.line, loc.col):
        props += [("endLine", str(loc.end_line)), ("endColumn", str(loc.end_col))]
    props.append(("title", f"{finding.rule_id} {name_of(finding.rule_id)}"))
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    resource = f" [{finding.resource}]" if finding.resource else ""
    return f"::{COMMANDS[finding.severity]} {prop_text}::{escape_data(finding.message + resource)}"


def render(report: Report, out: IO[str], options: RenderOptions) -> None:
    for finding in report.findings:
        out.write(annotation(finding) + "\n")
