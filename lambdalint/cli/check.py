"""The ``check`` command's work once its flags are parsed: settings, the lint run, the report on
stdout or a file, the stderr notes machine output needs, and the exit code.

Both ways of parsing ``check`` (Typer's, in ``lambdalint.cli.app``, and the fast path in
``lambdalint.cli.fast``) call ``run_check`` with the same keyword arguments.
"""

from __future__ import annotations

import os
import sys
from typing import IO, NoReturn

from lambdalint.cli.common import EXIT_USAGE, codes, fail, parameters


def _open_output(path: str | None) -> IO[str]:
    if path is None:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        fail(f"--output {path}: {exc.strerror or exc}")


def run_check(
    *,
    paths: list[str],
    fmt: str | None,
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    fail_level: str | None,
    as_of: str | None,
    parameter: list[str] | None,
    jobs: int | None,
    region: str | None,
    show_source: bool | None,
    config: str | None,
    output: str | None,
    require_templates: bool,
) -> NoReturn:
    """Lint ``paths`` and exit 0 (nothing at or above the fail level), 1 (findings) or 2."""
    from lambdalint.config import ConfigError, load_settings

    flags = {
        "format": fmt,
        "select": codes(select),
        "extend_select": codes(extend_select),
        "ignore": codes(ignore),
        "fail_level": fail_level,
        "as_of": as_of,
        "parameters": parameters(parameter),
        "jobs": jobs,
        "region": region,
        "show_source": show_source,
    }
    try:
        settings, _ = load_settings(paths, flags, config)
    except ConfigError as exc:
        fail(str(exc))

    from lambdalint.api import lint_paths
    from lambdalint.report import REPORTERS, RenderOptions

    report = lint_paths(paths, settings)
    out = _open_output(output)
    tty = out is sys.stdout and sys.stdout.isatty()
    options = RenderOptions(
        show_source=settings.show_source if settings.show_source is not None else tty,
        color=tty and "NO_COLOR" not in os.environ,
        cwd=os.getcwd(),
    )
    try:
        REPORTERS[settings.format](report, out, options)
    finally:
        if out is not sys.stdout:
            out.close()
    _no_template_warning(paths, report.files_checked, report.files_unreadable, require_templates)
    if settings.format != "text" or out is not sys.stdout:
        # Machine output goes to stdout or a file; say plainly on stderr what could not be linted.
        for finding in report.findings:
            if finding.tool_error:
                sys.stderr.write(f"{finding.loc}: {finding.rule_id} {finding.message}\n")
    if require_templates and not report.files_checked:
        raise SystemExit(EXIT_USAGE)
    raise SystemExit(report.exit_code)


def _no_template_warning(paths: list[str], checked: int, unreadable: int, required: bool) -> None:
    """The CI-gate trap: a directory, glob or standard input that holds no template passes as
    "No problems found". Say so on stderr. Files named one by one (how pre-commit calls the
    hook) that are all non-templates stay silent unless --require-templates asks."""
    if checked or unreadable:
        return  # something was linted, or an unreadable file already fails the run (exit 2)
    from lambdalint.engine.discover import is_search

    searched = [p for p in paths if is_search(p)]
    if not searched and not required:
        return
    names = ", ".join("standard input" if p == "-" else p for p in (searched or paths))
    kind = "error" if required else "warning"
    hint = "" if required else "; --require-templates makes this an error (exit 2)"
    sys.stderr.write(
        f"lambdalint: {kind}: no CloudFormation or SAM template found in {names}, so nothing "
        f"was linted{hint}\n"
    )
