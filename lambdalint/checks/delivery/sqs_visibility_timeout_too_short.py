"""LL505 sqs-visibility-timeout-too-short (docs: rules/catalog/LL505.yaml).

Error iff the model says Lambda rejects the mapping (``simulate(succeeds)`` is rejected: the
function timeout exceeds the visibility timeout). Warning iff, otherwise, a batch throttled as
often as the AWS guidance allows for is processed more than once (``simulate(throttled n)``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import (
    OWN_QUEUE,
    Site,
    bound_triggers,
    resource_site,
    sam_queue,
    timeout_variants,
    trigger_site,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph
from lambdalint.severity import Severity

if TYPE_CHECKING:
    from lambdalint.semantics.config import (
        FunctionConfig,
        Scenario,
        Trigger,
    )


def throttled() -> Scenario:
    from lambdalint.semantics.config import Scenario, ScenarioKind
    from lambdalint.semantics.table import table

    return Scenario(ScenarioKind.THROTTLED, n=int(table()["sqs-throttle-retry-spacing"].values[0]))


def verdict(fn: FunctionConfig, trigger: Trigger) -> Severity | None:
    from lambdalint.semantics.config import EventSourceMapping, Scenario, ScenarioKind, SourceKind
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    SUCCEEDS = Scenario(ScenarioKind.SUCCEEDS)
    if not isinstance(trigger, EventSourceMapping) or trigger.source is not SourceKind.SQS:
        return None
    if simulate(fn, trigger, SUCCEEDS).disposition is Disposition.REJECTED:
        return Severity.ERROR
    if simulate(fn, trigger, throttled()).disposition is Disposition.PROCESSED_MORE_THAN_ONCE:
        return Severity.WARNING
    return None


@check("LL505")
def sqs_visibility_timeout_too_short(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.config import EventSourceMapping

    seen: set[tuple[str, str, Severity, str]] = set()
    pairs = [v for b in bound_triggers(ctx) for v in timeout_variants(ctx, b)]
    for b, why in pairs:
        severity = verdict(b.function, b.trigger)
        if severity is None or b.queue_model is None:
            continue
        key = (b.queue_model.logical_id, b.fn_model.logical_id, severity, why)
        if key in seen:
            continue
        seen.add(key)
        queue = b.queue_model.logical_id
        vis = _visibility(b.trigger)
        generated = sam_queue(b)
        shown = f"{vis} s" if isinstance(vis, int) else "30 s by default"
        if generated:
            shown = "30 s, as SAM creates it"
        timeout = b.function.timeout if isinstance(b.function.timeout, int) else 3
        if severity is Severity.ERROR:
            message = (
                f"the visibility timeout of queue {queue} ({shown}) is below the timeout of "
                f"{b.fn_model.logical_id} ({timeout} s): Lambda rejects the event source mapping"
            )
        else:
            window = b.trigger.batching_window if isinstance(b.trigger, EventSourceMapping) else 0
            plus = f" + window {window} s" if isinstance(window, int) and window else ""
            message = (
                f"the visibility timeout of queue {queue} ({shown}) is below 6 x the timeout of "
                f"{b.fn_model.logical_id} ({timeout} s){plus}: a batch whose invocation is "
                "throttled becomes visible again before it is done and is processed twice"
            )
        if generated:
            message += OWN_QUEUE
        loc, path = _site(ctx, b)
        resource = b.queue_model.resource_id if generated else queue
        yield ctx.finding(message + why, at=loc, resource=resource, path=path, severity=severity)


def _visibility(trigger: Trigger) -> object:
    from lambdalint.semantics.config import EventSourceMapping, QueueConfig

    if isinstance(trigger, EventSourceMapping) and isinstance(trigger.queue, QueueConfig):
        return trigger.queue.visibility_timeout
    return None


def _site(ctx: CheckContext, b: object) -> Site:
    from lambdalint.semantics.from_model import Bound

    assert isinstance(b, Bound) and b.queue_model is not None
    written = b.queue_model.visibility_timeout
    if written.written and not b.queue_model.generated:
        return written.site.loc, written.site.path
    timeout = b.fn_model.timeout.site
    if timeout.path[-1:] == ("Timeout",):  # written on the function or in Globals
        return timeout.loc, timeout.path
    if b.queue_model is not None:
        return resource_site(ctx, b.queue_model)
    return trigger_site(ctx, b)
