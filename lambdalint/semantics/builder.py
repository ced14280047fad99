"""A small trace builder shared by the pollers: steps in time order and the unknowns met."""

from __future__ import annotations

from dataclasses import dataclass, field

from lambdalint.semantics.config import FunctionConfig, Target, Unknown, is_unknown
from lambdalint.semantics.table import table
from lambdalint.semantics.trace import Disposition, Step, StepKind, Trace


class NeedsValue(Exception):
    """A value the simulation needs is Unknown: the trace ends with disposition unknown."""

    def __init__(self, unknown: Unknown) -> None:
        super().__init__(unknown.reason)
        self.unknown = unknown


def known(value: object) -> object:
    if is_unknown(value):
        raise NeedsValue(value)
    return value


def known_int(value: int | Unknown | None, default: int) -> int:
    if isinstance(value, Unknown):
        raise NeedsValue(value)
    return default if value is None else value


def function_timeout(fn: FunctionConfig) -> int:
    from lambdalint.facts import limits

    return known_int(fn.timeout, limits().timeout.default)


def default(row_id: str) -> int:
    return table()[row_id].num("default")


@dataclass
class Builder:
    function: str
    trigger: str
    scenario: str
    steps: list[Step] = field(default_factory=list)
    unknowns: list[str] = field(default_factory=list)

    def add(
        self,
        t: float | None,
        kind: StepKind,
        text: str,
        attempt: int | None = None,
        facts: tuple[str, ...] = (),
    ) -> None:
        self.steps.append(Step(t, kind, text, attempt, facts))

    def done(
        self, disposition: Disposition, reason: str = "", others: Disposition | None = None
    ) -> Trace:
        return Trace(
            self.function,
            self.trigger,
            self.scenario,
            tuple(self.steps),
            disposition,
            reason,
            others,
            tuple(self.unknowns),
        )

    def unknown(self, unknown: Unknown) -> Trace:
        self.unknowns.append(unknown.reason)
        self.add(None, StepKind.END, f"the model stops: {unknown.reason}")
        return self.done(Disposition.UNKNOWN, unknown.reason)


def target_text(target: Target) -> str:
    kind = "EventBridge" if target.kind.value == "eventbridge" else target.kind.value.upper()
    return f"{target.name} ({kind})" if target.name else kind
