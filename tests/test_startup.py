"""lambdalint/_startup.py: a plain check skips pydantic's plugin discovery and the imports that
discovery needs, and pydantic still finds plugins whenever the user's environment turns them on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        check=True,
    ).stdout.strip()


def test_a_plain_check_does_not_import_the_plugin_machinery() -> None:
    out = _python(
        "import sys; from lambdalint.cli import main; main(['check', 'fixtures/cli/clean.yaml']);"
        "print(sorted(m for m in ('importlib.metadata', 'zipfile', 'email') if m in sys.modules))"
    )
    assert out.splitlines()[-1] == "[]"


def test_plugins_turned_on_by_the_user_reach_the_real_loader() -> None:
    # An explicit setting is the user's: the stand-in is not installed at all.
    out = _python(
        "import sys, lambdalint._startup; from pydantic.plugin._loader import get_plugins;"
        "list(get_plugins()); print(sys.modules['pydantic.plugin._loader'].__file__)",
        PYDANTIC_DISABLE_PLUGINS="",
    )
    assert out.endswith("_loader.py")


def test_the_stand_in_hands_over_when_plugins_are_turned_on_later() -> None:
    out = _python(
        "import os, sys, lambdalint._startup;"
        "from pydantic.plugin._loader import get_plugins;"
        "assert tuple(get_plugins()) == ();"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = 'some-other-plugin';"
        "plugins = list(get_plugins());"
        "print(sys.modules['pydantic.plugin._loader'].__file__)"
    )
    assert out.endswith("_loader.py")


def test_pydantic_models_still_validate_under_the_stand_in() -> None:
    out = _python(
        "import lambdalint._startup; from pydantic import BaseModel\n"
        "class M(BaseModel):\n    n: int\n"
        "print(M.model_validate({'n': '3'}).n)"
    )
    assert out == "3"


def test_only_the_command_line_process_turns_the_cyclic_collector_off() -> None:
    clean = "['check', 'fixtures/cli/clean.yaml']"
    probe = (
        f"import gc, sys; from lambdalint import cli; cli.main({clean});"
        "print('embedded', gc.isenabled());"
        "cli._hard_exit = lambda code: print('process', gc.isenabled());"
        f"sys.argv = ['lambdalint', *{clean}]; cli.main()"
    )
    out = _python(probe).splitlines()
    assert out[-1] == "process False" and "embedded True" in out
