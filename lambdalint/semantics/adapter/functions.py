"""A function as the simulator sees it: its timeout, reserved concurrency, dead-letter queue,
and the EventInvokeConfig (retries, maximum age, destinations) of the qualifier a trigger
invokes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambdalint.model.lambda_ import EventInvokeConfig, Function
from lambdalint.model.sources import Trigger as TriggerModel
from lambdalint.model.targets import QualifierKind, Target
from lambdalint.semantics import config as c
from lambdalint.semantics.adapter.targets import Targets
from lambdalint.semantics.adapter.values import integer

if TYPE_CHECKING:
    from lambdalint.model.graph import LambdaGraph


def _qualifier_name(targets: tuple[Target, ...], fn_id: str) -> str | None:
    """The alias name, version or ``$LATEST`` a reference to ``fn_id`` invokes (the first
    branch naming it); None when unqualified or not known."""
    for t in targets:
        if t.function_id != fn_id:
            continue
        if t.qualifier.kind is QualifierKind.LATEST:
            return "$LATEST"
        if t.qualifier.kind in (QualifierKind.ALIAS, QualifierKind.VERSION):
            return t.qualifier.name
        return None
    return None


def _qualifier_text(eic: EventInvokeConfig) -> str | None:
    """The Qualifier an EventInvokeConfig is written for (None when it has none)."""
    q = eic.qualifier
    if q.kind is QualifierKind.LATEST:
        return "$LATEST"
    if q.kind in (QualifierKind.ALIAS, QualifierKind.VERSION):
        return q.name
    return None


class _Unknown(Exception):
    def __init__(self, unknown: c.Unknown) -> None:
        super().__init__(unknown.reason)
        self.unknown = unknown


class Functions:
    def __init__(self, graph: LambdaGraph, targets: Targets) -> None:
        self.graph = graph
        self.targets = targets

    def function(self, fn: Function, trig: TriggerModel | None) -> c.FunctionConfig:
        return c.FunctionConfig(
            name=fn.logical_id,
            timeout=integer(fn.timeout, "Timeout"),
            async_config=self.async_config(fn, trig),
            dead_letter=self.targets.dead_letter(fn.dead_letter),
            reserved_concurrency=integer(fn.reserved_concurrency, "ReservedConcurrentExecutions"),
        )

    def invoke_config(self, fn: Function, trig: TriggerModel | None) -> EventInvokeConfig | None:
        """The EventInvokeConfig that applies to what ``trig`` invokes (raises Unknown)."""
        wanted = (_qualifier_name(trig.targets, fn.logical_id) if trig else None) or "$LATEST"
        own_event = trig is not None and trig.resource_id == fn.logical_id
        for eic in self.graph.objects(EventInvokeConfig):
            if not any(t.function_id == fn.logical_id for t in eic.targets):
                continue
            if eic.generated and eic.resource_id == fn.logical_id and own_event:
                return eic  # SAM points the function's events and its config at the same alias
            if eic.qualifier.kind is QualifierKind.UNKNOWN:
                raise _Unknown(c.Unknown("EventInvokeConfig Qualifier is not known statically"))
            if _qualifier_text(eic) == wanted:
                return eic
        return None

    def async_config(self, fn: Function, trig: TriggerModel | None) -> c.AsyncConfig | c.Unknown:
        try:
            eic = self.invoke_config(fn, trig)
        except _Unknown as exc:
            return exc.unknown
        if eic is None:
            return c.AsyncConfig()
        return async_config(self.targets, eic)


def async_config(targets: Targets, eic: EventInvokeConfig) -> c.AsyncConfig:
    config = eic.destination_config
    return c.AsyncConfig(
        maximum_retry_attempts=integer(eic.maximum_retry_attempts, "MaximumRetryAttempts"),
        maximum_event_age=integer(eic.maximum_event_age, "MaximumEventAgeInSeconds"),
        on_success=targets.destination(config, eic.on_success, "OnSuccess"),
        on_failure=targets.destination(config, eic.on_failure, "OnFailure"),
    )
