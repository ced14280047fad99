"""The ``lambdalint`` command: check, rules, explain, graph.

Thin on purpose: parse flags, build Settings, call ``lambdalint.api``, render. Heavy modules
(pydantic models, the graph, reporters) are imported inside the commands that need them, so
``lambdalint --help`` and a small ``check`` start fast. Results go to stdout, diagnostics to
stderr. Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage or tool error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, Annotated, NoReturn

import typer
import typer.main

import lambdalint._startup  # noqa: F401  (before pydantic is imported: see the module)

EXIT_USAGE = 2
# How `rules` and `explain` mark a rule that is off by default (catalog enabled_by_default).
OPT_IN_NOTE = "(opt-in)"

app = typer.Typer(
    name="lambdalint",
    help="Lint AWS SAM and CloudFormation templates for AWS Lambda problems before you deploy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from lambdalint.cli_help import version_text

        sys.stdout.write(version_text())
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and the rule data versions, then exit.",
        ),
    ] = False,
) -> None:
    """Lint AWS SAM and CloudFormation templates for AWS Lambda problems before you deploy."""


def _fail(message: str) -> NoReturn:
    """A usage or configuration problem: one line on stderr, exit 2."""
    sys.stderr.write(f"lambdalint: error: {message}\n")
    raise typer.Exit(EXIT_USAGE)


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _parameters(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    result: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            _fail(f"--parameter {item!r}: expected KEY=VALUE")
        result[key.strip()] = value
    return result


def _open_output(path: str | None) -> IO[str]:
    if path is None:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        _fail(f"--output {path}: {exc.strerror or exc}")


@app.command()
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Template files, directories (searched for templates) or globs; - reads one "
            "template from standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text (default), json, sarif or github."
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(metavar="CODES", help="Report only these ids or prefixes (LL1)."),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(metavar="CODES", help="Also report these (turns on opt-in rules)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(metavar="CODES", help="Do not report these rule ids or prefixes."),
    ] = None,
    fail_level: Annotated[
        str | None,
        typer.Option(metavar="LEVEL", help="Severity that exits 1 (default: warning)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Date for date rules (default: today)."),
    ] = None,
    parameter: Annotated[
        list[str] | None,
        typer.Option(
            "--parameter", "-p", metavar="KEY=VALUE", help="Set a template parameter; repeatable."
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", help="Worker processes (default: one per CPU)."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", metavar="REGION", help="Region deployed to (default: unknown)."),
    ] = None,
    show_source: Annotated[
        bool | None,
        typer.Option(
            "--show-source/--no-show-source",
            help="Show code frames (default: on a terminal).",
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Config file (default: the nearest one)."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write results to FILE, not stdout."),
    ] = None,
    require_templates: Annotated[
        bool,
        typer.Option("--require-templates", help="Exit 2 if the paths hold no template."),
    ] = False,
) -> None:
    """Lint templates and report findings."""
    from lambdalint.config import ConfigError, load_settings

    flags = {
        "format": fmt,
        "select": _codes(select),
        "extend_select": _codes(extend_select),
        "ignore": _codes(ignore),
        "fail_level": fail_level,
        "as_of": as_of,
        "parameters": _parameters(parameter),
        "jobs": jobs,
        "region": region,
        "show_source": show_source,
    }
    try:
        settings, _ = load_settings(paths, flags, config)
    except ConfigError as exc:
        _fail(str(exc))

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
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(report.exit_code)


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


@app.command()
def rules() -> None:
    """List every rule: id, name, severity and summary (opt-in rules say so)."""
    from lambdalint.catalog import load_catalog

    docs = list(load_catalog().values())
    name_width = max((len(d.name) for d in docs), default=4)
    sys.stdout.write(f"{'ID':<6} {'NAME':<{name_width}} {'SEVERITY':<8} SUMMARY\n")
    for doc in docs:
        opt_in = "" if doc.enabled_by_default else f"{OPT_IN_NOTE} "
        sys.stdout.write(
            f"{doc.id:<6} {doc.name:<{name_width}} {doc.severity!s:<8} {opt_in}{doc.summary}\n"
        )


def _indent(text: str) -> str:
    return "".join(f"    {line}".rstrip() + "\n" for line in text.rstrip().splitlines())


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id such as LL101.")],
) -> None:
    """Show a rule's documentation: why it matters, a bad and a good example, AWS sources."""
    from lambdalint.catalog import lookup

    doc = lookup(rule_id)
    if doc is None:
        _fail(f"unknown rule {rule_id!r}; `lambdalint rules` lists them all")
    parts = [f"{doc.id} {doc.name} ({doc.severity})\n\n{doc.summary}\n"]
    if not doc.enabled_by_default:
        parts.append(
            f"\n{OPT_IN_NOTE}: runs only when selected by id or theme, e.g. "
            f"--extend-select {doc.id} (or extend-select in the config file).\n"
        )
    if doc.why.strip():
        parts.append(f"\nWhy it matters:\n{_indent(doc.why)}")
    if doc.known_problems.strip():
        parts.append(f"\nKnown problems:\n{_indent(doc.known_problems)}")
    if doc.bad.strip():
        parts.append(f"\nExample (bad):\n{_indent(doc.bad)}")
    if doc.good.strip():
        parts.append(f"\nUse instead (good):\n{_indent(doc.good)}")
    if doc.options:
        opts = "".join(f"    {k}: {v!r}\n" for k, v in doc.options.items())
        parts.append(f"\nOptions (defaults):\n{opts}")
    if doc.sources:
        parts.append("\nSources:\n" + "".join(f"    {s}\n" for s in doc.sources))
    if doc.aliases:
        parts.append(f"\nAliases: {', '.join(doc.aliases)}\n")
    parts.append(f"\nMore: {doc.help_uri}\n")
    sys.stdout.write("".join(parts))


GRAPH_FORMATS = ("mermaid", "dot", "json")


@app.command()
def graph(
    template: Annotated[str, typer.Argument(metavar="TEMPLATE", help="One template file.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="mermaid (default), dot or json.",
            show_default=False,
        ),
    ] = "mermaid",
    parameter: Annotated[
        list[str] | None,
        typer.Option(
            "--parameter", "-p", metavar="KEY=VALUE", help="Set a template parameter; repeatable."
        ),
    ] = None,
) -> None:
    """Draw the template's Lambda graph: functions, triggers, roles, layers, destinations."""
    if fmt not in GRAPH_FORMATS:
        _fail(f"unknown graph format {fmt!r}: expected one of {', '.join(GRAPH_FORMATS)}")
    from lambdalint.source.template import load_template

    tpl, diagnostics = load_template(template, _parameters(parameter))
    errors = [d for d in diagnostics if d.tool_error]
    for diag in errors:
        sys.stderr.write(f"{diag.loc}: {diag.rule_id} {diag.message}\n")
    if errors:
        raise typer.Exit(EXIT_USAGE)
    if tpl is None:
        _fail(f"{template}: not a CloudFormation/SAM template")
    try:
        from lambdalint.model.build import build_graph
        from lambdalint.model.draw import render
    except ModuleNotFoundError as exc:
        _fail(f"graph drawing is not available in this build ({exc.name} is missing)")
    sys.stdout.write(render(build_graph(tpl), fmt).rstrip("\n") + "\n")


@app.command()
def permissions(
    template: Annotated[str, typer.Argument(help="One template file.")],
    function: Annotated[
        str | None, typer.Option("--function", help="Only this function (logical id).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    parameter: Annotated[
        list[str] | None,
        typer.Option(
            "--parameter", "-p", help="Template parameter override KEY=VALUE; repeatable."
        ),
    ] = None,
) -> None:
    """Per function: its role and where each grant comes from, what it needs, the gap, and who
    may invoke it."""
    if fmt not in ("text", "json"):
        _fail(f"unknown format {fmt!r}: expected text or json")
    from lambdalint.iam.cli import permissions_report

    code, out = permissions_report(template, function, fmt, _parameters(parameter))
    if code:
        _fail(out)
    sys.stdout.write(out)


SIMULATE_FORMATS = ("text", "json")


@app.command()
def simulate(
    template: Annotated[str, typer.Argument(help="One template file.")],
    function: Annotated[
        str | None, typer.Option("--function", help="Only this function (logical id).")
    ] = None,
    trigger: Annotated[
        str | None, typer.Option("--trigger", help="Only this trigger (event or resource id).")
    ] = None,
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            help="succeeds, fails-always, fails-first-n:N, times-out, throttled[:N] or "
            "poison-record; repeatable (default: the scenarios that matter per trigger).",
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    parameter: Annotated[
        list[str] | None,
        typer.Option(
            "--parameter", "-p", help="Template parameter override KEY=VALUE; repeatable."
        ),
    ] = None,
) -> None:
    """Show what Lambda does with one event of each trigger: attempts, waits, redelivery,
    destinations, and where the event ends up (the reference model behind LL5xx/LL6xx)."""
    if fmt not in SIMULATE_FORMATS:
        _fail(f"unknown simulate format {fmt!r}: expected text or json")
    from lambdalint.semantics import run
    from lambdalint.source.template import load_template

    scenarios = []
    for text in scenario or []:
        parsed = run.parse_scenario(text)
        if parsed is None:
            _fail(f"--scenario {text!r}: expected one of {run.SCENARIO_HELP}")
        scenarios.append(parsed)
    tpl, diagnostics = load_template(template, _parameters(parameter))
    for diag in (d for d in diagnostics if d.tool_error):
        sys.stderr.write(f"{diag.loc}: {diag.rule_id} {diag.message}\n")
    if any(d.tool_error for d in diagnostics):
        raise typer.Exit(EXIT_USAGE)
    if tpl is None:
        _fail(f"{template}: not a CloudFormation/SAM template")
    sims = run.simulate_all(run.context_for(tpl), function, trigger, scenarios or None)
    if (function or trigger) and not sims:
        _fail(f"{template}: no trigger matches --function/--trigger")
    if fmt == "json":
        import json

        from lambdalint.semantics.render import as_json

        sys.stdout.write(json.dumps(as_json(sims, template), indent=2, ensure_ascii=False) + "\n")
    else:
        from lambdalint.semantics.render import render_text

        sys.stdout.write(render_text(sims))


def main(argv: list[str] | None = None) -> int:
    """Console entry point: 0, 1 or 2, never a traceback.

    Called without ``argv`` (the installed ``lambdalint`` script), the process ends right after
    flushing its output, skipping the interpreter's teardown of every imported module (about 40
    ms of a 300 ms run), as mypy's ``hard_exit`` does. With ``argv`` (tests, embedding) it returns.
    """
    code = _run(argv)
    if argv is None:
        _hard_exit(code)
    return code


def _run(argv: list[str] | None) -> int:
    """Click's standalone mode turns usage errors into a message and exit code 2; anything else
    escaping a command is a lambdalint bug and is reported as such, still on one line."""
    # lambdalint needs no pydantic plugins; skipping their discovery (an entry-point scan of every
    # installed distribution) saves start-up time. Only this process and its workers see this.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from lambdalint.cli_help import tidy

        tidy(typer.main.get_command(app)).main(args=argv, prog_name="lambdalint")
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


def _hard_exit(code: int) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (| head) or a closed stream has nothing left to flush.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def run() -> None:
    main()


if __name__ == "__main__":
    run()
