"""The Typer app: every command's flags and help texts (``lambdalint --help``, ``check --help``).

Each command only parses; the work is in ``lambdalint.cli.check`` and
``lambdalint.cli.subcommands``. A plain ``lambdalint check ...`` does not come here at all (see
``lambdalint.cli.fast``); tests/test_cli_fast.py keeps that parser equal to this ``check``.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

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
        from lambdalint.cli.help import version_text

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
    from lambdalint.cli.check import run_check

    run_check(
        paths=paths,
        fmt=fmt,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        fail_level=fail_level,
        as_of=as_of,
        parameter=parameter,
        jobs=jobs,
        region=region,
        show_source=show_source,
        config=config,
        output=output,
        require_templates=require_templates,
    )


@app.command()
def rules() -> None:
    """List every rule: id, name, severity and summary (opt-in rules say so)."""
    from lambdalint.cli.subcommands import list_rules

    list_rules()


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id such as LL101.")],
) -> None:
    """Show a rule's documentation: why it matters, a bad and a good example, AWS sources."""
    from lambdalint.cli.subcommands import explain_rule

    explain_rule(rule_id)


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
    from lambdalint.cli.subcommands import draw_graph

    draw_graph(template, fmt, parameter)


# Options the permissions and simulate commands share.
FunctionOption = Annotated[
    str | None, typer.Option("--function", help="Only this function (logical id).")
]
ReportFormatOption = Annotated[str, typer.Option("--format", "-f", help="text or json.")]
ParameterOption = Annotated[
    list[str] | None,
    typer.Option("--parameter", "-p", help="Template parameter override KEY=VALUE; repeatable."),
]


@app.command()
def permissions(
    template: Annotated[str, typer.Argument(help="One template file.")],
    function: FunctionOption = None,
    fmt: ReportFormatOption = "text",
    parameter: ParameterOption = None,
) -> None:
    """Per function: its role and where each grant comes from, what it needs, the gap, and who
    may invoke it."""
    from lambdalint.cli.subcommands import show_permissions

    show_permissions(template, function, fmt, parameter)


@app.command()
def simulate(
    template: Annotated[str, typer.Argument(help="One template file.")],
    function: FunctionOption = None,
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
    fmt: ReportFormatOption = "text",
    parameter: ParameterOption = None,
) -> None:
    """Show what Lambda does with one event of each trigger: attempts, waits, redelivery,
    destinations, and where the event ends up (the reference model behind LL5xx/LL6xx)."""
    from lambdalint.cli.subcommands import simulate_triggers

    simulate_triggers(template, function, trigger, scenario, fmt, parameter)
