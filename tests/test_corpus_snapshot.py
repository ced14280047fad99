"""The reviewed corpus snapshot: tests/corpus/findings.txt holds every finding lambdalint reports
on ../shared/corpus/templates/, one sorted line each::

    <file relative to templates/>:<line> <rule> <severity> <message>  # true: <why>

Every non-info line carries the reviewer's verdict (``# true: <why>``); a false positive never
gets one: the rule is fixed instead. This test compares the file with a fresh run and fails on
any difference. ``pytest tests/test_corpus_snapshot.py --update-fixtures`` rewrites the file from
the fresh run, keeping the verdict of every line that is unchanged, and still fails while a
non-info line has no verdict (review it, add the verdict, rerun). See DEVELOPERS.md.

The run is pinned to lintrun.AS_OF so runtime-deprecation findings do not move with the clock.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lintrun import REPO, settings
from shared import CORPUS, require

from lambdalint.api import lint_paths

TEMPLATES = CORPUS / "templates"
SNAPSHOT = REPO / "tests" / "corpus" / "findings.txt"
VERDICT = "  # true: "
HEADER = (
    "# Every finding on ../shared/corpus/templates (tests/test_corpus_snapshot.py).\n"
    "# <file>:<line> <rule> <severity> <message> [xN when repeated]  # true: <why> (non-info)\n"
)


def _fresh() -> list[str]:
    files = sorted(str(p) for p in TEMPLATES.rglob("*") if p.is_file())
    report = lint_paths(files, settings())
    assert not report.tool_error, [f.message for f in report.findings if f.tool_error][:3]
    counts: Counter[str] = Counter()
    for f in report.findings:
        rel = Path(f.loc.file).resolve().relative_to(TEMPLATES.resolve()).as_posix()
        message = " ".join(f.message.split())
        counts[f"{rel}:{f.loc.line} {f.rule_id} {f.severity} {message}"] += 1
    # The same finding more than once on one line (a Globals value, once per function).
    return sorted((line if n == 1 else f"{line} [x{n}]" for line, n in counts.items()), key=_order)


def _order(finding: str) -> tuple[str, int, str]:
    """By file, then line number (as a number), then rule and message."""
    where, rest = finding.split(" ", 1)
    file, line = where.rsplit(":", 1)
    return (file, int(line), rest)


def _split(line: str) -> tuple[str, str | None]:
    if VERDICT in line:
        finding, why = line.rsplit(VERDICT, 1)
        return finding, why.strip()
    return line, None


def _read() -> dict[str, str | None]:
    if not SNAPSHOT.is_file():
        return {}
    out: dict[str, str | None] = {}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            finding, why = _split(line)
            out[finding] = why
    return out


def _is_info(finding: str) -> bool:
    return finding.split(" ", 3)[2] == "info"


def test_corpus_findings_match_the_reviewed_snapshot(update_fixtures: bool) -> None:
    require(TEMPLATES, "the template corpus")
    fresh = _fresh()
    reviewed = _read()
    if update_fixtures:
        body = "".join(
            f"{line}{VERDICT}{reviewed[line]}\n" if reviewed.get(line) else f"{line}\n"
            for line in fresh
        )
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(HEADER + body, encoding="utf-8")
        reviewed = _read()
    missing = [line for line in fresh if not _is_info(line) and not reviewed.get(line)]
    assert missing == [], f"{len(missing)} non-info findings without a verdict in {SNAPSHOT}"
    new = [line for line in fresh if line not in reviewed]
    gone = [line for line in reviewed if line not in set(fresh)]
    assert (new, gone) == ([], []), "the findings changed: review, then --update-fixtures"


def test_snapshot_lines_are_well_formed() -> None:
    """Each line is one finding; a verdict is only ever ``true`` (a false positive is fixed,
    not recorded), and the lines stay sorted."""
    if not SNAPSHOT.is_file():
        pytest.skip(f"{SNAPSHOT} not written yet")
    shape = re.compile(r"^\S+:\d+ LL\d{3} (error|warning|info) \S.*$")
    findings = []
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        assert "  # false" not in line, line
        finding, why = _split(line)
        assert shape.match(finding), line
        assert why is None or why.strip(), line
        findings.append(finding)
    assert findings == sorted(findings, key=_order)
