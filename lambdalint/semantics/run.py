"""Simulate every trigger of a template (what ``lambdalint simulate`` calls)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lambdalint.semantics.config import Scenario, Unknown
from lambdalint.semantics.dispatch import scenarios_for, simulate
from lambdalint.semantics.render import Simulation

if TYPE_CHECKING:
    from lambdalint.model.graph import LambdaGraph
    from lambdalint.semantics.from_model import Bound, Context
    from lambdalint.source.intrinsics import Evaluator
    from lambdalint.source.template import Template


def notes_for(bound: Bound) -> tuple[str, ...]:
    """The inputs of this pair that the template leaves unknown or conditional."""
    out: list[str] = []
    fn = bound.function
    if fn.timeout is None:
        out.append("Timeout not set: the AWS default 3 s is used")
    for value in (fn.timeout, fn.async_config, fn.dead_letter, fn.reserved_concurrency):
        if isinstance(value, Unknown):
            out.append(value.reason)
    trigger = bound.trigger
    queue = getattr(trigger, "queue", None)
    if queue is not None and getattr(queue, "visibility_timeout", 0) is None:
        out.append("the queue's VisibilityTimeout is not set: the default 30 s is used")
    for value in vars(trigger).values():
        if isinstance(value, Unknown):
            out.append(value.reason)
        elif value is not None and hasattr(value, "__dataclass_fields__"):
            out.extend(v.reason for v in vars(value).values() if isinstance(v, Unknown))
    return tuple(dict.fromkeys(out))


def simulate_all(
    ctx: Context,
    function: str | None = None,
    trigger: str | None = None,
    scenarios: list[Scenario] | None = None,
) -> list[Simulation]:
    from lambdalint.semantics.from_model import bound_triggers, timeout_variants

    out: list[Simulation] = []
    for bound in bound_triggers(ctx):
        if function is not None and bound.fn_model.logical_id != function:
            continue
        if trigger is not None and trigger not in (
            bound.trigger.name,
            bound.trigger_model.logical_id,
        ):
            continue
        chosen = scenarios or scenarios_for(bound.trigger)
        # A Timeout that differs between conditions: one simulation per branch, labelled.
        for variant, why in timeout_variants(ctx, bound):
            traces = tuple(simulate(variant.function, variant.trigger, s) for s in chosen)
            label = bound.label + (f" — Timeout {variant.function.timeout} s{why}" if why else "")
            out.append(
                Simulation(
                    bound.fn_model.logical_id,
                    bound.trigger.name,
                    label,
                    traces,
                    notes_for(variant),
                )
            )
    return out


SCENARIO_HELP = "succeeds, fails-always, fails-first-n:N, times-out, throttled[:N], poison-record"


def parse_scenario(text: str) -> Scenario | None:
    """``fails-first-n:2`` -> Scenario(FAILS_FIRST_N, 2); None when not a scenario."""
    from lambdalint.semantics.config import ScenarioKind

    name, _, count = text.strip().partition(":")
    try:
        kind = ScenarioKind(name)
    except ValueError:
        return None
    if count:
        if not count.isdigit():
            return None
        return Scenario(kind, int(count))
    if kind is ScenarioKind.FAILS_FIRST_N:
        return Scenario(kind, 1)
    return Scenario(kind)


@dataclass
class SimContext:
    """The context the adapter reads, for simulating outside a lint run."""

    template: Template
    graph: LambdaGraph
    evaluator: Evaluator


def context_for(template: Template) -> SimContext:
    """A context for simulating outside a lint run."""
    from lambdalint.model.build import build_graph
    from lambdalint.source.intrinsics import Evaluator

    return SimContext(template, build_graph(template), Evaluator(template))
