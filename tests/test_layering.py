"""The import layering of DESIGN.md, kept by import-linter with the contracts in pyproject.toml
([tool.importlinter]): source imports nothing downstream, model does not import checks, engine,
report, cli or config, checks do not import config, cli or report, and the subpackages are layered
(cli > api > config > report | checks > engine > iam : semantics : model > source), so no import
cycle joins them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    return subprocess.run(
        [exe, "--config", str(config), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_layering_contracts_are_kept() -> None:
    result = lint_imports(REPO / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_broken_contract_fails(tmp_path: Path) -> None:
    """The machinery reports a real breach: the engine does read source (it must), so a
    contract forbidding it is broken."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_package = "lambdalint"\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "engine without source"\n'
        'type = "forbidden"\n'
        'source_modules = ["lambdalint.engine"]\n'
        'forbidden_modules = ["lambdalint.source"]\n',
        encoding="utf-8",
    )
    result = lint_imports(config)
    assert result.returncode != 0
    assert "engine without source BROKEN" in result.stdout
