"""GitHub workflow-command annotations, with escaping of data and property values."""

from __future__ import annotations

import io
from datetime import date

from lambdalint.engine.finding import Finding
from lambdalint.engine.results import Report
from lambdalint.report import REPORTERS, RenderOptions
from lambdalint.report.github import escape_data, escape_property
from lambdalint.severity import Severity
from lambdalint.source.location import Location


def test_escaping() -> None:
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_annotation_per_severity() -> None:
    findings = (
        Finding(
            "LL002",
            Severity.ERROR,
            "bad: 50%\nreally",
            Location("dir,x/t:1.yaml", 3, 5, 3, 9),
            "Fn",
        ),
        Finding("LL008", Severity.WARNING, "w", Location.point("t.yaml", 1, 1)),
        Finding("LL010", Severity.INFO, "i", Location("t.yaml", 2, 1, 2, 4)),
    )
    out = io.StringIO()
    REPORTERS["github"](
        Report(findings, 1, date(2025, 1, 31), Severity.WARNING), out, RenderOptions()
    )
    assert out.getvalue().splitlines() == [
        "::error file=dir%2Cx/t%3A1.yaml,line=3,col=5,endLine=3,endColumn=9,"
        "title=LL002 syntax-error::bad: 50%25%0Areally [Fn]",
        "::warning file=t.yaml,line=1,col=1,endLine=1,endColumn=1,"
        "title=LL008 yaml11-ambiguous-scalar::w",
        "::notice file=t.yaml,line=2,col=1,endLine=2,endColumn=4,title=LL010 unused-suppression::i",
    ]
