"""Where a delivery finding points: the line the user wrote for a trigger, a mapping setting, a
queue or a function property; and the (function, trigger) pairs of a template, built once."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from lambdalint.engine.context import CheckContext
from lambdalint.source.location import Location
from lambdalint.source.nodes import Node

if TYPE_CHECKING:
    from lambdalint.model.base import Model
    from lambdalint.model.graph import LambdaGraph
    from lambdalint.model.lambda_ import Function
    from lambdalint.semantics.from_model import Bound

Site = tuple[Location, tuple[str | int, ...]]
_BOUND: WeakKeyDictionary[LambdaGraph, list[Bound]] = WeakKeyDictionary()


def bound_triggers(ctx: CheckContext) -> list[Bound]:
    """Every deployed (function, trigger) pair as model inputs, computed once per template."""
    cached = _BOUND.get(ctx.graph)
    if cached is None:
        if not any(ctx.graph.triggers_of(fn) for fn in ctx.graph.functions()):
            cached = []  # no triggers: the model is not even imported
        else:
            from lambdalint.semantics.from_model import bound_triggers as build

            # In written order (functions, then their triggers), whatever order the graph
            # holds them in: findings that list several triggers name them the same way.
            cached = sorted(build(ctx), key=_written_order)
        _BOUND[ctx.graph] = cached
    return cached


def _written_order(b: Bound) -> tuple[int, int, str, int, int, str]:
    fn, trig = b.fn_model.loc, b.trigger_model.loc
    return (fn.line, fn.col, b.fn_model.logical_id, trig.line, trig.col, b.trigger_model.logical_id)


def deployed_functions(graph: LambdaGraph, ctx: CheckContext) -> list[Function]:
    """Functions that may be created (a resource Condition known to be false drops it), in
    written order whatever order the graph holds them in."""
    functions = [fn for fn in graph.functions() if ctx.deployed(fn)]
    return sorted(functions, key=lambda fn: (fn.loc.line, fn.loc.col, fn.logical_id))


def resource_site(ctx: CheckContext, model: Model) -> Site:
    res = ctx.template.resources.get(model.resource_id)
    if res is None:
        return model.loc, ("Resources", model.resource_id)
    return res.loc, ("Resources", res.logical_id)


def node_site(ctx: CheckContext, node: Node) -> Site:
    return node.loc, ctx.template.path_of(node)


def trigger_site(ctx: CheckContext, b: Bound) -> Site:
    """A SAM event's name, a mapping resource's id, or the producer's node naming the function."""
    trig = b.trigger_model
    if trig.event_site is not None:
        return trig.event_site.loc, trig.event_site.path
    if b.esm_model is not None and not b.esm_model.generated:
        return resource_site(ctx, b.esm_model)
    # A producer naming the function (a target Arn, an integration Uri): where it names it.
    target = next((t for t in trig.targets if t.function_id == b.fn_model.logical_id), None)
    if target is not None and not trig.generated:
        res = ctx.template.resources.get(trig.resource_id)
        node = _node_at(res.node if res is not None else None, target.loc)
        if node is not None:
            return node_site(ctx, node)
    return resource_site(ctx, trig)


def _node_at(root: Node | None, loc: Location) -> Node | None:
    """The node of ``root`` written at ``loc``."""
    from lambdalint.source.nodes import walk

    if root is None:
        return None
    return next((n for _, n in walk(root) if n.loc == loc), None)


def sam_subscription(b: Bound) -> bool:
    """The SQS mapping SAM makes for an SNS event with ``SqsSubscription``: it writes only Queue,
    BatchSize and Enabled (samtranslator 1.115.0, model/eventsources/push.py
    ``SNS._inject_sqs_event_source_mapping``), so no other setting of it can be changed."""
    return b.esm_model is not None and b.trigger_model.resource_type.endswith(".SNS")


def sam_queue(b: Bound) -> bool:
    """The queue is the one SAM creates for ``SqsSubscription: true``: SAM sets no property on
    it but FifoQueue for a FIFO topic (samtranslator 1.115.0, push.py ``SNS._inject_sqs_queue``),
    so it has no RedrivePolicy and the default 30 s visibility timeout, and the template cannot
    change either."""
    return b.queue_model is not None and b.queue_model.generated


# Said of a finding on SAM's own SqsSubscription queue: how the user can change it.
OWN_QUEUE = (
    "; SAM creates this queue for SqsSubscription without a RedrivePolicy and with the default "
    "visibility timeout, and the template cannot change them: subscribe a queue of your own "
    "instead (SqsSubscription QueueArn)"
)


def setting_site(ctx: CheckContext, b: Bound, *names: str) -> Site:
    """The first of the mapping settings ``names`` that is written, else the trigger."""
    from lambdalint.checks.delivery.variants import setting

    for name in names:
        field = setting(b.esm_model, name) if b.esm_model is not None else None
        if field is not None and field.written:
            return field.site.loc, field.site.path
    return trigger_site(ctx, b)


def timeout_variants(ctx: CheckContext, b: Bound) -> list[tuple[Bound, str]]:
    from lambdalint.semantics.from_model import timeout_variants as variants

    return variants(ctx, b)
