"""Simulate every trigger of a template (what ``lambdalint simulate`` calls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambdalint.semantics.config import Scenario, Unknown
from lambdalint.semantics.render import Simulation
from lambdalint.semantics.simulate import scenarios_for, simulate

if TYPE_CHECKING:
    from lambdalint.engine.context import CheckContext
    from lambdalint.semantics.from_model import Bound


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
    for value in vars(trigger).values():
        if isinstance(value, Unknown):
            out.append(value.reason)
        elif value is not None and hasattr(value, "__dataclass_fields__"):
            out.extend(v.reason for v in vars(value).values() if isinstance(v, Unknown))
    return tuple(dict.fromkeys(out))


def simulate_all(
    ctx: CheckContext,
    function: str | None = None,
    trigger: str | None = None,
    scenarios: list[Scenario] | None = None,
) -> list[Simulation]:
    from lambdalint.semantics.from_model import bound_triggers

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
        traces = tuple(simulate(bound.function, bound.trigger, s) for s in chosen)
        out.append(
            Simulation(
                bound.fn_model.logical_id, bound.trigger.name, bound.label, traces, notes_for(bound)
            )
        )
    return out
