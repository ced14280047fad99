"""The README's sample output is what lambdalint prints (as test_readme.py keeps its rule table).

Every ```console block is a transcript: ``$ lambdalint ...`` lines are run from the repository
root with output piped (so no code frames, as in CI) and must print exactly the lines that follow
them; a ``$ echo $?`` line gives the exit code of the command before it.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^([ \t]*)```console\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
SETUP_COMMAND = "python -m pip install . && lambdalint check fixtures/examples/sam-app.yaml"


def transcripts(text: str) -> list[tuple[str, str, int | None]]:
    """(command, expected stdout, expected exit code or None) for every ``$ lambdalint`` line."""
    found: list[tuple[str, str, int | None]] = []
    for match in BLOCK.finditer(text):
        lines = textwrap.dedent(match.group(2)).splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if not line.startswith("$ lambdalint "):
                continue
            output: list[str] = []
            while i < len(lines) and not lines[i].startswith("$ "):
                output.append(lines[i])
                i += 1
            code = None
            if i + 1 < len(lines) and lines[i] == "$ echo $?":
                code = int(lines[i + 1])
                i += 2
            found.append((line[2:], "".join(f"{x}\n" for x in output), code))
    return found


CASES = transcripts(README)


def test_readme_has_the_set_up_transcript() -> None:
    assert SETUP_COMMAND in README
    setup = [c for c in CASES if c[0] == SETUP_COMMAND.split(" && ", 1)[1]]
    # The banner at the top and the set-up step; the set-up step states the exit code.
    assert len(setup) == 2 and any(code == 1 for _, _, code in setup)


def test_transcript_parser() -> None:
    text = "x\n  ```console\n  $ lambdalint a\n  out\n\n  $ echo $?\n  1\n  ```\n"
    assert transcripts(text) == [("lambdalint a", "out\n\n", 1)]


@pytest.mark.parametrize(("command", "expected", "code"), CASES, ids=[c[0] for c in CASES])
def test_readme_output_is_what_lambdalint_prints(
    command: str, expected: str, code: int | None
) -> None:
    args = shlex.split(command)[1:]
    done = subprocess.run(
        [sys.executable, "-m", "lambdalint.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == expected, done.stderr
    if code is not None:
        assert done.returncode == code
