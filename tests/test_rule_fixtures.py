"""One generic test over fixtures/rules/<ID>/: every bad/ template yields its rule, the findings of
all bad/ templates equal expected.txt exactly (file:line:col rule severity path), and every good/
template yields no finding from any rule. ``pytest --update-fixtures`` rewrites expected.txt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lintrun import REPO, lint_path

FIXTURES = REPO / "fixtures" / "rules"
RULE_DIRS = sorted(p for p in FIXTURES.glob("LL*") if p.is_dir()) if FIXTURES.is_dir() else []


def _templates(rule_dir: Path, kind: str) -> list[Path]:
    folder = rule_dir / kind
    return (
        sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
        if folder.is_dir()
        else []
    )


def _settings(rule_dir: Path, kind: str) -> dict[str, object]:
    """Settings the templates of ``kind`` (bad/good) run with, from the rule's optional
    settings.json (a region-dependent rule needs a Region)."""
    path = rule_dir / "settings.json"
    if not path.is_file():
        return {}
    settings: dict[str, object] = json.loads(path.read_text(encoding="utf-8")).get(kind, {})
    return settings


def _case(rule_dir: Path, path: Path) -> object:
    return pytest.param(path, id=f"{rule_dir.name}/{path.parent.name}/{path.name}")


def _expected_lines(rule_dir: Path) -> list[str]:
    lines = []
    for path in _templates(rule_dir, "bad"):
        rel = path.relative_to(rule_dir).as_posix()
        for f in lint_path(path, **_settings(rule_dir, "bad")):
            where = f"{rel}:{f.loc.line}:{f.loc.col}"
            lines.append(f"{where} {f.rule_id} {f.severity} {f.path_text}".rstrip())
    return lines


def test_every_rule_dir_has_bad_and_good_cases(update_fixtures: bool) -> None:
    assert RULE_DIRS, f"no rule fixtures under {FIXTURES}"
    for rule_dir in RULE_DIRS:
        assert _templates(rule_dir, "bad"), f"{rule_dir.name} has no bad/ fixture"
        assert _templates(rule_dir, "good"), f"{rule_dir.name} has no good/ fixture"
        # --update-fixtures writes a missing expected.txt later in the same run.
        assert update_fixtures or (rule_dir / "expected.txt").is_file(), (
            f"{rule_dir.name} has no expected.txt (run pytest --update-fixtures)"
        )


@pytest.mark.parametrize("rule_dir", RULE_DIRS, ids=[p.name for p in RULE_DIRS])
def test_expected_findings(rule_dir: Path, update_fixtures: bool) -> None:
    actual = _expected_lines(rule_dir)
    expected_file = rule_dir / "expected.txt"
    if update_fixtures:
        expected_file.write_text("".join(f"{line}\n" for line in actual), encoding="utf-8")
        return
    expected = [line for line in expected_file.read_text(encoding="utf-8").splitlines() if line]
    assert actual == expected


@pytest.mark.parametrize("path", [_case(d, p) for d in RULE_DIRS for p in _templates(d, "bad")])
def test_bad_fixture_triggers_its_rule(path: Path) -> None:
    rule_id = path.parent.parent.name
    rules = [f.rule_id for f in lint_path(path, **_settings(path.parent.parent, "bad"))]
    assert rule_id in rules, f"{path.name}: expected {rule_id}, got {rules}"


@pytest.mark.parametrize("path", [_case(d, p) for d in RULE_DIRS for p in _templates(d, "good")])
def test_good_fixture_has_no_findings(path: Path) -> None:
    found = lint_path(path, **_settings(path.parent.parent, "good"))
    findings = [f"{f.loc.line}:{f.loc.col} {f.rule_id} {f.message}" for f in found]
    assert findings == []
