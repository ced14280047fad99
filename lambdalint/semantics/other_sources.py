"""Amazon MQ, Kafka and DocumentDB pollers: only what the behaviour table documents."""

from __future__ import annotations

from lambdalint.semantics.builder import Builder, NeedsValue, known_int
from lambdalint.semantics.config import (
    EventSourceMapping,
    FunctionConfig,
    Scenario,
    ScenarioKind,
    Unknown,
)
from lambdalint.semantics.table import table
from lambdalint.semantics.trace import Disposition, StepKind, Trace


def simulate_other(fn: FunctionConfig, esm: EventSourceMapping, scenario: Scenario) -> Trace:
    b = Builder(fn.name, esm.name, scenario.label)
    try:
        window = known_int(esm.batching_window, 0)
    except NeedsValue as exc:
        return b.unknown(exc.unknown)
    if scenario.kind is ScenarioKind.SUCCEEDS and fn.reserved_concurrency != 0:
        b.add(window, StepKind.ATTEMPT, "attempt 1 succeeds", 1)
        return b.done(Disposition.DELIVERED, "attempt 1 succeeded")
    if esm.source.value == "mq" and scenario.kind in (
        ScenarioKind.FAILS_ALWAYS,
        ScenarioKind.TIMES_OUT,
    ):
        redeliveries = int(table()["mq-redelivery"].values[0])
        b.add(window, StepKind.ATTEMPT, "attempt 1 fails", 1)
        b.add(
            None,
            StepKind.REPEAT,
            f"... redelivered {redeliveries} times (ActiveMQ defaults)",
            facts=("mq-redelivery",),
        )
        b.add(
            None,
            StepKind.REDRIVE,
            "moved to the broker's dead-letter queue",
            facts=("mq-redelivery",),
        )
        return b.done(Disposition.SENT_TO_DLQ, f"{redeliveries + 1} attempts failed")
    return b.unknown(
        Unknown(
            f"the model does not cover {esm.source.label} error handling"
            " (unverified in lambda-facts.md B.5-B.6)"
        )
    )
