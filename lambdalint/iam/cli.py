"""The ``lambdalint permissions`` command body (cli.py only parses flags)."""

from __future__ import annotations


def permissions_report(
    path: str, function: str | None, fmt: str, parameters: dict[str, str] | None
) -> tuple[int, str]:
    from lambdalint.iam.analysis import analyse
    from lambdalint.iam.report import as_json, as_text, report
    from lambdalint.model.build import build_graph
    from lambdalint.source.intrinsics import Evaluator
    from lambdalint.source.template import load_template

    tpl, diagnostics = load_template(path, parameters)
    errors = [d for d in diagnostics if d.tool_error]
    if errors:
        return 2, "; ".join(f"{d.loc}: {d.message}" for d in errors)
    if tpl is None:
        return 2, f"{path}: not a CloudFormation/SAM template"
    data = report(analyse(tpl, build_graph(tpl), Evaluator(tpl)), function)
    if function is not None and not data:
        return 2, f"{path}: no function {function!r}"
    return 0, as_json(data) + "\n" if fmt == "json" else as_text(data)
