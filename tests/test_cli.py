"""The `lambdalint` command end to end: output lines, streams and exit codes 0 / 1 / 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lambdalint.catalog import load_catalog
from lambdalint.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLI = "fixtures/cli"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ----- must show ------------------------------------------------------------------------------


def test_memory_64_is_reported_at_the_value_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", f"{CLI}/memory64.yaml")
    first = out.splitlines()[0]
    assert first.startswith(f"{CLI}/memory64.yaml:10:19: LL101 error: ")
    assert first.endswith(" [TinyFunction]")
    assert code == 1 and err == ""


def test_clean_template_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", f"{CLI}/clean.yaml")
    assert (code, out, err) == (0, "No problems found (1 file checked).\n", "")


def test_missing_and_broken_files_exit_2_and_the_others_are_still_linted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "check", f"{CLI}/missing.yaml", f"{CLI}/broken.yaml", f"{CLI}/memory64.yaml"
    )
    lines = out.splitlines()
    assert code == 2
    assert f"{CLI}/missing.yaml:1:1: LL001 error: no such file" in lines
    broken = [x for x in lines if x.startswith(f"{CLI}/broken.yaml:")]
    assert len(broken) == 1 and broken[0].startswith(
        f"{CLI}/broken.yaml:5:61: LL002 error: not valid YAML/JSON: "
    )
    assert any(x.startswith(f"{CLI}/memory64.yaml:10:19: LL101 error: ") for x in lines)


def test_tool_errors_do_not_stop_other_files_independent_of_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The same guarantee with a loader finding (LL008), so it holds before any rule exists.
    code, out, _ = run(
        capsys, "check", f"{CLI}/missing.yaml", f"{CLI}/broken.yaml", f"{CLI}/yaml11.yaml"
    )
    assert code == 2
    assert (
        f"{CLI}/yaml11.yaml:14:20: LL008 warning: unquoted 'yes' is read as bool True under "
        "YAML 1.1 rules (PyYAML, cfn-flip, the SAM CLI); quote it if you meant the text [Fn]"
        in out.splitlines()
    )
    assert out.splitlines()[-1] == (
        "Found 3 problems (2 errors, 1 warning) in 2 files checked, 1 unreadable."
    )


# ----- fail level, selection, formats ---------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ((), 1),  # default fail level: warning
        (("--fail-level", "error"), 0),
        (("--fail-level", "info"), 1),
        (("--ignore", "LL008"), 0),
        (("--select", "LL1,LL2"), 0),
        (("--select", "LL0", "--ignore", "LL00"), 0),
        (("--select", "LL0", "--ignore", "LL00", "--select", "LL008"), 1),
    ],
)
def test_fail_level_and_selection_decide_the_exit_code(
    capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], expected: int
) -> None:
    assert run(capsys, "check", *flags, f"{CLI}/yaml11.yaml")[0] == expected


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "--format", "xml", f"{CLI}/clean.yaml"),
        ("check", "--as-of", "2025-13-01", f"{CLI}/clean.yaml"),
        ("check", "--fail-level", "fatal", f"{CLI}/clean.yaml"),
        ("check", "--select", "E501", f"{CLI}/clean.yaml"),
        ("check", "--parameter", "NoEquals", f"{CLI}/clean.yaml"),
        ("check", "--jobs", "0", f"{CLI}/clean.yaml"),
        ("check",),
        ("check", "--no-such-flag", f"{CLI}/clean.yaml"),
        ("graph", f"{CLI}/clean.yaml", "--format", "png"),
    ],
)
def test_usage_errors_exit_2_with_a_message_and_no_traceback(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.strip() and "Traceback" not in err


def test_usage_error_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--format", "xml", "x.yaml")[2] == (
        "lambdalint: error: --format: unknown format 'xml': expected one of text, json, sarif, "
        "github\n"
    )
    assert run(capsys, "check", "--as-of", "2025-13-01", "x.yaml")[2] == (
        "lambdalint: error: --as-of: '2025-13-01' is not a date like 2025-01-31\n"
    )
    assert run(capsys, "check", "-p", "NoEquals", "x.yaml")[2] == (
        "lambdalint: error: --parameter 'NoEquals': expected KEY=VALUE\n"
    )


def test_invalid_config_file_is_one_line_on_stderr_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / ".lambdalint.yaml").write_text("fail-level: fatal\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text("Resources: {}\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path / "t.yaml"))
    assert (code, out) == (2, "")
    assert err == (
        f"lambdalint: error: {tmp_path / '.lambdalint.yaml'}: fail-level: unknown "
        "severity 'fatal': expected error, warning or info\n"
    )


def test_config_file_is_used_and_flags_win(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.lambdalint]\nfail-level = "error"\n', encoding="utf-8"
    )
    target = tmp_path / "t.yaml"
    target.write_text((ROOT / CLI / "yaml11.yaml").read_text("utf-8"), encoding="utf-8")
    assert run(capsys, "check", str(target))[0] == 0
    assert run(capsys, "check", "--fail-level", "warning", str(target))[0] == 1


def test_input_limits_from_the_config_file_reach_the_loader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "t.yaml"
    target.write_text((ROOT / CLI / "clean.yaml").read_text("utf-8"), encoding="utf-8")
    assert run(capsys, "check", str(target))[0] == 0
    (tmp_path / ".lambdalint.yaml").write_text("limits:\n  max-depth: 3\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(target))
    assert code == 2
    assert "LL007" in out and "nesting deeper than 3" in out


def test_json_format_and_tool_errors_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "check",
        "--format",
        "json",
        "--as-of",
        "2025-01-31",
        f"{CLI}/yaml11.yaml",
        f"{CLI}/missing.yaml",
    )
    data = json.loads(out)
    assert code == 2 and data["as_of"] == "2025-01-31"
    assert [f["rule_id"] for f in data["findings"]] == ["LL001", "LL008"]
    assert err == f"{CLI}/missing.yaml:1:1: LL001 no such file\n"


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    code, out, _ = run(capsys, "check", "-f", "sarif", "-o", str(target), f"{CLI}/yaml11.yaml")
    assert code == 1 and out == ""
    assert json.loads(target.read_text("utf-8"))["version"] == "2.1.0"


def test_show_source_prints_a_code_frame(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "check", "--show-source", f"{CLI}/yaml11.yaml")[1]
    assert out.splitlines()[1:4] == [
        "    |",
        " 14 |           VERBOSE: yes",
        "    |                    ^^^",
    ]
    assert "|" not in run(capsys, "check", f"{CLI}/yaml11.yaml")[1]  # not a TTY: no frame


# ----- discovery --------------------------------------------------------------------------------


def test_directory_search_skips_build_dirs_and_non_templates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = (ROOT / CLI / "yaml11.yaml").read_text("utf-8")
    for rel in (
        "a/template.yaml",
        "node_modules/x/template.yaml",
        ".aws-sam/build/template.yaml",
        "cdk.out/t.template.json",
        ".hidden/t.yaml",
        "b/c/stack.template",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(bad, encoding="utf-8")
    (tmp_path / "a" / "workflow.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (tmp_path / "a" / "list.yaml").write_text("- Resources\n", encoding="utf-8")
    (tmp_path / "a" / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path))
    files = sorted({line.split(":")[0] for line in out.splitlines() if ": LL" in line})
    assert files == [str(tmp_path / "a" / "template.yaml"), str(tmp_path / "b/c/stack.template")]
    assert code == 1
    assert out.splitlines()[-1].endswith("in 2 files checked, 3 non-templates skipped.")


def test_named_non_template_mapping_is_skipped_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--fail-level", "info", f"{CLI}/workflow.yaml")
    assert (code, err) == (0, "")
    assert out == "No problems found (0 files checked, 1 non-template skipped).\n"


def test_named_files_that_cannot_be_templates_are_skipped_quietly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # What pre-commit passes from a broad pattern: playbooks (lists), Kubernetes manifests
    # (several documents), package.json, an empty file.
    (tmp_path / "site.yml").write_text("- hosts: all\n  tasks: []\n", encoding="utf-8")
    (tmp_path / "k8s.yaml").write_text("kind: A\n---\nkind: B\n", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x"}\n', encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    names = [str(tmp_path / n) for n in ("site.yml", "k8s.yaml", "package.json", "empty.yaml")]
    code, out, err = run(capsys, "check", "--fail-level", "info", *names)
    assert (code, err) == (0, "")
    assert out == "No problems found (0 files checked, 4 non-templates skipped).\n"


def test_named_list_mentioning_resources_is_ll003(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "t.yaml").write_text("- Resources\n- Fn\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path / "t.yaml"))
    assert code == 2
    assert out.startswith(
        f"{tmp_path / 't.yaml'}:1:1: LL003 error: not a template: the document is a list"
    )


def test_glob(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", f"{CLI}/y*.yaml")
    assert code == 1 and out.startswith(f"{CLI}/yaml11.yaml:14:20: LL008")
    code, out, _ = run(capsys, "check", f"{CLI}/nothing-*.yaml")
    assert code == 2 and "LL001" in out


def test_dash_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (ROOT / CLI / "memory64.yaml").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "check", "--jobs", "2", "-", f"{CLI}/clean.yaml")
    assert code == 1
    assert out.startswith("<stdin>:10:19: LL101 error: MemorySize 64 MB")
    assert "in 2 files checked" in out


# ----- rules, explain, graph --------------------------------------------------------------------


def test_rules_lists_every_catalog_entry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["ID", "NAME", "SEVERITY", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == list(load_catalog())
    ll008 = next(line for line in lines if line.startswith("LL008"))
    assert ll008.split()[1:3] == ["yaml11-ambiguous-scalar", "warning"]


def test_explain_renders_the_catalog_entry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "ll008")
    assert code == 0
    assert out.startswith("LL008 yaml11-ambiguous-scalar (warning)\n\nAn unquoted value")
    for heading in ("Why it matters:", "Example (bad):", "Use instead (good):", "Sources:"):
        assert f"\n{heading}\n" in out
    assert "            VERBOSE: yes\n" in out
    assert "    https://yaml.org/type/bool.html\n" in out


def test_explain_unknown_rule_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "LL999")
    assert (code, out) == (2, "")
    assert err == "lambdalint: error: unknown rule 'LL999'; `lambdalint rules` lists them all\n"


def test_graph_of_a_broken_template_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "graph", f"{CLI}/broken.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(f"{CLI}/broken.yaml:5:61: LL002 not valid YAML/JSON")


def test_graph_renders(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("lambdalint.model.draw", reason="model/draw.py not written yet")
    code, out, _ = run(capsys, "graph", f"{CLI}/memory64.yaml", "--format", "mermaid")
    assert code == 0 and "TinyFunction" in out


# ----- the real entry point ---------------------------------------------------------------------


@pytest.mark.slow
def test_console_script_streams_and_exit_codes() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "lambdalint.cli", "check"]
    ok = subprocess.run(
        [*cmd, f"{CLI}/clean.yaml"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert (ok.returncode, ok.stderr) == (0, "")
    broken = subprocess.run(
        [*cmd, "--format", "json", f"{CLI}/broken.yaml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert broken.returncode == 2
    assert json.loads(broken.stdout)["findings"][0]["rule_id"] == "LL002"
    assert broken.stderr.startswith(f"{CLI}/broken.yaml:5:61: LL002 not valid YAML/JSON")
    assert "Traceback" not in broken.stderr


def test_yaml_broken_at_the_end_of_the_file_shows_its_last_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 14 item 11: `printf 'Resources:\\n  A: [\\n  B: 1\\n'` is reported on line 3, with
    that line in the code frame, not on a line 4 the file does not have."""
    path = tmp_path / "t.yaml"
    path.write_text("Resources:\n  A: [\n  B: 1\n")
    code, out, _ = run(capsys, "check", "--show-source", str(path))
    lines = out.splitlines()
    assert code == 2
    assert lines[0].startswith(f"{path}:3:7: LL002 error: ")
    assert lines[2] == " 3 |   B: 1" and lines[3] == "   |       ^"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("t.template", "- a\n- b\n"),  # issue 14 item 10: nothing in it is a template
        ("t.template", "42\n"),
        ("t.yaml", "Settings:\n  Resources: 3\n"),  # a mapping without template keys on top
        ("t.yaml", "\n"),
    ],
)
def test_ll003_skips_what_does_not_mention_a_template(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", "--fail-level", "info", str(tmp_path / name))
    assert (code, out, err) == (
        0,
        "No problems found (0 files checked, 1 non-template skipped).\n",
        "",
    )


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("t.yaml", "- Resources\n- Fn\n", "a list"),
        ("t.json", '[{"Resources": {}}]\n', "a list"),
        ("t.template", "Resources\n", "a single value"),
    ],
)
def test_ll003_reports_a_named_list_or_value_that_mentions_template_keys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, kind: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 2
    assert out.startswith(f"{path}:1:1: LL003 error: not a template: the document is {kind}")
    # Found by a directory search instead, the same file is skipped.
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert (code, out) == (0, "No problems found (0 files checked, 1 non-template skipped).\n")


def test_opt_in_rule_runs_only_when_selected(capsys: pytest.CaptureFixture[str]) -> None:
    # LL219 (enabled_by_default: false) is listed as opt-in, is silent by default, and runs
    # with --extend-select (the default selection kept) or a select naming it.
    code, out, _ = run(capsys, "rules")
    ll219 = next(line for line in out.splitlines() if line.startswith("LL219"))
    assert ll219.split()[1:4] == ["role-grants-unused-service", "info", "(opt-in)"]
    code, out, _ = run(capsys, "explain", "LL219")
    assert "(opt-in): runs only when selected by id or theme, e.g. --extend-select LL219" in out
    bad = "fixtures/rules/LL219/bad/cfn.yaml"
    code, out, _ = run(capsys, "check", bad, "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    code, out, _ = run(capsys, "check", bad, "--format", "json", "--extend-select", "LL219")
    rules = [f["rule_id"] for f in json.loads(out)["findings"]]
    assert code == 0 and rules == ["LL219", "LL219"]  # info: under the default fail level
    code, out, _ = run(capsys, "check", bad, "--format", "json", "--select", "LL2")
    assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["LL219", "LL219"]
    code, out, _ = run(capsys, "check", bad, "--extend-select", "LL219", "--ignore", "LL219")
    assert code == 0 and "LL219" not in out
