"""Input problems: one enum, one table to rule ids, severities from the catalog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lambdalint.catalog import get
from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.location import Location
from lambdalint.source.problems import REPORTED_AS, Problem

SOURCE = Path(__file__).resolve().parents[1] / "lambdalint" / "source"


@pytest.mark.parametrize("problem", list(Problem), ids=lambda p: p.value)
def test_every_problem_is_reported_by_a_catalog_rule(problem: Problem) -> None:
    rule_id = REPORTED_AS[problem].rule_id
    doc = get(rule_id)
    assert doc is not None, f"{problem} maps to {rule_id}, which has no catalog entry"
    diag = Diagnostic(problem, "m", Location.point("t.yaml"))
    assert (diag.rule_id, diag.severity) == (rule_id, doc.severity)


def test_ll019_severity_is_the_catalogs_info() -> None:
    diag = Diagnostic(Problem.CODE_PATH_MISSING, "m", Location.point("t.yaml"))
    assert diag.severity.name == "INFO" and not diag.tool_error


def test_no_rule_id_is_written_in_the_source_layer_outside_the_table() -> None:
    pattern = re.compile(r"[\"']LL\d{3}[\"']")
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(SOURCE.glob("*.py"))
        if path.name != "problems.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
