"""The catalog and facts ship inside the wheel: a non-editable install in a fresh virtualenv can
list and explain rules, and lint a template, without the source checkout next to it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_non_editable_install_ships_rules(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    # Build from a copy so no stale build/ directory of the checkout can leak into the wheel.
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(REPO)],
        check=True,
        cwd=tmp_path,
        timeout=600,
    )
    lambdalint = bindir / "lambdalint"
    # Run from an unrelated directory: the installed package must not find ./rules by accident.
    rules = subprocess.run(
        [str(lambdalint), "rules"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert rules.returncode == 0, rules.stderr
    for rule_id in ("LL101", "LL102", "LL201"):
        assert rule_id in rules.stdout
    explain = subprocess.run(
        [str(lambdalint), "explain", "LL101"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert explain.returncode == 0, explain.stderr
    assert "memory-size-out-of-range" in explain.stdout
    assert "https://docs.aws.amazon.com/" in explain.stdout
    installed = subprocess.run(
        [
            str(python),
            "-c",
            "import lambdalint, pathlib; print(pathlib.Path(lambdalint.__file__).parent)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert str(REPO) not in installed
    assert (Path(installed) / "_rules" / "catalog" / "LL101.yaml").is_file()
    template = tmp_path / "t.yaml"
    template.write_text(
        "Transform: AWS::Serverless-2016-10-31\n"
        "Resources:\n"
        "  Fn:\n"
        "    Type: AWS::Serverless::Function\n"
        "    Properties:\n"
        "      Handler: app.handler\n"
        "      Runtime: python3.13\n"
        "      CodeUri: src/\n"
        "      MemorySize: 64\n"
    )
    check = subprocess.run(
        [str(lambdalint), "check", "--as-of", "2026-11-23", str(template)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert check.returncode == 1, check.stdout + check.stderr
    assert "t.yaml:9:19" in check.stdout and "LL101" in check.stdout


def test_rules_dir_found_in_checkout() -> None:
    from lambdalint.data import rules_dir

    assert (rules_dir() / "facts" / "sam_globals.yaml").is_file()
    assert sys.version_info >= (3, 10)
