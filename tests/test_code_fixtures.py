"""Function code fixtures (fixtures/code/<case>/template.yaml plus its code): the findings of
each case equal its expected.txt exactly (line:col rule message), and what the code needs from
IAM joins to the template's resources. ``pytest --update-fixtures`` rewrites expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintrun import REPO, lint_path

from lambdalint.catalog import load_catalog
from lambdalint.source.code.from_template import TemplateCode, read_template_code
from lambdalint.source.code.needs import code_needs
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

CASES = sorted(p.parent for p in (REPO / "fixtures" / "code").glob("*/template.yaml"))
# The fixtures show the opt-in rules too (LL219 least privilege reads the code).
OPT_IN = tuple(doc.id for doc in load_catalog().values() if not doc.enabled_by_default)


def _lines(case: Path) -> list[str]:
    findings = lint_path(case / "template.yaml", extend_select=OPT_IN)
    return [f"{f.loc.line}:{f.loc.col} {f.rule_id} {f.message}" for f in findings]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_code_fixture_findings(case: Path, update_fixtures: bool) -> None:
    actual = _lines(case)
    expected_file = case / "expected.txt"
    if update_fixtures:
        expected_file.write_text("".join(f"{line}\n" for line in actual), encoding="utf-8")
        return
    expected = [line for line in expected_file.read_text(encoding="utf-8").splitlines() if line]
    assert actual == expected


def _code(case: str) -> TemplateCode:
    path = REPO / "fixtures" / "code" / case / "template.yaml"
    template, _ = parse_text(SourceText(str(path), path.read_text(encoding="utf-8")))
    assert template is not None
    return read_template_code(template)


def _needs(case: str, function: str) -> list[tuple[str, str, str]]:
    fn = _code(case).function(function)
    assert fn is not None
    return [(n.action, n.resource, f"{n.at.file}:{n.at.line}") for n in code_needs(fn)]


def test_python_needs_join_env_vars_to_resources() -> None:
    assert _needs("python-app", "Orders") == [
        ("s3:PutObject", "Bucket", "app.py:12"),
        ("dynamodb:PutItem", "Table", "app.py:13"),
    ]


def test_python_batch_operation_maps_to_its_iam_action() -> None:
    # send_message_batch needs sqs:SendMessage (there is no sqs:SendMessageBatch action).
    assert _needs("python-src-layout", "Dotted") == [
        ("sqs:SendMessage", "Queue", "src/orders/queue.py:11"),
    ]


def test_node_sdk_v2_and_document_client() -> None:
    # A literal bucket name is no template resource: "*".
    assert sorted(_needs("node-cjs", "Writer")) == [
        ("dynamodb:PutItem", "Table", "store.js:6"),
        ("s3:GetObject", "*", "app.js:8"),
    ]


def test_node_sdk_v3_commands() -> None:
    assert _needs("node-esm", "Consumer") == [("dynamodb:PutItem", "Table", "index.mjs:9")]
    # lib-dynamodb's PutCommand is dynamodb:PutItem. The table name is a binding imported from
    # another local module (src/config.ts reads TABLE_NAME): followed to the template's Table.
    assert _needs("node-ts-esbuild", "Processor") == [
        ("dynamodb:PutItem", "Table", "src/app.ts:12")
    ]


def test_unknown_code_has_no_needs() -> None:
    code = _code("syntax-errors")
    fn = code.function("PythonFn")
    assert fn is not None and code_needs(fn) == ()


def test_cdk_asset_and_makefile_build() -> None:
    code = _code("cdk-out")
    cdk = code.function("Handler886CB40B")
    made = code.function("Made")
    assert cdk is not None and made is not None
    # The asset folder next to the synthesized template is read; a Makefile build is unknown.
    assert (cdk.site.kind.value, cdk.site.shown) == ("directory", "asset.3f2a1b")
    assert cdk.analysis is not None and cdk.analysis.handler.status.value == "no-function"
    assert made.site.kind.value == "unknown" and "Makefile" in made.site.why


def test_s3_and_image_code_is_unknown() -> None:
    code = _code("python-app")
    assert all(f.site.kind.value == "directory" for f in code.functions)
    path = REPO / "fixtures" / "rules" / "LL216" / "good" / "cfn.yaml"
    template, _ = parse_text(SourceText(str(path), path.read_text(encoding="utf-8")))
    assert template is not None
    sites = read_template_code(template).functions
    assert sites and all(f.site.kind.value == "unknown" and f.analysis is None for f in sites)
