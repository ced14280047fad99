"""The code step: before the checks, each function's code is located once (and read, when a code
rule is selected); problems with local code paths become findings of LL017/LL018/LL019, with
the catalog's severity, instead of each rule rescanning the disk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambdalint.engine.finding import Finding
from lambdalint.engine.select import RuleSelector
from lambdalint.severity import Severity

if TYPE_CHECKING:
    from lambdalint.source.code.from_template import TemplateCode
    from lambdalint.source.template import Template

PATH_RULES = ("LL017", "LL018", "LL019")
# Rules that read function code live in this package; code is read only when one is selected.
CODE_PACKAGE = "lambdalint.checks.code."


def code_rules() -> set[str]:
    from lambdalint.engine.registry import REGISTRY

    return {rid for rid, c in REGISTRY.items() if c.fn.__module__.startswith(CODE_PACKAGE)}


def needs_code(selector: RuleSelector, code_rules: set[str]) -> tuple[bool, bool]:
    """(locate?, read?): code is located when a path rule or a code rule is selected, and read
    only for code rules."""
    read = any(selector.is_selected(r) for r in code_rules)
    return read or any(selector.is_selected(r) for r in PATH_RULES), read


def has_code_values(template: Template) -> bool:
    """Cheap test first, so templates whose code is all in S3 or images never load the code
    readers: some resource has a local code path, inline code, or a CDK asset path."""
    from lambdalint.source.code_paths import CODE_PROPERTIES, is_local
    from lambdalint.source.nodes import Mapping, Scalar

    for res in template.resources.values():
        prop = CODE_PROPERTIES.get(res.type)
        if prop is None:
            continue
        value = res.prop(prop)
        if isinstance(value, Scalar) and isinstance(value.value, str) and is_local(value.value):
            return True
        if res.prop("InlineCode") is not None:
            return True
        if isinstance(value, Mapping) and "ZipFile" in value.items:
            return True
        meta = res.metadata()
        if isinstance(meta, Mapping) and "aws:asset:path" in meta.items:
            return True
    return False


def locate_code(template: Template, read: bool) -> tuple[TemplateCode, list[Finding]]:
    from lambdalint.catalog import brief
    from lambdalint.source.code.from_template import read_template_code

    code = read_template_code(template, analyse=read)
    findings = []
    for problem, node, logical_id in code.problems:
        doc = brief(problem.rule_id)
        findings.append(
            Finding(
                problem.rule_id,
                doc.severity if doc is not None else Severity.INFO,
                problem.message,
                node.loc,
                logical_id,
                template.path_of(node),
            )
        )
    return code, findings
