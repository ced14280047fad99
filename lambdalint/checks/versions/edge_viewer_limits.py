"""LL415 edge-function-limits (docs: rules/catalog/LL415.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.edge import edge_facts
from lambdalint.checks.versions.model import edge_uses
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function

VIEWER = ("viewer-request", "viewer-response")
ORIGIN = ("origin-request", "origin-response")


@check("LL415", on=Function)
def edge_viewer_limits(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    # The quotas are widely cited but not confirmed in an AWS document: a warning, never an error.
    facts = edge_facts()
    viewer, origin = facts["viewer_event_limits"], facts["origin_event_limits"]
    events = {
        e for use in edge_uses(ctx.graph, fn) for e in use.association.event_type.known_values()
    }
    if events & set(VIEWER):
        memory = fn.memory_size.only()
        if memory is not None and fn.memory_size.written and memory > viewer["memory_mb"]:
            yield ctx.finding(
                f"function {fn.logical_id} handles a CloudFront viewer event with MemorySize "
                f"{memory} MB; viewer-event functions are limited to {viewer['memory_mb']} MB",
                at=fn.memory_size.site,
                resource=fn.logical_id,
            )
    limit = viewer["timeout_s"] if events & set(VIEWER) else None
    if limit is None and events & set(ORIGIN):
        limit = origin["timeout_s"]
    timeout = fn.timeout.only()
    if limit is not None and timeout is not None and fn.timeout.written and timeout > limit:
        kind = "viewer" if events & set(VIEWER) else "origin"
        yield ctx.finding(
            f"function {fn.logical_id} handles a CloudFront {kind} event with Timeout "
            f"{timeout} s; {kind}-event functions are limited to {limit} s",
            at=fn.timeout.site,
            resource=fn.logical_id,
        )
