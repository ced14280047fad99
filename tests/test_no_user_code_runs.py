"""lambdalint reads function code and never runs it. A fixture whose modules write files, start
processes and open sockets when imported is linted in a fresh interpreter under an audit hook
(PEP 578) that records any exec of a code object from the fixture, any import from it, any
process start and any socket; the test asserts nothing was recorded and no file appeared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lintrun import REPO

FIXTURE = REPO / "fixtures" / "code" / "no-exec"

_SCRIPT = r"""
import sys

USER = sys.argv[1]
seen = []

def under_user(value):
    name = getattr(value, "co_filename", value)
    return isinstance(name, str) and name.startswith(USER)

def hook(event, args):
    bad = (
        (event == "exec" and args and under_user(args[0]))
        or (event == "import" and len(args) > 1 and under_user(args[1]))
        or (event == "open" and args and under_user(args[0]) and args[1] not in (None, "r", "rb"))
        or event.startswith(("subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.fork"))
        or event.startswith("socket.")
    )
    if bad:
        seen.append((event, repr(args)[:200]))
        raise RuntimeError(f"audit: {event}")

sys.addaudithook(hook)

from lambdalint.api import lint_paths
from lambdalint.config import Settings

# Every rule, the opt-in ones included (LL219 reads the clients the code creates).
report = lint_paths([USER + "/template.yaml"], Settings(jobs=1, extend_select=("LL219",)))
print("RULES", sorted({f.rule_id for f in report.findings}))
print("SEEN", seen)
"""


def test_linting_code_never_imports_or_runs_it(tmp_path: Path) -> None:
    for marker in ("IMPORTED", "SUBPROCESS"):
        for folder in ("py", "js"):
            assert not (FIXTURE / folder / marker).exists()
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(FIXTURE)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "SEEN []" in done.stdout, done.stdout
    # The code was read: its handlers were found (no LL206), nothing crashed (no LL011).
    rules = next(line for line in done.stdout.splitlines() if line.startswith("RULES"))
    assert "LL011" not in rules and "LL206" not in rules, rules
    for marker in ("IMPORTED", "SUBPROCESS"):
        for folder in ("py", "js"):
            assert not (FIXTURE / folder / marker).exists()


def test_the_audit_hook_would_catch_an_import(tmp_path: Path) -> None:
    """The hook is not vacuous: importing the fixture's module under it is recorded."""
    script = _SCRIPT.split("from lambdalint.api")[0] + (
        "sys.path.insert(0, USER + '/py')\n"
        "try:\n    import helper\nexcept RuntimeError:\n    pass\n"
        "print('SEEN', seen)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(FIXTURE)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert "('import'" in done.stdout or "('exec'" in done.stdout, done.stdout + done.stderr
