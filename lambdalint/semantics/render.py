"""``lambdalint simulate`` output: a readable timeline, or JSON (schema:
rules/schemas/simulate.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lambdalint.semantics.trace import Trace

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Simulation:
    """The traces of one (function, trigger) pair."""

    function: str
    trigger: str
    label: str
    traces: tuple[Trace, ...]
    # Inputs the template leaves unknown or conditional, for the reader.
    notes: tuple[str, ...] = ()


def _t(t: float | None) -> str:
    return "t=?" if t is None else f"t={t:g}s"


def _unverified(facts: tuple[str, ...]) -> bool:
    from lambdalint.semantics.table import table

    rows = table().rows
    return any(f in rows and not rows[f].verified for f in facts)


def render_text(simulations: list[Simulation]) -> str:
    out: list[str] = []
    for sim in simulations:
        out.append(sim.label)
        for note in sim.notes:
            out.append(f"  note: {note}")
        for trace in sim.traces:
            out.append(f"  scenario: {trace.scenario}")
            for step in trace.steps:
                shown = "" if step.t is None and step.kind.value == "repeat" else _t(step.t)
                mark = " [unverified]" if _unverified(step.facts) else ""
                out.append(f"    {shown:<10}{step.text}{mark}")
            others = f"; other records: {trace.others.text}" if trace.others else ""
            reason = f" ({trace.reason})" if trace.reason else ""
            out.append(f"    => {trace.disposition.text}{reason}{others}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n" if out else "no triggers to simulate\n"


def as_json(simulations: list[Simulation], template: str) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "template": template,
        "simulations": [
            {
                "function": sim.function,
                "trigger": sim.trigger,
                "label": sim.label,
                "notes": list(sim.notes),
                "traces": [
                    {
                        "scenario": trace.scenario,
                        "disposition": trace.disposition.value,
                        "reason": trace.reason,
                        "others": trace.others.value if trace.others else None,
                        "unknowns": list(trace.unknowns),
                        "steps": [
                            {
                                "t": step.t,
                                "kind": step.kind.value,
                                "text": step.text,
                                "attempt": step.attempt,
                                "facts": list(step.facts),
                            }
                            for step in trace.steps
                        ],
                    }
                    for trace in sim.traces
                ],
            }
            for sim in simulations
        ],
    }
