"""Synchronous callers: Lambda does not retry; the caller waits up to its own timeout
(lambda-facts.md B.1; rows ``sync-*``)."""

from __future__ import annotations

from lambdalint.semantics.builder import Builder, NeedsValue, function_timeout, known
from lambdalint.semantics.config import FunctionConfig, Scenario, ScenarioKind, SyncCaller
from lambdalint.semantics.trace import Disposition, StepKind, Trace


def simulate_sync(fn: FunctionConfig, caller: SyncCaller, scenario: Scenario) -> Trace:
    b = Builder(fn.name, caller.name, scenario.label)
    try:
        timeout = function_timeout(fn)
        waits = known(caller.timeout)
    except NeedsValue as exc:
        return b.unknown(exc.unknown)
    if fn.reserved_concurrency == 0 or scenario.kind is ScenarioKind.THROTTLED:
        b.add(
            0,
            StepKind.THROTTLE,
            "invocation throttled: the caller gets 429 TooManyRequestsException",
            facts=("concurrency-reserved-zero",),
        )
        return b.done(Disposition.THROTTLED, "the function has no concurrency available")
    runs = (
        0
        if scenario.kind
        in (ScenarioKind.FAILS_ALWAYS, ScenarioKind.FAILS_FIRST_N, ScenarioKind.POISON_RECORD)
        else timeout
    )
    b.add(
        0, StepKind.ATTEMPT, f"attempt 1 runs for up to {runs}s" if runs else "attempt 1 fails", 1
    )
    if isinstance(waits, (int, float)) and runs > waits:
        b.add(
            waits,
            StepKind.END,
            f"{caller.service} stops waiting after {waits:g}s;"
            f" the function runs on until t={runs}s",
            facts=(f"sync-{caller.service}-timeout",)
            if caller.service in ("rest", "http", "websocket", "cognito")
            else (),
        )
        return b.done(
            Disposition.CALLER_TIMED_OUT,
            f"the caller waits {waits:g}s, the function may run {runs}s",
        )
    if scenario.kind is ScenarioKind.SUCCEEDS:
        b.add(runs, StepKind.END, "the response is returned to the caller")
        return b.done(Disposition.DELIVERED, "attempt 1 succeeded")
    b.add(
        runs,
        StepKind.END,
        "the error is returned to the caller; Lambda does not retry",
        facts=("sync-no-retry",),
    )
    return b.done(Disposition.RETURNED_ERROR, "synchronous invocations are not retried")
