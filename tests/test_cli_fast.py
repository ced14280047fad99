"""The fast ``check`` reader (lambdalint/cli/fast.py) against the Typer ``check`` it stands in
for: the same option table, the same keyword arguments for every argv it accepts, a hand-over
to Typer for everything else, and a plain ``check`` that never imports Typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from lambdalint import cli
from lambdalint.cli import app as cli_app
from lambdalint.cli import fast

ROOT = Path(__file__).resolve().parents[1]


def _typer_check() -> Any:
    return typer.main.get_command(cli_app.app).commands["check"]  # type: ignore[attr-defined]


def _typer_kwargs(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any] | str:
    """What Typer passes to ``run_check`` for ``argv``, or "usage error"."""
    seen: dict[str, Any] = {}

    def record(**kwargs: Any) -> None:
        seen.update(kwargs)
        raise SystemExit(0)

    monkeypatch.setattr("lambdalint.cli.check.run_check", record)
    code = cli._run(argv, fast=False)
    return seen if code == 0 and seen else "usage error"


def test_the_option_table_is_the_typer_commands() -> None:
    options: dict[str, str] = {}
    flags: dict[str, tuple[str, bool]] = {}
    defaults: dict[str, Any] = {}
    for param in _typer_check().params:
        if param.name == "paths":
            continue
        defaults[param.name] = param.default
        if getattr(param, "is_flag", False):
            flags.update({opt: (param.name, True) for opt in param.opts})
            flags.update({opt: (param.name, False) for opt in param.secondary_opts})
        else:
            for opt in param.opts:
                options[opt] = param.name
            kind = "many" if param.multiple else "one"
            annotation = param.type_descriptor.annotation
            if annotation is int:
                kind = "int"
            for opt in param.opts:
                assert fast.VALUE_OPTIONS[opt] == (param.name, kind), opt
    assert {k: v[0] for k, v in fast.VALUE_OPTIONS.items()} == options
    assert flags == fast.FLAG_OPTIONS
    assert defaults == fast.DEFAULTS


ACCEPTED = [
    ["check", "a.yaml"],
    ["check", "a.yaml", "b.yaml", "-"],
    ["check", "--as-of", "2026-11-23", "a.yaml"],
    ["check", "a.yaml", "--format", "json", "--format=sarif"],
    ["check", "-fjson", "a.yaml", "-f", "github"],
    ["check", "-f=json", "a.yaml"],
    ["check", "--select", "LL1,LL2", "--select=LL3", "--ignore", "LL101", "a.yaml"],
    ["check", "--extend-select", "LL219", "--extend-select=LL2", "a.yaml"],
    ["check", "-p", "A=1", "-pB=2", "--parameter", "C=3", "--parameter=D", "a.yaml"],
    ["check", "-j", "3", "a.yaml"],
    ["check", "--jobs=0", "-j12", "a.yaml"],
    ["check", "--show-source", "--no-show-source", "a.yaml"],
    ["check", "--show-source", "a.yaml", "--require-templates"],
    ["check", "--region", "eu-west-1", "--config", "c.toml", "-o", "out.txt", "a.yaml"],
    ["check", "--fail-level", "error", "--output=o.json", "a.yaml"],
    ["check", "--format=", "a.yaml"],
    ["check", "a.yaml", "--", "--select", "-x"],
    ["check", "--", "-"],
]


@pytest.mark.parametrize("argv", ACCEPTED, ids=" ".join)
def test_the_fast_reader_gives_what_typer_gives(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = fast.parse_check(argv)
    assert parsed is not None, "the fast reader should accept this argv"
    assert parsed == _typer_kwargs(argv, monkeypatch)


HANDED_OVER = [
    [],
    ["check"],
    ["check", "--help"],
    ["check", "a.yaml", "--help"],
    ["check", "-h", "a.yaml"],
    ["--version"],
    ["--version", "check", "a.yaml"],
    ["rules"],
    ["explain", "LL101"],
    ["check", "--selec", "LL1", "a.yaml"],
    ["check", "--format"],
    ["check", "a.yaml", "-f"],
    ["check", "--jobs", "many", "a.yaml"],
    ["check", "--jobs", "-1", "a.yaml"],
    ["check", "--jobs", "07", "a.yaml"],
    ["check", "--jobs", " 4", "a.yaml"],
    ["check", "--show-source=yes", "a.yaml"],
    ["check", "--output", "-", "a.yaml"],
    ["check", "-x", "a.yaml"],
    ["check", "--unknown", "a.yaml"],
    ["check", "---format", "json", "a.yaml"],
]


@pytest.mark.parametrize("argv", HANDED_OVER, ids=lambda a: " ".join(a) or "(none)")
def test_anything_else_goes_to_typer(argv: list[str]) -> None:
    assert fast.parse_check(argv) is None


def test_shell_completion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_LAMBDALINT_COMPLETE", "bash_complete")
    assert fast.parse_check(["check", "a.yaml"]) is None


@pytest.mark.parametrize(
    ("argv", "typer_code"),
    [
        (["check", "fixtures/cli/clean.yaml"], 0),
        (["check", "fixtures/cli/memory64.yaml"], 1),
        (["check", "fixtures/cli/missing.yaml"], 2),
        (["check", "-p", "broken", "fixtures/cli/clean.yaml"], 2),
        (["check", "--format", "nope", "fixtures/cli/clean.yaml"], 2),
    ],
)
def test_both_paths_print_and_exit_the_same(
    argv: list[str],
    typer_code: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    assert fast.parse_check(argv) is not None
    slow = (cli._run(argv, fast=False), *capsys.readouterr())
    quick = (cli._run(argv), *capsys.readouterr())
    assert quick == slow
    assert slow[0] == typer_code


def test_a_plain_check_never_imports_typer_or_rich() -> None:
    probe = (
        "import sys; from lambdalint.cli import main; main(['check', 'fixtures/cli/clean.yaml']);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'rich')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert out.splitlines()[-1] == "[]"
