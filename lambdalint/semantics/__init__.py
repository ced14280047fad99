"""The executable reference model of Lambda invocation (DESIGN.md, "The reference model").

``simulate(function, trigger, scenario) -> Trace``: what Lambda does with one event from one
trigger, step by step with times, and the event's final disposition. Deterministic, no clock,
no randomness, and no dependency on the template model: inputs are the plain frozen dataclasses
of ``config.py``; ``from_model.py`` is the one entry that builds them from the typed template
model (``adapter/``, one module per noun, reading typed fields only).

The documented behaviours it encodes live in ``rules/facts/invocation.yaml`` (one row per fact,
each with its AWS source), read once on first use, so importing this package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Names are imported on first use (PEP 562), so importing one submodule (the adapter needs only
# config) does not load the simulator, the pollers or the behaviour table.
_EXPORTS = {
    "simulate": "dispatch",
    "scenarios_for": "dispatch",
    "Disposition": "trace",
    "Step": "trace",
    "StepKind": "trace",
    "Trace": "trace",
}
_CONFIG = (
    "UNKNOWN_TIMEOUT",
    "AsyncConfig",
    "AsyncProducer",
    "EventSourceMapping",
    "FunctionConfig",
    "QueueConfig",
    "Scenario",
    "ScenarioKind",
    "SourceKind",
    "SyncCaller",
    "Target",
    "TargetKind",
    "Trigger",
    "Unknown",
    "is_unknown",
)
__all__ = [
    "UNKNOWN_TIMEOUT",
    "AsyncConfig",
    "AsyncProducer",
    "Disposition",
    "EventSourceMapping",
    "FunctionConfig",
    "QueueConfig",
    "Scenario",
    "ScenarioKind",
    "SourceKind",
    "Step",
    "StepKind",
    "SyncCaller",
    "Target",
    "TargetKind",
    "Trace",
    "Trigger",
    "Unknown",
    "is_unknown",
    "scenarios_for",
    "simulate",
]

if TYPE_CHECKING:
    from lambdalint.semantics.config import (
        UNKNOWN_TIMEOUT,
        AsyncConfig,
        AsyncProducer,
        EventSourceMapping,
        FunctionConfig,
        QueueConfig,
        Scenario,
        ScenarioKind,
        SourceKind,
        SyncCaller,
        Target,
        TargetKind,
        Trigger,
        Unknown,
        is_unknown,
    )
    from lambdalint.semantics.dispatch import scenarios_for, simulate
    from lambdalint.semantics.trace import Disposition, Step, StepKind, Trace


def __getattr__(name: str) -> Any:
    import importlib

    module = _EXPORTS.get(name) or ("config" if name in _CONFIG else None)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"lambdalint.semantics.{module}"), name)
