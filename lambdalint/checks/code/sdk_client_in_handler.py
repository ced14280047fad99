"""LL211 sdk-client-in-handler (docs: rules/catalog/LL211.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.code.common import anchor, code_place, read_functions
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check


@check("LL211", on=None)
def sdk_client_in_handler(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn, analysis in read_functions(ctx):
        for client in analysis.clients:
            # in_handler: created in the body of this function's own handler, nowhere else.
            if not client.in_handler:
                continue
            yield ctx.finding(
                f"{code_place(fn, str(client.at))} creates an AWS SDK client ({client.service}) "
                f"inside handler {analysis.handler.function!r}: it is rebuilt on every "
                "invocation; create it once at module level so warm invocations reuse it",
                at=anchor(fn),
                resource=fn.logical_id,
            )
