"""The real `pre-commit try-repo` against this working tree, in temporary git repositories.

try-repo installs the hook from a repository's committed HEAD, so the working tree (with any
uncommitted changes) is copied into a fresh repository and committed there first. Building the
hook environment installs lambdalint's dependencies from PyPI, hence ``slow``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What building the package needs (pyproject's readme, the package, the shipped rules) + the hook.
SHIPPED = ("pyproject.toml", "README.md", "lambdalint", "rules", ".pre-commit-hooks.yaml")

pytestmark = pytest.mark.slow


def _require_pre_commit() -> None:
    if importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pre-commit and git must be installed in CI")
        pytest.skip("pre-commit (pip install pre-commit) or git is not installed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def _hook_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "hook-repo"
    repo.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_rules")
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "working tree")
    return repo


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    fixtures = ROOT / "fixtures" / "cli"
    shutil.copy(fixtures / "yaml11.yaml", project / "bad.yaml")
    shutil.copy(fixtures / "clean.yaml", project / "good.yaml")
    (project / ".github").mkdir()
    shutil.copy(fixtures / "workflow.yaml", project / ".github" / "ci.yml")
    (project / "package.json").write_text('{"name": "x", "version": "1.0.0"}\n', encoding="utf-8")
    (project / "site.yml").write_text("- hosts: all\n  tasks: []\n", encoding="utf-8")
    (project / "k8s.yaml").write_text("kind: A\n---\nkind: B\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    return project


def _try_repo(project: Path, repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(repo),
            "lambdalint",
            "--verbose",
            "--files",
            *files,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_pre_commit_try_repo_fails_on_a_bad_template_only(tmp_path: Path) -> None:
    _require_pre_commit()
    repo = _hook_repo(tmp_path)
    project = _project(tmp_path)

    quiet = ("good.yaml", ".github/ci.yml", "package.json", "site.yml", "k8s.yaml")
    failed = _try_repo(project, repo, "bad.yaml", *quiet)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "bad.yaml:14:20: LL008 warning: unquoted 'yes'" in output
    assert not [name for name in quiet if f"{name}:" in output], output

    passed = _try_repo(project, repo, *quiet)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
