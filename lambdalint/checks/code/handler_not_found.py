"""LL206 handler-not-found (docs: rules/catalog/LL206.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, code_place, is_inline, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.code.locate import language_of

# What is missing and how invocations fail, by language (rules/catalog/LL206.yaml).
_MODULE = ("module file", "every invocation fails with Runtime.ImportModuleError")
_MISSING = {
    "java": ("class file", "every invocation fails with ClassNotFoundException (Class not found)"),
    "dotnet": ("assembly", "every invocation fails: the runtime cannot load the assembly"),
    "ruby": ("script", "every invocation fails: the runtime cannot load the file"),
}


@check("LL206", on=None)
def handler_not_found(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        h = analysis.handler
        inline = is_inline(fn)
        if h.status.value == "no-file" and not inline:  # inline: LL207's
            tried = ", ".join(code_place(fn, t) for t in h.tried)
            what, failure = _MISSING.get(language_of(fn.runtime) or "", _MODULE)
            yield ctx.finding(
                f"Handler {fn.handler!r}: no {what} in the code (looked for {tried}); {failure}",
                at=anchor(fn),
                resource=fn.logical_id,
            )
        elif h.status.value == "no-function":
            place = "the inline code" if inline else code_place(fn, h.file)
            yield ctx.finding(
                f"Handler {fn.handler!r}: {place} does not define "
                f"{'or export ' if h.file.endswith(('js', 'ts')) else ''}{h.function!r}; "
                "every invocation fails with Runtime.HandlerNotFound",
                at=anchor(fn),
                resource=fn.logical_id,
            )
