"""LL206 handler-not-found (docs: rules/catalog/LL206.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, code_place, is_inline, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL206", on=None)
def handler_not_found(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        h = analysis.handler
        inline = is_inline(fn)
        if h.status.value == "no-file" and not inline:  # inline: LL207's
            tried = ", ".join(code_place(fn, t) for t in h.tried)
            yield ctx.finding(
                f"Handler {fn.handler!r}: no module file in the code (looked for {tried}); "
                "every invocation fails with Runtime.ImportModuleError",
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
