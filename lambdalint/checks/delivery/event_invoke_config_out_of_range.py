"""LL507 event-invoke-config-out-of-range (docs: rules/catalog/LL507.yaml): MaximumRetryAttempts
and MaximumEventAgeInSeconds of asynchronous invocation, every value asked of the validator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import EventInvokeConfig
from lambdalint.model.values import Known


@check("LL507", on=EventInvokeConfig)
def event_invoke_config_out_of_range(
    eic: EventInvokeConfig, ctx: CheckContext
) -> Iterator[Finding]:
    from lambdalint.semantics.config import AsyncConfig
    from lambdalint.semantics.validate import async_problems

    if eic.condition is not None and ctx.evaluator.condition(eic.condition) is False:
        return
    fields = (
        ("MaximumRetryAttempts", "maximum_retry_attempts", eic.maximum_retry_attempts),
        ("MaximumEventAgeInSeconds", "maximum_event_age", eic.maximum_event_age),
    )
    owner = next((t.function_id for t in eic.targets if t.function_id), eic.resource_id)
    for name, field, written in fields:
        for cand in written.written_values():
            if not isinstance(cand, Known):
                continue
            changes: dict[str, Any] = {field: cand.value}
            for problem in async_problems(AsyncConfig(**changes)):
                if problem.field == name:
                    yield ctx.finding(
                        f"{problem.message} for asynchronous invocation of {owner}{cand.explain()}",
                        at=cand,
                        resource=eic.resource_id,
                    )
