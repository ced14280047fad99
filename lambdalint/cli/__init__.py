"""The ``lambdalint`` command: check, rules, explain, graph, permissions, simulate.

Thin on purpose: parse flags, build Settings, call ``lambdalint.api``, render. Heavy modules
(pydantic models, the graph, reporters) are imported inside the commands that need them, and a
plain ``lambdalint check ...`` is parsed without Typer (``lambdalint.cli.fast``), so a small
``check`` starts fast. Results go to stdout, diagnostics to stderr. Exit codes: 0 nothing at or
above the fail level, 1 findings, 2 usage or tool error.

This module is the process boundary: the exit code, and never a traceback. The flags and help
texts are in ``lambdalint.cli.app``, the ``check`` run in ``lambdalint.cli.check``, the other
commands in ``lambdalint.cli.subcommands``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import NoReturn

import lambdalint._startup  # noqa: F401  (before pydantic is imported: see the module)
from lambdalint.cli.common import EXIT_USAGE

__all__ = ["main", "run"]


def main(argv: list[str] | None = None) -> int:
    """Console entry point: 0, 1 or 2, never a traceback.

    Called without ``argv`` (the installed ``lambdalint`` script), the process ends right after
    flushing its output, skipping the interpreter's teardown of every imported module (about 40
    ms of a 300 ms run), as mypy's ``hard_exit`` does. With ``argv`` (tests, embedding) it returns.

    That process also runs without the cyclic garbage collector: a lint leaves almost no cyclic
    garbage (~20 objects a file; reference counting frees the rest), yet the collector rescans
    the growing heap of imported modules, parsed nodes and models hundreds of times, ~10% of a
    small check and ~20% of a 250-function one, and superlinearly more as templates grow.
    """
    if argv is None:
        gc.disable()
    code = _run(argv)
    if argv is None:
        _hard_exit(code)
    return code


def _run(argv: list[str] | None, *, fast: bool = True) -> int:
    """Click's standalone mode turns usage errors into a message and exit code 2; anything else
    escaping a command is a lambdalint bug and is reported as such, still on one line."""
    # lambdalint needs no pydantic plugins; skipping their discovery (an entry-point scan of every
    # installed distribution) saves start-up time. Only this process and its workers see this.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        _dispatch(argv, fast)
    except SystemExit as exc:
        if exc.code is None:
            return 0
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("lambdalint: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as a killed-by-SIGPIPE process would.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        sys.stderr.write(
            f"lambdalint: internal error: {type(exc).__name__}: {exc}. This is a "
            "lambdalint bug; please report it at "
            "https://github.com/lambdalint/lambdalint/issues\n"
        )
        return EXIT_USAGE
    return 0


def _dispatch(argv: list[str] | None, fast: bool) -> None:
    """A ``check`` the fast reader understands runs without Typer; everything else (help, other
    commands, usage errors) goes through the Typer app. ``fast=False`` forces Typer (tests).
    On Windows the process's own argv stays with click, which expands its wildcards first."""
    if fast and not (argv is None and os.name == "nt"):
        from lambdalint.cli.fast import parse_check, run_fast

        kwargs = parse_check(sys.argv[1:] if argv is None else list(argv))
        if kwargs is not None:
            run_fast(kwargs)
            return
    import typer.main

    from lambdalint.cli.app import app
    from lambdalint.cli.help import tidy

    tidy(typer.main.get_command(app)).main(args=argv, prog_name="lambdalint")


def _hard_exit(code: int) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (| head) or a closed stream has nothing left to flush.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def run() -> None:
    main()
