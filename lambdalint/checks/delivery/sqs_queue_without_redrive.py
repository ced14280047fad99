"""LL502 sqs-queue-without-redrive (docs: rules/catalog/LL502.yaml).

Fires iff the model says an always-failing message from the SQS source queue expires (is deleted
at the end of the retention period): ``simulate(fn, sqs mapping, fails-always)`` is expired."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lambdalint.checks.delivery.sites import (
    OWN_QUEUE,
    Site,
    bound_triggers,
    resource_site,
    sam_queue,
    trigger_site,
)
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

if TYPE_CHECKING:
    from lambdalint.semantics.config import (
        FunctionConfig,
        Trigger,
    )
    from lambdalint.semantics.trace import Trace


def expires(fn: FunctionConfig, trigger: Trigger) -> Trace | None:
    from lambdalint.semantics.config import EventSourceMapping, Scenario, ScenarioKind, SourceKind
    from lambdalint.semantics.dispatch import simulate
    from lambdalint.semantics.trace import Disposition

    scenario = Scenario(ScenarioKind.FAILS_ALWAYS)
    if not isinstance(trigger, EventSourceMapping) or trigger.source is not SourceKind.SQS:
        return None
    trace = simulate(fn, trigger, scenario)
    return trace if trace.disposition is Disposition.EXPIRED else None


@check("LL502")
def sqs_queue_without_redrive(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    by_queue: dict[str, list[str]] = {}
    # Where to report, the resource named, and whether SAM generated the queue.
    sites: dict[str, tuple[Site, str, bool]] = {}
    for b in bound_triggers(ctx):
        if b.queue_model is None or expires(b.function, b.trigger) is None:
            continue
        queue_id = b.queue_model.logical_id
        by_queue.setdefault(queue_id, []).append(b.fn_model.logical_id)
        if sam_queue(b):
            # SAM's queue for an SNS event's SqsSubscription: at that event, on the function.
            sites[queue_id] = (trigger_site(ctx, b), b.queue_model.resource_id, True)
        else:
            sites[queue_id] = (resource_site(ctx, b.queue_model), queue_id, False)
    for queue_id, functions in by_queue.items():
        (loc, path), resource, generated = sites[queue_id]
        names = " and ".join(dict.fromkeys(functions))
        fix = (
            OWN_QUEUE + " with a RedrivePolicy: a dead-letter queue and maxReceiveCount of at "
            "least 5"
            if generated
            else "; add a RedrivePolicy with a dead-letter queue and maxReceiveCount of at least 5"
        )
        yield ctx.finding(
            f"queue {queue_id}, the event source of {names}, has no RedrivePolicy: a message "
            "that always fails is received again after every visibility timeout until the "
            "queue's retention period ends, then deleted" + fix,
            at=loc,
            resource=resource,
            path=path,
        )
