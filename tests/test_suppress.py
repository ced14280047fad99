"""Suppressions: comments on the line or the line above, ignore-file, resource Metadata, and
LL010 for suppressions that match nothing. Loader findings (LL008, LL004) are used so these tests
depend on no rule implementation."""

from __future__ import annotations

from pathlib import Path

import pytest

from lambdalint.api import lint_paths
from lambdalint.config import Settings
from lambdalint.engine.suppress import SUPPRESSION_COMMENT

HEAD = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
"""
# Line 6 onwards; VERBOSE: yes (LL008) sits on line 13, column 20.
BODY = """\
    Properties:
      Runtime: python3.13
      Handler: index.handler
      InlineCode: "def handler(e, c): return None"
      Environment:
        Variables:
          VERBOSE: yes{inline}
"""


def lint(tmp_path: Path, text: str, **settings: object) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint_paths([str(path)], Settings(**settings))  # type: ignore[arg-type]
    return [(f.rule_id, f.loc.line, f.loc.col, f.message) for f in report.findings]


def test_unsuppressed_finding_is_reported(tmp_path: Path) -> None:
    found = lint(tmp_path, HEAD + BODY.format(inline=""))
    assert [(r, line, col) for r, line, col, _ in found] == [("LL008", 12, 20)]


def test_comment_on_the_line(tmp_path: Path) -> None:
    assert lint(tmp_path, HEAD + BODY.format(inline="  # lambdalint: ignore[LL008]")) == []


def test_comment_with_several_ids_and_prefix(tmp_path: Path) -> None:
    assert lint(tmp_path, HEAD + BODY.format(inline="  # lambdalint: ignore[LL008, ll0]")) == []


def test_comment_on_the_line_above(tmp_path: Path) -> None:
    comment = "          # lambdalint: ignore[LL008]\n"
    body = BODY.replace("          VERBOSE", comment + "          VERBOSE")
    assert lint(tmp_path, HEAD + body.format(inline="")) == []


def test_trailing_comment_does_not_cover_the_next_line(tmp_path: Path) -> None:
    body = BODY.replace("        Variables:", "        Variables:  # lambdalint: ignore[LL008]")
    found = lint(tmp_path, HEAD + body.format(inline=""))
    assert [(r, line) for r, line, _, _ in found] == [("LL010", 11), ("LL008", 12)]


def test_ignore_file(tmp_path: Path) -> None:
    text = "# lambdalint: ignore-file[LL008]\n" + HEAD + BODY.format(inline="")
    assert lint(tmp_path, text) == []


def test_resource_metadata(tmp_path: Path) -> None:
    head = HEAD + "    Metadata:\n      lambdalint:\n        ignore: [LL008]\n"
    assert lint(tmp_path, head + BODY.format(inline="")) == []


def test_unused_metadata_suppression_is_ll010_at_the_entry(tmp_path: Path) -> None:
    head = HEAD + "    Metadata:\n      lambdalint:\n        ignore: [LL008, LL004]\n"
    found = lint(tmp_path, head + BODY.format(inline=""))
    # LL008 is used; LL004 (a duplicate key) never fired for Fn: LL010 at line 8, column 25.
    assert found == [("LL010", 8, 25, "unused suppression: no LL004 finding for Fn; remove it")]


def test_unused_comment_is_ll010_at_the_id(tmp_path: Path) -> None:
    text = HEAD + BODY.format(inline="").replace(
        "Runtime: python3.13", "Runtime: python3.13  # lambdalint: ignore[LL004]"
    )
    found = lint(tmp_path, text)
    assert ("LL010", 7, 49, "unused suppression: no LL004 finding on this line; remove it") in found
    assert ("LL008", 12, 20) in [(r, line, col) for r, line, col, _ in found]


def test_unknown_id_and_bare_form_are_reported(tmp_path: Path) -> None:
    text = HEAD + BODY.format(inline="  # lambdalint: ignore").replace(
        "Handler: index.handler", "Handler: index.handler  # lambdalint: ignore[LL999]"
    )
    found = lint(tmp_path, text)
    assert ("LL010", 8, 52, "suppression of LL999 names no lambdalint rule") in found
    bare = [m for r, line, _, m in found if r == "LL010" and line == 12]
    assert bare == ["'# lambdalint: ignore' needs rule ids, e.g. '# lambdalint: ignore[LL101]'"]
    assert ("LL008", 12) in [(r, line) for r, line, _, _ in found]  # bare form suppresses nothing


def test_suppression_of_an_unselected_rule_is_not_unused(tmp_path: Path) -> None:
    text = HEAD + BODY.format(inline="  # lambdalint: ignore[LL008]")
    assert lint(tmp_path, text, ignore=("LL008",)) == []


def test_ll010_itself_can_be_ignored(tmp_path: Path) -> None:
    text = HEAD + BODY.format(inline="").replace(
        "Runtime: python3.13", "Runtime: python3.13  # lambdalint: ignore[LL004]"
    )
    found = lint(tmp_path, text, ignore=("LL010",))
    assert [r for r, *_ in found] == ["LL008"]


def test_tool_errors_are_never_suppressed(tmp_path: Path) -> None:
    text = "# lambdalint: ignore-file[LL0]\nResources: {Fn: [\n"
    found = lint(tmp_path, text)
    assert [r for r, *_ in found] == ["LL002"]


@pytest.mark.parametrize(
    ("line", "kind", "codes"),
    [
        ("x: 1  # lambdalint: ignore[LL101]", "ignore", "LL101"),
        ("x: 1 #lambdalint:ignore[LL101,LL2]", "ignore", "LL101,LL2"),
        ("# lambdalint : ignore [ LL101 ]", "ignore", " LL101 "),
        ("# LambdaLint: IGNORE-FILE[LL1]", "IGNORE-FILE", "LL1"),
        ("# lambdalint: ignore", "ignore", None),
    ],
)
def test_accepted_comment_forms(line: str, kind: str, codes: str | None) -> None:
    match = SUPPRESSION_COMMENT.search(line)
    assert match is not None
    assert (match.group("kind"), match.group("codes")) == (kind, codes)


@pytest.mark.parametrize(
    "line",
    [
        "Url: http://x#lambdalint: ignore[LL101]",  # '#' not after whitespace: no YAML comment
        "# lambdalint: ignored[LL101]",
        "# lambdalint: ignore-files[LL101]",
    ],
)
def test_rejected_comment_forms(line: str) -> None:
    assert SUPPRESSION_COMMENT.search(line) is None
