"""What a new user meets first (issue 14): --version, --help, selector typos, a run that finds no
template, honest file counts, stale own-line suppressions."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from lambdalint.cli import main
from lambdalint.config import ConfigError, load_settings, make_settings
from lambdalint.data import load_data
from lambdalint.engine.select import known_code

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "fixtures" / "cli"
COMMANDS = ("check", "rules", "explain", "graph")
NOT_A_TEMPLATE = "name: ci\non: [push]\njobs: {}\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ----- --version ------------------------------------------------------------------------------


def test_version_prints_the_version_and_the_rule_data_versions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from importlib.metadata import version

    code, out, err = run(capsys, "--version")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"lambdalint {version('lambdalint')}"
    runtimes = load_data("facts/runtimes.yaml")
    sam = load_data("facts/sam_resource_types.yaml")["generated_from"]
    assert f"  runtime lifecycle table: {runtimes['as_of']} ({runtimes['as_of_from']})" in lines
    assert f"  SAM resource types: {sam['repo']} @ {sam['commit']} ({sam['date']})" in lines


def test_sam_commit_as_data_is_the_one_in_the_generated_header() -> None:
    text = (ROOT / "rules" / "facts" / "sam_resource_types.yaml").read_text(encoding="utf-8")
    header = re.search(r"aws/serverless-application-model @ ([0-9a-f]{40}) \((\S+)\)", text)
    assert header is not None
    sam = load_data("facts/sam_resource_types.yaml")["generated_from"]
    assert (sam["commit"], sam["date"]) == header.groups()


# ----- --help ---------------------------------------------------------------------------------

# What Typer shows when left alone: Python types, {name} usage pieces, lower-case names.
TYPER_INTERNALS = re.compile(r"<[a-z\[\]]+>|\{\w+\}|list\[|\bstr\b|\bint\b")


@pytest.mark.parametrize("argv", [("--help",), *((c, "--help") for c in COMMANDS)])
def test_help_shows_no_typer_internals(
    capsys: pytest.CaptureFixture[str], argv: tuple[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert not TYPER_INTERNALS.findall(out), out


def test_check_help_uses_plain_metavars_and_one_line_option_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "check", "--help")
    assert out.splitlines()[0] == "Usage: lambdalint check [OPTIONS] PATH..."
    for expected in ("-f, --format FORMAT", "--select CODES", "--fail-level LEVEL", "--as-of DATE"):
        assert expected in out
    assert "-p, --parameter KEY=VALUE" in out and "-o, --output FILE" in out
    options = out.split("Options:\n", 1)[1].splitlines()
    # Each option's help is one line: a continuation line follows only the one option whose
    # name fills the first column (--show-source / --no-show-source).
    continued = [i for i, line in enumerate(options) if line.startswith(" " * 10)]
    assert [options[i - 1].strip() for i in continued] == ["--show-source / --no-show-source"]


def test_graph_and_explain_usage_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "graph", "--help")[1].startswith(
        "Usage: lambdalint graph [OPTIONS] TEMPLATE\n"
    )
    assert run(capsys, "explain", "--help")[1].startswith(
        "Usage: lambdalint explain [OPTIONS] RULE\n"
    )


# ----- selectors that match no rule -----------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--select", "LL9"), "--select: 'LL9' matches no rule"),
        (("--ignore", "LL101,LL199"), "--ignore: 'LL199' matches no rule"),
        (("--select", "LL1O2"), "--select: 'LL1O2' is not a rule id or prefix"),
    ],
)
def test_selector_matching_no_rule_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "check", *argv, str(CLI / "clean.yaml"))
    assert (code, out) == (2, "")
    assert err.startswith(f"lambdalint: error: {message}") and err.count("\n") == 1


def test_selector_in_a_config_file_matching_no_rule_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / ".lambdalint.yaml"
    config.write_text("ignore: [LL101, LL9]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.lambdalint\.yaml: ignore: 'LL9' matches no rule"):
        load_settings([str(tmp_path)], {}, str(config))


def test_selectors_that_match_rules_are_accepted() -> None:
    assert known_code(" ll1 ") == "LL1"
    assert known_code("LL", ["LL101"]) == "LL"
    with pytest.raises(ValueError, match="'LL2' matches no rule"):
        known_code("LL2", ["LL101"])
    assert make_settings({"select": ["LL0", "LL101"]}).select == ("LL0", "LL101")


# ----- the CI-gate trap: nothing to lint ------------------------------------------------------

WARNING = (
    "lambdalint: warning: no CloudFormation or SAM template found in {}, so nothing was linted"
)


def test_empty_directory_warns_on_stderr_and_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "check", str(tmp_path / "empty"))
    assert (code, out) == (0, "No problems found (0 files checked).\n")
    assert err.startswith(WARNING.format(tmp_path / "empty") + "; --require-templates")


def test_directory_of_non_templates_warns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ci.yml").write_text(NOT_A_TEMPLATE, encoding="utf-8")
    code, out, err = run(capsys, "check", "--format", "json", str(tmp_path))
    assert code == 0 and '"files_skipped": 1' in out
    assert err.startswith(WARNING.format(tmp_path))


def test_glob_matching_only_non_templates_warns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ci.yml").write_text(NOT_A_TEMPLATE, encoding="utf-8")
    pattern = str(tmp_path / "*.yml")
    code, _, err = run(capsys, "check", pattern)
    assert code == 0 and err.startswith(WARNING.format(pattern))


def test_empty_standard_input_warns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, out, err = run(capsys, "check", "-")
    assert code == 0 and out.startswith("No problems found (0 files checked")
    assert err.startswith(WARNING.format("standard input"))


def test_require_templates_makes_it_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "check", "--require-templates", str(tmp_path))
    assert (code, out) == (2, "No problems found (0 files checked).\n")
    assert err == (
        f"lambdalint: error: no CloudFormation or SAM template found in {tmp_path}, "
        "so nothing was linted\n"
    )


def test_named_non_templates_stay_silent_as_pre_commit_calls_the_hook(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # pre-commit passes the staged files one by one; a commit touching only workflows is fine.
    names = []
    for name in ("ci.yml", "package.json"):
        (tmp_path / name).write_text(NOT_A_TEMPLATE, encoding="utf-8")
        names.append(str(tmp_path / name))
    code, out, err = run(capsys, "check", *names)
    assert (code, out, err) == (
        0,
        "No problems found (0 files checked, 2 non-templates skipped).\n",
        "",
    )
    # ... unless the user asks for templates.
    code, _, err = run(capsys, "check", "--require-templates", *names)
    assert code == 2 and err.startswith("lambdalint: error: no CloudFormation or SAM template")


def test_a_template_anywhere_means_no_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(
        capsys, "check", "--require-templates", str(tmp_path / "empty"), str(CLI / "clean.yaml")
    )
    assert (code, err) == (0, "")


# ----- honest counts --------------------------------------------------------------------------


def test_missing_file_is_counted_unreadable_not_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "missing.yaml"))
    assert code == 2 and err == ""
    assert out.splitlines()[-1] == "Found 1 problem (1 error) in 0 files checked, 1 unreadable."


def test_checked_skipped_and_unreadable_are_counted_apart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ci.yml").write_text(NOT_A_TEMPLATE, encoding="utf-8")
    (tmp_path / "blob.yaml").write_bytes(b"\x00\x01\x02Resources\xff\xfe\x00")
    code, out, _ = run(
        capsys,
        "check",
        str(CLI / "clean.yaml"),
        str(CLI / "broken.yaml"),
        str(tmp_path / "ci.yml"),
        str(tmp_path / "blob.yaml"),
        str(tmp_path / "missing.yaml"),
    )
    assert code == 2
    assert out.splitlines()[-1].endswith(
        "in 2 files checked, 1 non-template skipped, 2 unreadable."
    )
    code, out, _ = run(capsys, "check", "-f", "json", str(tmp_path / "missing.yaml"))
    assert '"files_checked": 0' in out and '"files_unreadable": 1' in out


# ----- stale own-line suppression -------------------------------------------------------------

OWN_LINE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      # lambdalint: ignore[LL105]
      MemorySize: 256
"""


def test_stale_own_line_suppression_names_the_line_it_applies_to() -> None:
    from lintrun import lint_text

    found = [(f.rule_id, f.loc.line, f.loc.col, f.message) for f in lint_text(OWN_LINE)]
    assert found == [
        (
            "LL010",
            8,
            28,
            "unused suppression: no LL105 finding on line 9, the line this comment applies "
            "to; remove it",
        )
    ]


def test_an_empty_parameter_set_fails_collection_instead_of_skipping_without_words() -> None:
    # pytest's default skips such a test as "got empty parameter set for (row)", which says
    # nothing to the reader; tests whose cases may be absent skip with a reason instead.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the tomli dependency
        import tomli as tomllib

    with (ROOT / "pyproject.toml").open("rb") as fh:
        options = tomllib.load(fh)["tool"]["pytest"]["ini_options"]
    assert options["empty_parameter_set_mark"] == "fail_at_collect"
