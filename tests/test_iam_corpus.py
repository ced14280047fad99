"""Every LL3xx finding on the real-template corpus (../shared/corpus/templates), reviewed: the
snapshot tests/data/iam_corpus_review.tsv holds one row per finding with its verdict. A new or
vanished finding fails here and must be reviewed (a false one fixed), never re-pinned blindly.
The review found one false positive, fixed before pinning: an EFS ClientMount warning for an S3
Files access point (FileSystemConfigs accepts both). No LL301-LL303/LL306 error fires on the
corpus: every reviewed function either has its permissions or has a role the template does not
fully show (then nothing is claimed).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from lintrun import settings

from lambdalint.api import lint_paths

_HERE = Path(__file__).resolve()
SHARED = next((p / "shared" for p in _HERE.parents[1:3] if (p / "shared").is_dir()), _HERE)
CORPUS = SHARED / "corpus" / "templates"
REVIEW = _HERE.parent / "data" / "iam_corpus_review.tsv"


def test_ll3xx_findings_on_the_corpus_are_the_reviewed_ones() -> None:
    if not CORPUS.is_dir():
        message = f"corpus not found at {CORPUS}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must run the corpus tests")
        pytest.skip(message)
    files = sorted(str(p) for p in CORPUS.rglob("*") if p.is_file())
    report = lint_paths(files, settings(select=("LL3",)))
    actual = sorted(
        (f.rule_id, str(f.severity), Path(f.loc.file).relative_to(CORPUS).as_posix(), f.loc.line)
        for f in report.findings
        if f.rule_id.startswith("LL3")
    )
    with REVIEW.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert all(r["verdict"].startswith("true") for r in rows)
    expected = sorted((r["rule"], r["severity"], r["file"], int(r["line"])) for r in rows)
    assert actual == expected
