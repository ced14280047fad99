"""Many files lint in worker processes; a worker that dies costs only its own file (LL011)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lambdalint.api import PARALLEL_MIN_FILES, lint_paths
from lambdalint.config import Settings
from lambdalint.engine.parallel import CRASH_ENV

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"


def make_tree(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        target = tmp_path / f"t{i:02d}.yaml"
        shutil.copy(FIXTURES / "yaml11.yaml", target)
        paths.append(str(target))
    return paths


def summary(report: object) -> list[tuple[str, str, int, int]]:
    return [
        (Path(f.loc.file).name, f.rule_id, f.loc.line, f.loc.col)  # type: ignore[attr-defined]
        for f in report.findings
    ]  # type: ignore[attr-defined]


def test_parallel_equals_serial(tmp_path: Path) -> None:
    paths = make_tree(tmp_path, PARALLEL_MIN_FILES + 2)
    parallel = lint_paths(paths, Settings(jobs=2))
    serial = lint_paths(paths, Settings(jobs=1))
    assert summary(parallel) == summary(serial)
    assert len(parallel.findings) == len(paths) and parallel.files_checked == len(paths)


def test_dead_worker_is_ll011_for_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make_tree(tmp_path, PARALLEL_MIN_FILES + 2)
    monkeypatch.setenv(CRASH_ENV, "t03.yaml")
    report = lint_paths(paths, Settings(jobs=2))
    found = summary(report)
    assert ("t03.yaml", "LL011", 1, 1) in found
    assert [f for f in found if f[0] == "t03.yaml"] == [("t03.yaml", "LL011", 1, 1)]
    others = [f for f in found if f[0] != "t03.yaml"]
    assert others == [(Path(p).name, "LL008", 14, 20) for p in paths if not p.endswith("t03.yaml")]
    crash = next(f for f in report.findings if f.rule_id == "LL011")
    assert crash.tool_error and "worker process linting this file died" in crash.message
    assert report.exit_code == 2


def test_crash_hook_is_not_read_in_serial_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make_tree(tmp_path, 2)
    monkeypatch.setenv(CRASH_ENV, "t00.yaml")
    assert [f[1] for f in summary(lint_paths(paths, Settings(jobs=4)))] == ["LL008", "LL008"]


def test_fewer_files_than_the_pool_threshold_never_start_a_pool(tmp_path: Path) -> None:
    """A single template, however large, and a handful of files lint in this process: on two
    cores a pool costs more start-up than it saves."""
    import subprocess
    import sys

    paths = make_tree(tmp_path, PARALLEL_MIN_FILES - 1)
    probe = (
        "import sys; from lambdalint.api import lint_paths; from lambdalint.config import "
        f"Settings; lint_paths({paths!r}, Settings(jobs=4));"
        "print(sorted(m for m in sys.modules if m in "
        "('lambdalint.engine.parallel', 'concurrent.futures.process', 'multiprocessing')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
