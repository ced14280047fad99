"""The commands that explain rather than lint: ``rules``, ``explain``, ``graph``,
``permissions`` and ``simulate``, once their flags are parsed (``lambdalint.cli.app``)."""

from __future__ import annotations

import sys

from lambdalint.cli.common import EXIT_USAGE, fail, parameters

GRAPH_FORMATS = ("mermaid", "dot", "json")
SIMULATE_FORMATS = ("text", "json")
# How `rules` and `explain` mark a rule that is off by default (catalog enabled_by_default).
OPT_IN_NOTE = "(opt-in)"


def list_rules() -> None:
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


def explain_rule(rule_id: str) -> None:
    from lambdalint.catalog import lookup

    doc = lookup(rule_id)
    if doc is None:
        fail(f"unknown rule {rule_id!r}; `lambdalint rules` lists them all")
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


def draw_graph(template: str, fmt: str, parameter: list[str] | None) -> None:
    if fmt not in GRAPH_FORMATS:
        fail(f"unknown graph format {fmt!r}: expected one of {', '.join(GRAPH_FORMATS)}")
    from lambdalint.source.template import load_template

    tpl, diagnostics = load_template(template, parameters(parameter))
    errors = [d for d in diagnostics if d.tool_error]
    for diag in errors:
        sys.stderr.write(f"{diag.loc}: {diag.rule_id} {diag.message}\n")
    if errors:
        raise SystemExit(EXIT_USAGE)
    if tpl is None:
        fail(f"{template}: not a CloudFormation/SAM template")
    try:
        from lambdalint.model.build import build_graph
        from lambdalint.model.draw import render
    except ModuleNotFoundError as exc:
        fail(f"graph drawing is not available in this build ({exc.name} is missing)")
    sys.stdout.write(render(build_graph(tpl), fmt).rstrip("\n") + "\n")


def show_permissions(
    template: str, function: str | None, fmt: str, parameter: list[str] | None
) -> None:
    if fmt not in ("text", "json"):
        fail(f"unknown format {fmt!r}: expected text or json")
    from lambdalint.iam.cli import permissions_report

    code, out = permissions_report(template, function, fmt, parameters(parameter))
    if code:
        fail(out)
    sys.stdout.write(out)


def simulate_triggers(
    template: str,
    function: str | None,
    trigger: str | None,
    scenario: list[str] | None,
    fmt: str,
    parameter: list[str] | None,
) -> None:
    if fmt not in SIMULATE_FORMATS:
        fail(f"unknown simulate format {fmt!r}: expected text or json")
    from lambdalint.semantics import run
    from lambdalint.source.template import load_template

    scenarios = []
    for text in scenario or []:
        parsed = run.parse_scenario(text)
        if parsed is None:
            fail(f"--scenario {text!r}: expected one of {run.SCENARIO_HELP}")
        scenarios.append(parsed)
    tpl, diagnostics = load_template(template, parameters(parameter))
    for diag in (d for d in diagnostics if d.tool_error):
        sys.stderr.write(f"{diag.loc}: {diag.rule_id} {diag.message}\n")
    if any(d.tool_error for d in diagnostics):
        raise SystemExit(EXIT_USAGE)
    if tpl is None:
        fail(f"{template}: not a CloudFormation/SAM template")
    sims = run.simulate_all(run.context_for(tpl), function, trigger, scenarios or None)
    if (function or trigger) and not sims:
        fail(f"{template}: no trigger matches --function/--trigger")
    if fmt == "json":
        import json

        from lambdalint.semantics.render import as_json

        sys.stdout.write(json.dumps(as_json(sims, template), indent=2, ensure_ascii=False) + "\n")
    else:
        from lambdalint.semantics.render import render_text

        sys.stdout.write(render_text(sims))
