"""Issue 4 item 4: with ``--jobs N``, a worker that dies on one file yields an LL0xx error for that
file, every other file's findings are still reported, and the output order is deterministic.

Runs the real CLI in a subprocess over a mix of hostile fixtures (every kind of broken input) and
plain templates; the engine's test-only hook (LAMBDALINT_TEST_CRASH_ON) makes the worker that
picks up the named file exit at once, as a killed or crashed worker would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lambdalint.engine.parallel import CRASH_ENV

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "fixtures" / "hostile"
VICTIM = "m-victim.yaml"

GOOD = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue{n}:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimout: {n}
"""


def _tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    for fixture in sorted(HOSTILE.glob("*.*")):
        shutil.copy(fixture, tree / fixture.name)
    for n in range(6):
        (tree / f"z-good-{n}.yaml").write_text(GOOD.format(n=n))
    (tree / VICTIM).write_text(GOOD.format(n=99))
    (tree / "deep.yaml").write_text("Resources: " + "[" * 100_000 + "\n")
    return tree


def _run(tree: Path, crash: str | None, jobs: int = 2) -> tuple[int, list[dict[str, object]], str]:
    env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    if crash:
        env[CRASH_ENV] = crash
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "lambdalint.cli",
            "check",
            "--jobs",
            str(jobs),
            "--format",
            "json",
            str(tree),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=tree,
    )
    findings = json.loads(proc.stdout)["findings"]
    return proc.returncode, findings, proc.stdout


def _key(f: dict[str, object]) -> tuple[str, str, object, object]:
    return Path(str(f["file"])).name, str(f["rule_id"]), f["line"], f["column"]


def _cli_available() -> bool:
    return (ROOT / "lambdalint" / "cli" / "__init__.py").exists()


@pytest.mark.slow
@pytest.mark.skipif(not _cli_available(), reason="the CLI is not written yet")
def test_dead_worker_costs_only_its_file_and_order_is_deterministic(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    code_ok, baseline, _ = _run(tree, crash=None)
    code, findings, out1 = _run(tree, crash=VICTIM)
    _, _, out2 = _run(tree, crash=VICTIM)

    # The same bytes twice: the order does not depend on which worker finished first.
    assert out1 == out2
    keys = [_key(f) for f in findings]
    victim = [k for k in keys if k[0] == VICTIM]
    assert victim == [(VICTIM, "LL011", 1, 1)]
    # Every other file's findings, exactly as in a run where no worker died.
    assert [k for k in keys if k[0] != VICTIM] == [
        _key(f) for f in baseline if _key(f)[0] != VICTIM
    ]
    assert (VICTIM, "LL013", 6, 7) in [_key(f) for f in baseline]
    # Hostile files still produce their own diagnostics alongside.
    names = {k[0]: k[1] for k in keys}
    assert names["deep.yaml"] == "LL007" and names["binary.yaml"] == "LL009"
    assert names["z-good-5.yaml"] == "LL013"
    assert code == 2 and code_ok == 2  # tool errors (hostile inputs) -> exit 2 either way


@pytest.mark.slow
@pytest.mark.skipif(not _cli_available(), reason="the CLI is not written yet")
def test_dead_worker_on_an_otherwise_clean_run_exits_2(tmp_path: Path) -> None:
    tree = tmp_path / "clean"
    tree.mkdir()
    clean = GOOD.replace("VisibilityTimout", "VisibilityTimeout")
    for n in range(10):
        (tree / f"c{n}.yaml").write_text(clean.format(n=n))
    code_ok, findings_ok, _ = _run(tree, crash=None)
    assert code_ok == 0 and findings_ok == []
    code, findings, _ = _run(tree, crash="c4.yaml")
    assert [_key(f) for f in findings] == [("c4.yaml", "LL011", 1, 1)]
    assert code == 2
