"""The LL5xx/LL6xx findings on the real-template corpus equal the reviewed snapshot
tests/data/corpus_delivery.txt, where every finding carries a one-line verdict."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lintrun import settings

from lambdalint.api import lint_paths

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "templates"
SNAPSHOT = REPO / "tests" / "data" / "corpus_delivery.txt"


def _snapshot() -> dict[str, str]:
    out = {}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, verdict = line.partition(" | ")
            out[key] = verdict.strip()
    return out


def test_every_reviewed_finding_has_a_verdict_and_no_error_is_false() -> None:
    snapshot = _snapshot()
    assert snapshot
    for key, verdict in snapshot.items():
        assert verdict.startswith("true"), key
        assert " error " not in f" {key} " or "false" not in verdict


def test_delivery_and_concurrency_findings_on_the_corpus() -> None:
    if not CORPUS.is_dir():
        message = f"corpus not found at {CORPUS}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must run the corpus tests")
        pytest.skip(message)
    files = sorted(str(p) for p in CORPUS.rglob("*") if p.is_file())
    report = lint_paths(files, settings(select=("LL5", "LL6")))
    assert not report.tool_error
    actual = sorted(
        f"{f.rule_id} {f.severity} {Path(f.loc.file).relative_to(CORPUS).as_posix()}:{f.loc.line}"
        for f in report.findings
    )
    assert actual == sorted(_snapshot())
