"""``lambdalint check ...`` without Typer: the common invocation (pre-commit, CI) parsed by a
small reader of exactly the ``check`` flags, so a cold run skips importing Typer and building
its pydantic coercion adapters for every parameter (~30-40 ms of a ~250 ms check).

The reader accepts only what it knows click parses the same way: the ``check`` option names of
``lambdalint.cli.app`` (long, ``--name=value``, short ``-fVALUE`` / ``-f VALUE``), ``--`` and
positional paths. Anything else (``--help``, an unknown or misspelt option, a missing value, a
``--jobs`` that is not a plain number, no path, shell completion) returns ``None`` and the
caller hands the same argv to Typer, which parses, helps or reports the usage error itself.
tests/test_cli_fast.py checks the table below against the Typer command and both parsers
against each other.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from typing import IO, Any

# Option -> (keyword of run_check, kind): "one" keeps the last value, "many" appends,
# "int" is one plain decimal number; flags set a constant.
VALUE_OPTIONS: dict[str, tuple[str, str]] = {
    "--format": ("fmt", "one"),
    "-f": ("fmt", "one"),
    "--select": ("select", "many"),
    "--extend-select": ("extend_select", "many"),
    "--ignore": ("ignore", "many"),
    "--fail-level": ("fail_level", "one"),
    "--as-of": ("as_of", "one"),
    "--parameter": ("parameter", "many"),
    "-p": ("parameter", "many"),
    "--jobs": ("jobs", "int"),
    "-j": ("jobs", "int"),
    "--region": ("region", "one"),
    "--config": ("config", "one"),
    "--output": ("output", "one"),
    "-o": ("output", "one"),
}
FLAG_OPTIONS: dict[str, tuple[str, bool]] = {
    "--show-source": ("show_source", True),
    "--no-show-source": ("show_source", False),
    "--require-templates": ("require_templates", True),
}
DEFAULTS: dict[str, Any] = {
    "fmt": None,
    "select": None,
    "extend_select": None,
    "ignore": None,
    "fail_level": None,
    "as_of": None,
    "parameter": None,
    "jobs": None,
    "region": None,
    "show_source": None,
    "config": None,
    "output": None,
    "require_templates": False,
}
# Digits with no sign, space, underscore or leading zero: a value both int() and Typer's
# coercion read as the same number.
_PLAIN_INT = re.compile(r"0|[1-9][0-9]*", re.ASCII)
_COMPLETE_VAR = "_LAMBDALINT_COMPLETE"


def parse_check(argv: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of ``run_check`` for ``["check", ...]``, or ``None`` when Typer
    must parse ``argv`` (see the module docstring)."""
    if not argv or argv[0] != "check" or _COMPLETE_VAR in os.environ:
        return None
    kwargs = dict(DEFAULTS)
    paths: list[str] = []
    rest = argv[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if token == "--":
            paths.extend(rest[i:])
            break
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        if token.startswith("--"):
            name, eq, inline = token.partition("=")
            value: str | None = inline if eq else None
        else:
            name, inline = token[:2], token[2:]
            value = inline or None
        if name in FLAG_OPTIONS and value is None:
            key, flag = FLAG_OPTIONS[name]
            kwargs[key] = flag
            continue
        if name not in VALUE_OPTIONS:
            return None
        if value is None:
            if i >= len(rest) or rest[i].startswith("-"):
                return None  # no value, or one that looks like an option: let click judge
            value = rest[i]
            i += 1
        key, kind = VALUE_OPTIONS[name]
        if kind == "many":
            kwargs[key] = [*(kwargs[key] or []), value]
        elif kind == "int":
            if not _PLAIN_INT.fullmatch(value):
                return None
            kwargs[key] = int(value)
        else:
            kwargs[key] = value
    if not paths:
        return None
    kwargs["paths"] = paths
    return kwargs


class _PacifyFlush:
    """A stream whose flush ignores a closed pipe (click's ``PacifyFlushWrapper``)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def run_fast(kwargs: dict[str, Any]) -> None:
    """Run ``check`` as Typer's standalone mode would: the command's own ``SystemExit`` passes
    through; end of input is "Aborted!" and 1, Ctrl-C is 130, a closed stdout pipe is 1."""
    from lambdalint.cli.check import run_check

    try:
        run_check(**kwargs)
    except EOFError:
        sys.stderr.write("\nAborted!\n")
        sys.stderr.flush()
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _PacifyFlush(sys.stdout)
        sys.stderr = _PacifyFlush(sys.stderr)
        raise SystemExit(1) from None
