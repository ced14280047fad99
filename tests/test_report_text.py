"""The text reporter: headline format, code frame with caret under the value, summary."""

from __future__ import annotations

import io
from datetime import date

from lambdalint.engine.finding import Finding
from lambdalint.engine.results import Report
from lambdalint.report import REPORTERS, RenderOptions
from lambdalint.severity import Severity
from lambdalint.source.location import Location

LINE = "      MemorySize: 64"


def report(
    findings: list[Finding], lines: dict[tuple[str, int], str] | None = None, skipped: int = 0
) -> Report:
    return Report(tuple(findings), 1, date(2025, 1, 31), Severity.WARNING, skipped, lines or {})


def finding(**kw: object) -> Finding:
    base: dict[str, object] = dict(
        rule_id="LL101",
        severity=Severity.ERROR,
        message="MemorySize 64 MB is below 128 MB",
        loc=Location("t.yaml", 10, 19, 10, 21),
        resource="TinyFunction",
        path=("Resources", "TinyFunction", "Properties", "MemorySize"),
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def render(rep: Report, **options: object) -> str:
    out = io.StringIO()
    REPORTERS["text"](rep, out, RenderOptions(**options))  # type: ignore[arg-type]
    return out.getvalue()


def test_headline_and_summary_without_source() -> None:
    text = render(report([finding()]))
    assert text == (
        "t.yaml:10:19: LL101 error: MemorySize 64 MB is below 128 MB [TinyFunction]\n"
        "\n"
        "Found 1 problem (1 error) in 1 file checked.\n"
    )


def test_code_frame_carets_the_value() -> None:
    text = render(report([finding()], {("t.yaml", 10): LINE}), show_source=True)
    assert text.splitlines()[1:4] == [
        "    |",
        " 10 |       MemorySize: 64",
        "    |                   ^^",
    ]


def test_code_frame_for_a_value_spanning_lines_runs_to_the_line_end() -> None:
    f = finding(loc=Location("t.yaml", 10, 7, 12, 1))
    text = render(report([f], {("t.yaml", 10): LINE}), show_source=True)
    assert text.splitlines()[3] == "    |       " + "^" * len("MemorySize: 64")


def test_point_location_gets_one_caret_and_no_resource_suffix() -> None:
    f = finding(
        rule_id="LL002",
        loc=Location.point("t.yaml", 3, 5),
        resource="",
        message="not valid YAML/JSON",
    )
    text = render(report([f], {("t.yaml", 3): "a: [b"}), show_source=True)
    assert text.splitlines()[:4] == [
        "t.yaml:3:5: LL002 error: not valid YAML/JSON",
        "   |",
        " 3 | a: [b",
        "   |     ^",
    ]


def test_no_colour_unless_asked_and_colour_when_asked() -> None:
    assert "\033[" not in render(report([finding()]))
    coloured = render(report([finding()]), color=True)
    assert "\033[31merror\033[0m" in coloured


def test_summary_counts_and_skipped_files() -> None:
    warn = finding(rule_id="LL008", severity=Severity.WARNING, loc=Location.point("t.yaml", 2, 1))
    text = render(report([finding(), warn, warn], skipped=2))
    assert text.endswith(
        "Found 3 problems (1 error, 2 warnings) in 1 file checked, 2 non-templates skipped.\n"
    )
    assert render(report([])) == "No problems found (1 file checked).\n"
