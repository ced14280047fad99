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


def _run_config(project: Path, config: str, *files: str) -> subprocess.CompletedProcess[str]:
    """`pre-commit run` with ``config`` as the project's .pre-commit-config.yaml."""
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    # `language: system` runs the lambdalint on PATH: this test's own.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--verbose", "--files", *files],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


QUIET = ("good.yaml", ".github/ci.yml", "package.json", "site.yml", "k8s.yaml")


def _fails_on_bad_only(project: Path, config: str) -> None:
    failed = _run_config(project, config, "bad.yaml", *QUIET)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "bad.yaml:14:20: LL008 warning: unquoted 'yes'" in output
    assert not [name for name in QUIET if f"{name}:" in output], output
    passed = _run_config(project, config, *QUIET)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # Only non-templates: not a word from lambdalint (no "no template found" warning).
    assert "lambdalint: warning" not in passed.stdout + passed.stderr


def test_readme_file_url_and_commit_sha_form(tmp_path: Path) -> None:
    """The README's offline form: `repo: file://<clone>` with `rev:` a commit sha of it."""
    _require_pre_commit()
    repo = _hook_repo(tmp_path)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    project = _project(tmp_path)
    config = (
        f"repos:\n  - repo: {repo.as_uri()}\n    rev: {sha}\n    hooks:\n      - id: lambdalint\n"
    )
    _fails_on_bad_only(project, config)


def test_readme_repo_local_form(tmp_path: Path) -> None:
    """The README's `repo: local` hook, copied from the README itself, with no clone at all."""
    _require_pre_commit()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("  - repo: local\n")
    block = readme[start : readme.index("```", start)]
    project = _project(tmp_path)
    _fails_on_bad_only(project, "repos:\n" + block)


def test_readme_pins_no_tag_that_does_not_exist() -> None:
    """`rev:` in the README is a 40-hex commit sha placeholder, not a tag such as v0.1.0."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = [
        line.split("rev:", 1)[1].split("#", 1)[0].strip()
        for line in readme.splitlines()
        if "rev:" in line and line.strip().startswith("rev:")
    ]
    assert revs and all(len(r) == 40 and int(r, 16) >= 0 for r in revs), revs
