"""``simulate(function, trigger, scenario) -> Trace``: dispatch to the poller or queue that
handles the trigger, and the scenarios that matter for each kind of trigger."""

from __future__ import annotations

from lambdalint.semantics.config import (
    AsyncProducer,
    EventSourceMapping,
    FunctionConfig,
    Scenario,
    ScenarioKind,
    SourceKind,
    SyncCaller,
    Trigger,
)
from lambdalint.semantics.trace import Trace


def simulate(
    fn: FunctionConfig, trigger: Trigger, scenario: Scenario, check_deploy: bool = True
) -> Trace:
    """What Lambda does with one event. ``check_deploy=False`` runs a configuration Lambda would
    refuse to create (e.g. a queue whose visibility timeout was lowered after the mapping)."""
    if isinstance(trigger, AsyncProducer):
        from lambdalint.semantics.async_queue import simulate_async

        return simulate_async(fn, trigger, scenario)
    if isinstance(trigger, SyncCaller):
        from lambdalint.semantics.sync import simulate_sync

        return simulate_sync(fn, trigger, scenario)
    if trigger.source is SourceKind.SQS:
        from lambdalint.semantics.sqs import simulate_sqs

        return simulate_sqs(fn, trigger, scenario, check_deploy)
    if trigger.source.is_stream:
        from lambdalint.semantics.streams import simulate_stream

        return simulate_stream(fn, trigger, scenario)
    from lambdalint.semantics.other_sources import simulate_other

    return simulate_other(fn, trigger, scenario)


def uses_async_config(trigger: Trigger) -> bool:
    """Whether the function's dead-letter queue and EventInvokeConfig (retries, age,
    destinations) ever apply to events of ``trigger``: only the Lambda event queue of an
    asynchronous invocation reads them (row ``async-config-async-only``); ``simulate`` of a
    synchronous caller or a mapping never sends to them."""
    return isinstance(trigger, AsyncProducer)


def scenarios_for(trigger: Trigger) -> list[Scenario]:
    """The scenarios worth showing for a trigger when none is asked for."""
    if isinstance(trigger, SyncCaller):
        return [Scenario(ScenarioKind.SUCCEEDS)]
    if isinstance(trigger, AsyncProducer):
        return [Scenario(ScenarioKind.FAILS_ALWAYS)]
    if isinstance(trigger, EventSourceMapping) and trigger.source is SourceKind.SQS:
        return [
            Scenario(ScenarioKind.SUCCEEDS),
            Scenario(ScenarioKind.FAILS_ALWAYS),
            Scenario(ScenarioKind.POISON_RECORD),
        ]
    if isinstance(trigger, EventSourceMapping) and trigger.source.is_stream:
        return [Scenario(ScenarioKind.FAILS_ALWAYS), Scenario(ScenarioKind.POISON_RECORD)]
    return [Scenario(ScenarioKind.FAILS_ALWAYS)]
