"""Lint one file: read, parse, build the graph, run every selected check, apply suppressions.

Nothing here raises for bad input or a broken rule: a crashing check becomes an LL011 tool-error
finding naming the rule, and the other checks still run.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Iterable
from typing import Any

from lambdalint.engine.code_step import code_rules, has_code_values, locate_code, needs_code
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import group
from lambdalint.engine.registry import REGISTRY, RegisteredCheck
from lambdalint.engine.results import FileResult
from lambdalint.engine.select import RuleSelector
from lambdalint.engine.settings import LintSettings
from lambdalint.engine.suppress import apply_suppressions, find_suppressions
from lambdalint.severity import Severity
from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.location import Location
from lambdalint.source.problems import Problem
from lambdalint.source.reader import SourceText, read_source
from lambdalint.source.template import Template, parse_text

CRASH_RULE = "LL011"
BUG_REPORT = "https://github.com/lambdalint/lambdalint/issues"
# Keys whose absence proves a file is no template, checked on the raw text before parsing, so
# neither a directory search nor pre-commit parses every package-lock.json or playbook it meets.
_TEMPLATE_MARKERS = ("Resources", "AWSTemplateFormatVersion", "Transform")


def crash_finding(
    file: str, what: str, exc: BaseException, loc: Location | None = None, resource: str = ""
) -> Finding:
    """LL011: lambdalint itself failed; the message names what and asks for a bug report."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Finding(
        CRASH_RULE,
        Severity.ERROR,
        f"{what} crashed: {type(exc).__name__}: {exc}{where}. This is a lambdalint "
        f"bug; please report it at {BUG_REPORT} with the template",
        loc or Location.point(file),
        resource,
        (),
        tool_error=True,
    )


def _resource_of(path: tuple[str | int, ...]) -> str:
    if len(path) >= 2 and path[0] == "Resources" and isinstance(path[1], str):
        return path[1]
    return ""


def diagnostic_finding(diag: Diagnostic) -> Finding:
    return Finding(
        diag.rule_id,
        diag.severity,
        diag.message,
        diag.loc,
        _resource_of(diag.path),
        diag.path,
        diag.tool_error,
    )


def _build_graph(template: Template, evaluator: Any) -> Any:
    from lambdalint.model.build import build_graph

    return build_graph(template, evaluator)


def run_checks(template: Template, selector: RuleSelector, settings: LintSettings) -> list[Finding]:
    """Findings of every selected check on one template (crashes become LL011 findings)."""
    from lambdalint.catalog import brief
    from lambdalint.engine.context import CheckContext
    from lambdalint.source.intrinsics import Evaluator

    if not REGISTRY:
        # The composition root registers the checks (lambdalint.api imports lambdalint.checks);
        # running none at all is a wiring bug, never a clean result.
        raise RuntimeError("no checks are registered: import lambdalint.checks first")
    checks = [REGISTRY[rid] for rid in sorted(REGISTRY) if selector.is_selected(rid)]
    if not checks and not needs_code(selector, code_rules())[0]:
        return []
    out: list[Finding] = []
    try:
        evaluator = Evaluator(template)
        graph = _build_graph(template, evaluator)
    except Exception as exc:
        return [crash_finding(template.file, "building the Lambda model", exc)]
    code = None
    locate, read = needs_code(selector, code_rules())
    if locate and has_code_values(template):
        try:
            code, code_findings = locate_code(template, read)
            out.extend(f for f in code_findings if selector.is_selected(f.rule_id))
        except Exception as exc:
            # The template's other rules still run; the code rules see no code (ctx.code None).
            out.append(crash_finding(template.file, "reading function code", exc))
    for check in checks:
        doc = brief(check.rule_id)
        options = _options(check, doc.options if doc is not None else {}, settings.rules)
        ctx = CheckContext(
            template,
            graph,
            evaluator,
            settings.as_of,
            check.rule_id,
            doc.severity if doc is not None else Severity.WARNING,
            options,
            code=code,
            region=settings.region,
        )
        _run_one(check, graph, ctx, out)
    return out


def _options(check: RegisteredCheck, defaults: dict[str, Any], rules: dict[str, Any]) -> Any:
    """What ``ctx.options`` is: the rule's options object (validated by config; built here from
    a raw mapping only when Settings were made without config, as in tests and the API), or for a
    rule without an options model, its catalog defaults updated with the configured values."""
    given = rules.get(check.rule_id)
    if check.options is not None:
        if isinstance(given, check.options):
            return given
        return check.options.model_validate(given or {})
    return {**defaults, **(given or {})}


def _run_one(check: RegisteredCheck, graph: Any, ctx: Any, out: list[Finding]) -> None:
    """One check over its subjects (the graph, or every deployed object of its class). A crash
    is isolated to the object it happened on: one LL011 at that object, findings already
    produced for it kept, and the check still runs on the other objects."""
    # Objects in the order they are written, so a grouped finding names its functions in that
    # order whatever order the graph was built in.
    try:
        subjects: list[Any] = (
            [graph]
            if check.on is None
            else sorted(
                (m for m in graph.objects(check.on) if ctx.deployed(m)),
                key=lambda m: (m.loc.line, m.loc.col, m.logical_id),
            )
        )
    except Exception as exc:  # the graph cannot list the objects: the rule cannot run at all
        out.append(crash_finding(ctx.template.file, f"rule {check.rule_id}", exc))
        return
    found: list[Finding] = []
    for subject in subjects:
        name = "" if subject is graph else getattr(subject, "logical_id", "")
        _call(check, subject, ctx, found, name)
    out.extend(group(found) if check.group else found)


def _call(check: RegisteredCheck, subject: Any, ctx: Any, out: list[Finding], name: str) -> None:
    try:
        for finding in check.fn(subject, ctx):
            out.append(finding)
    except Exception as exc:
        what = f"rule {check.rule_id}" + (f" on {name}" if name else "")
        loc = getattr(subject, "loc", None) if name else None
        out.append(crash_finding(ctx.template.file, what, exc, loc, name))


def _lines_for(text: str, findings: Iterable[Finding]) -> dict[int, str]:
    wanted = {f.loc.line for f in findings}
    if not wanted:
        return {}
    lines = text.split("\n")
    return {n: lines[n - 1] for n in wanted if 0 < n <= len(lines)}


def lint_source(
    source: SourceText, settings: LintSettings, selector: RuleSelector, discovered: bool = False
) -> FileResult:
    """Lint already-read text.

    Files that cannot be templates are skipped without a word, so a broad pre-commit pattern
    (every YAML/JSON file) stays quiet: text that never mentions Resources,
    AWSTemplateFormatVersion or Transform (workflows, Ansible playbooks, Kubernetes manifests,
    package.json), empty files, and mappings without those keys. A list or scalar document that
    does mention them is reported (LL003) when named explicitly, skipped when found by a search
    (rules/catalog/LL003.yaml).
    """
    from lambdalint.catalog import rule_ids

    if not any(marker in source.text for marker in _TEMPLATE_MARKERS):
        return FileResult(source.file, skipped=True)
    template, diagnostics = parse_text(source, settings.parameters, settings.limits)
    if template is None and (
        not any(d.tool_error for d in diagnostics)
        or (discovered and any(d.problem is Problem.NOT_A_MAPPING for d in diagnostics))
    ):
        return FileResult(source.file, skipped=True)
    findings = [diagnostic_finding(d) for d in diagnostics]
    if template is not None:
        # The parsed tree (tens of thousands of located nodes for a large template) lives until
        # the file is done: frozen, the collector stops rescanning it on every allocation burst
        # of the model build and the checks (~100 ms of 250 ms for 250 functions).
        gc.freeze()
        try:
            findings.extend(run_checks(template, selector, settings))
        finally:
            gc.unfreeze()
    findings = [f for f in findings if f.tool_error or selector.is_selected(f.rule_id)]
    if template is not None:
        catalog = rule_ids()
        # Rules that ran: loader rules (LL0xx) always do, others when registered and selected.
        active = [
            rid
            for rid in catalog
            if selector.is_selected(rid) and (rid in REGISTRY or rid.startswith("LL0"))
        ]
        findings = apply_suppressions(
            findings,
            find_suppressions(template),
            is_active=lambda code: any(rid.startswith(code) for rid in active),
            known=lambda code: any(rid.startswith(code) for rid in catalog),
        )
        findings = [f for f in findings if f.tool_error or selector.is_selected(f.rule_id)]
    findings.sort(key=Finding.sort_key)
    return FileResult(source.file, tuple(findings), lines=_lines_for(source.text, findings))


def lint_file(
    path: str,
    settings: LintSettings,
    selector: RuleSelector | None = None,
    discovered: bool = False,
) -> FileResult:
    """Lint one file; never raises (an internal failure becomes an LL011 finding)."""
    selector = selector or settings.selector()
    try:
        source = read_source(path, settings.limits)
        if isinstance(source, Diagnostic):
            return FileResult(path, (diagnostic_finding(source),), unreadable=True)
        return lint_source(source, settings, selector, discovered)
    except Exception as exc:
        return FileResult(path, (crash_finding(path, "linting this file", exc),))
