"""What the LL4xx rules report on the real-template corpus (../shared/corpus), pinned, each with
its reviewed verdict. A change here is a new false positive or a missed finding: read it, never
re-pin it blindly. The SAM translator's accepted inputs (all valid SAM) must yield none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lintrun import settings
from sam_translate import TRANSLATOR_CORPUS, with_transform

from lambdalint.api import lint_paths
from lambdalint.engine.runner import lint_source
from lambdalint.source.reader import SourceText

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "templates"
CFN_LINT = "aws-cloudformation__cfn-lint/test__fixtures__templates__"

# (file under corpus/templates, line, rule) -> verdict
REVIEWED = {
    (f"{CFN_LINT}bad__transform__auto_publish_alias.yaml", 23, "LL406"): (
        "true: AutoPublishAlias is a mapping {Ref, Extra}; SAM: must be a string or a Ref"
    ),
    (f"{CFN_LINT}bad__transform__auto_publish_alias.yaml", 33, "LL406"): (
        "true: AutoPublishAlias is !GetAtt Fn.Arn; SAM rejects it (cfn-lint's bad fixture)"
    ),
    (f"{CFN_LINT}good__functions__getatt_serverless_function_version.yaml", 13, "LL412"): (
        "true: Lambda@Edge function with SAM's generated role, which trusts only "
        "lambda.amazonaws.com (the fixture tests GetAtt resolution, not deployability)"
    ),
}


def _require(path: Path) -> None:
    if not path.is_dir():
        message = f"corpus not found at {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must run the corpus tests")
        pytest.skip(message)


def test_versions_findings_on_the_corpus() -> None:
    _require(CORPUS)
    files = sorted(str(p) for p in CORPUS.rglob("*") if p.is_file())
    report = lint_paths(files, settings(select=("LL4",)))
    assert not report.tool_error, [f.message for f in report.findings if f.tool_error][:3]
    found = {
        (str(Path(f.loc.file).relative_to(CORPUS)), f.loc.line, f.rule_id) for f in report.findings
    }
    assert found == set(REVIEWED)


def test_no_findings_on_valid_sam_inputs() -> None:
    _require(TRANSLATOR_CORPUS / "accepted")
    config = settings(select=("LL4",))
    for path in sorted((TRANSLATOR_CORPUS / "accepted").glob("*.yaml")):
        text = with_transform(path.read_text(encoding="utf-8"))
        result = lint_source(SourceText(path.name, text), config, config.selector())
        assert [f"{path.name}:{f.loc.line} {f.rule_id} {f.message}" for f in result.findings] == []
