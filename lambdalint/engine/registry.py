"""Explicit rule registration: ``@check("LL101", on=Function)`` joins an implementation to its
catalog entry by id. ``on`` names the model class the rule is called with, once per object in the
graph; ``on=None`` means once per template with the graph itself. ``options`` names the rule's
options model (pydantic): config validates ``[tool.lambdalint.rules.LLnnn]`` against it once, and
the rule reads the validated object as ``ctx.options``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from lambdalint.engine.finding import Finding

CheckFn = Callable[[Any, Any], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class RegisteredCheck:
    rule_id: str
    on: type | None
    fn: CheckFn
    # One written value can reach many functions (a Globals line, a parameter Default): with
    # ``group``, findings of this rule at the same place with the same message are reported
    # once, naming every function (the message holds ``{functions}``).
    group: bool = False
    options: type[BaseModel] | None = None


REGISTRY: dict[str, RegisteredCheck] = {}


def check(
    rule_id: str,
    on: type | None = None,
    options: type[BaseModel] | None = None,
    *,
    group: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        if rule_id in REGISTRY:
            raise RuntimeError(
                f"rule {rule_id} registered twice ({REGISTRY[rule_id].fn.__module__}"
                f" and {fn.__module__})"
            )
        REGISTRY[rule_id] = RegisteredCheck(rule_id, on, fn, group, options)
        return fn

    return register


def options_model(rule_id: str) -> type[BaseModel] | None:
    """The options model a registered rule declares."""
    registered = REGISTRY.get(rule_id)
    return registered.options if registered is not None else None
