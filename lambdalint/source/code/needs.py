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


def code_needs(fn: FunctionCode) -> tuple[NeededAction, ...]:
    """Every IAM action ``fn``'s code calls for, in code order, each once per resource."""
    if fn.analysis is None:
        return ()
    out: list[NeededAction] = []
    seen: set[tuple[str, str]] = set()
    for call in fn.analysis.calls:
        actions = actions_for(call)
        if not actions:
            continue
        resource = fn.env_resources.get(call.resource_env, "*") if call.resource_env else "*"
        for action in actions:
            if (action, resource) not in seen:
                seen.add((action, resource))
                out.append(NeededAction(action, resource, call.at, call.resource_env))
    return tuple(out)
