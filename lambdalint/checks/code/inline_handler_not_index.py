"""LL207 inline-handler-not-index (docs: rules/catalog/LL207.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, is_inline
from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL207", on=None)
def inline_handler_not_index(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.code is None:
        return
    facts = load_data("facts/code.yaml")["inline_file"]
    for fn in ctx.code.functions:
        if not is_inline(fn) or not fn.handler or "." not in fn.handler:
            continue
        # Python splits the handler at its last dot, Node.js at its first.
        python = fn.site.file_name.endswith(".py")
        module = fn.handler.rsplit(".", 1)[0] if python else fn.handler.split(".", 1)[0]
        if module != facts["module"]:
            yield ctx.finding(
                f"Handler {fn.handler!r} names module {module!r}, but inline code is written "
                f"to {fn.site.file_name}: the handler must start with 'index.' "
                f"(e.g. index.{fn.handler.rsplit('.', 1)[-1]})",
                at=anchor(fn),
                resource=fn.logical_id,
            )
