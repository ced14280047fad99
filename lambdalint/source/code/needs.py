"""The join: what each function's code needs from IAM, as plain rows the permissions engine can
compare with the function's role. The resource is the template resource an environment
variable names (``TABLE: !Ref Table`` and the code's ``Table(os.environ["TABLE"])``), else ``*``.
Calls lambdalint cannot map are left out (never guessed)."""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.source.code.actions import actions_for
from lambdalint.source.code.analysis import Spot
from lambdalint.source.code.from_template import FunctionCode


@dataclass(frozen=True, slots=True)
class NeededAction:
    action: str  # "dynamodb:PutItem"
    # Logical id of the template resource acted on, or "*" when unknown.
    resource: str
    at: Spot
    # The environment variable that named the resource, when one did.
    via_env: str = ""
    # False: no call site of it is shown to run for this handler, one only may (registered
    # through a decorator, passed by a name lambdalint does not follow).
    surely: bool = True


def code_needs(fn: FunctionCode) -> tuple[NeededAction, ...]:
    """Every IAM action the code ``fn``'s handler reaches calls for, in code order, each once
    per resource: calls shown to run first, then those that only may (``surely`` False). Calls
    in functions of a shared module the handler is shown not to reach are another function's."""
    if fn.analysis is None:
        return ()
    out: list[NeededAction] = []
    seen: set[tuple[str, str]] = set()
    calls = [c for c in fn.analysis.calls if c.reached is True]
    calls += [c for c in fn.analysis.calls if c.reached is None]
    for call in calls:
        actions = actions_for(call)
        if not actions:
            continue
        resource = fn.env_resources.get(call.resource_env, "*") if call.resource_env else "*"
        for action in actions:
            if (action, resource) not in seen:
                seen.add((action, resource))
                surely = call.reached is True
                out.append(NeededAction(action, resource, call.at, call.resource_env, surely))
    return tuple(out)
