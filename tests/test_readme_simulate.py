"""The README's ``lambdalint simulate`` examples are the command's real output on the fixtures
they name (``pytest tests/test_readme_simulate.py --update-fixtures`` rewrites them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lambdalint.cli import main

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
EXAMPLES = {
    "s3-async": ["--scenario", "fails-always", "--scenario", "times-out"],
    "sqs-redrive": ["--scenario", "fails-always", "--scenario", "poison-record"],
    "kinesis-poison": ["--scenario", "poison-record"],
}


def _block(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = f"fixtures/examples/simulate/{name}.yaml"
    args = EXAMPLES[name]
    assert main(["simulate", str(REPO / path), *args]) == 0
    out = capsys.readouterr().out
    command = " ".join(["lambdalint simulate", path, *args])
    return f"```console\n$ {command}\n{out}```"


def test_readme_simulate_examples_are_current(
    capsys: pytest.CaptureFixture[str], update_fixtures: bool
) -> None:
    text = README.read_text(encoding="utf-8")
    updated = text
    for name in EXAMPLES:
        start, end = f"<!-- simulate:{name}:start -->", f"<!-- simulate:{name}:end -->"
        assert start in text and end in text, name
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
        replacement = f"{start}\n{_block(name, capsys)}\n{end}"
        updated = pattern.sub(lambda _m, r=replacement: r, updated)
    if update_fixtures:
        README.write_text(updated, encoding="utf-8")
        return
    assert updated == text, "README simulate examples are stale: run pytest --update-fixtures"
