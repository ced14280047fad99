"""Asynchronous invocation: Lambda's internal event queue, retries, maximum event age, DLQ and
destinations (lambda-facts.md B.2; rows ``async-*`` of rules/facts/invocation.yaml)."""

from __future__ import annotations

from lambdalint.semantics.builder import (
    Builder,
    NeedsValue,
    default,
    function_timeout,
    known,
    known_int,
    target_text,
)
from lambdalint.semantics.config import (
    AsyncConfig,
    AsyncProducer,
    FunctionConfig,
    Scenario,
    ScenarioKind,
    Target,
)
from lambdalint.semantics.table import table
from lambdalint.semantics.trace import Disposition, StepKind, Trace


def simulate_async(fn: FunctionConfig, trigger: AsyncProducer, scenario: Scenario) -> Trace:
    b = Builder(fn.name, trigger.name, scenario.label)
    try:
        return _run(b, fn, scenario)
    except NeedsValue as exc:
        return b.unknown(exc.unknown)


def _run(b: Builder, fn: FunctionConfig, scenario: Scenario) -> Trace:
    config = known(fn.async_config)
    assert isinstance(config, AsyncConfig)
    retries = known_int(config.maximum_retry_attempts, default("async-retry-attempts"))
    max_age = known_int(config.maximum_event_age, default("async-max-event-age"))
    timeout = function_timeout(fn)
    if fn.reserved_concurrency == 0:
        b.add(
            0,
            StepKind.THROTTLE,
            "throttled: reserved concurrency is 0",
            facts=("async-reserved-zero",),
        )
        return _discard(
            b, fn, config, 0, "reserved concurrency 0 sends new events on without retries"
        )
    if scenario.kind is ScenarioKind.THROTTLED:
        return _throttled(b, fn, config, scenario, max_age, timeout)
    waits = [int(w) for w in table()["async-retry-waits"].values]
    t = 0.0
    for attempt in range(1, retries + 2):
        fails = _fails(scenario, attempt)
        duration = timeout if (not fails or scenario.kind is ScenarioKind.TIMES_OUT) else 0
        if not fails:
            b.add(
                t,
                StepKind.ATTEMPT,
                f"attempt {attempt} succeeds",
                attempt,
                ("async-retry-attempts",),
            )
            if config.on_success is not None:
                success = known(config.on_success)
                assert isinstance(success, Target)
                b.add(
                    t + duration,
                    StepKind.DESTINATION,
                    f"on-success record sent to {target_text(success)}",
                )
            return b.done(
                Disposition.DELIVERED if attempt == 1 else Disposition.DELIVERED_AFTER_RETRIES,
                f"attempt {attempt} succeeded",
            )
        how = f"times out after {timeout}s" if scenario.kind is ScenarioKind.TIMES_OUT else "fails"
        b.add(t, StepKind.ATTEMPT, f"attempt {attempt} {how}", attempt, ("async-retry-attempts",))
        t += duration
        if attempt == retries + 1:
            break
        wait = waits[min(attempt - 1, len(waits) - 1)]
        if t + wait > max_age:
            b.add(
                t + wait,
                StepKind.END,
                f"event older than MaximumEventAgeInSeconds {max_age}s: no attempt {attempt + 1}",
                facts=("async-max-event-age",),
            )
            return _discard(
                b, fn, config, t + wait, f"it expired after {attempt} attempts", expired=True
            )
        b.add(
            t,
            StepKind.WAIT,
            f"back in the queue, retried after {wait}s",
            facts=("async-retry-waits",),
        )
        t += wait
    return _discard(b, fn, config, t, f"all {retries + 1} attempts failed")


def _fails(scenario: Scenario, attempt: int) -> bool:
    if scenario.kind is ScenarioKind.SUCCEEDS:
        return False
    if scenario.kind is ScenarioKind.FAILS_FIRST_N:
        return attempt <= (scenario.n or 0)
    return True


def _throttled(
    b: Builder,
    fn: FunctionConfig,
    config: AsyncConfig,
    scenario: Scenario,
    max_age: int,
    timeout: int,
) -> Trace:
    row = table()["async-throttle-backoff"]
    t, delay, count = 0.0, float(row.num("min")), 0
    limit = scenario.n
    while limit is None or count < limit:
        if t + delay > max_age:
            b.add(
                0,
                StepKind.THROTTLE,
                f"throttled {count + 1} times; retried with backoff from {row.min}s"
                f" up to {row.max}s",
                facts=("async-throttle-backoff",),
            )
            b.add(
                max_age,
                StepKind.END,
                f"event older than MaximumEventAgeInSeconds {max_age}s",
                facts=("async-max-event-age",),
            )
            return _discard(
                b, fn, config, max_age, "it was throttled until it expired", expired=True
            )
        count += 1
        t += delay
        delay = min(delay * 2, float(row.num("max")))
    b.add(
        0,
        StepKind.THROTTLE,
        f"throttled {count} times; retried with backoff",
        facts=("async-throttle-backoff",),
    )
    b.add(t, StepKind.ATTEMPT, "attempt 1 succeeds", 1)
    return b.done(
        Disposition.DELIVERED_AFTER_RETRIES, "the event ran once it was no longer throttled"
    )


def _discard(
    b: Builder, fn: FunctionConfig, config: AsyncConfig, t: float, why: str, expired: bool = False
) -> Trace:
    on_failure = known(config.on_failure)
    dlq = known(fn.dead_letter)
    if isinstance(on_failure, Target):
        b.add(
            t,
            StepKind.DESTINATION,
            f"sent to the on-failure destination {target_text(on_failure)}",
            facts=("async-discard",),
        )
    if isinstance(dlq, Target):
        b.add(
            t,
            StepKind.DESTINATION,
            f"sent to the dead-letter queue {target_text(dlq)}",
            facts=("async-discard",),
        )
    if isinstance(on_failure, Target):
        return b.done(Disposition.SENT_TO_ON_FAILURE, why)
    if isinstance(dlq, Target):
        return b.done(Disposition.SENT_TO_DLQ, why)
    b.add(
        t,
        StepKind.END,
        ("expired" if expired else "dropped") + ": no DLQ and no on-failure destination",
        facts=("async-discard",),
    )
    return b.done(Disposition.EXPIRED if expired else Disposition.DROPPED, why)
