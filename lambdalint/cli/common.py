"""What every ``lambdalint`` command shares: the usage-error exit and the parsing of repeatable
``--select``/``--parameter`` values.

Commands end by raising ``SystemExit`` (never click's ``Exit``), so the same command bodies run
under Typer and under the fast ``check`` path (``lambdalint.cli.fast``), which never imports
Typer; both leave the exit code to ``lambdalint.cli.main``.
"""

from __future__ import annotations

import sys
from typing import NoReturn

EXIT_USAGE = 2


def fail(message: str) -> NoReturn:
    """A usage or configuration problem: one line on stderr, exit 2."""
    sys.stderr.write(f"lambdalint: error: {message}\n")
    raise SystemExit(EXIT_USAGE)


def codes(values: list[str] | None) -> list[str] | None:
    """``--select LL1,LL2 --select LL3`` -> ``["LL1", "LL2", "LL3"]``."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parameters(values: list[str] | None) -> dict[str, str] | None:
    """``-p KEY=VALUE`` values as a mapping (a malformed one is a usage error)."""
    if not values:
        return None
    result: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--parameter {item!r}: expected KEY=VALUE")
        result[key.strip()] = value
    return result
