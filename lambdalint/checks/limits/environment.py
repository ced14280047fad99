"""The environment variables a function may get: every mapping its ``Environment.Variables`` can
evaluate to (one, or one per branch of an ``Fn::If``), with Globals already merged in."""

from __future__ import annotations

from lambdalint.engine.context import CheckContext
from lambdalint.model.lambda_ import Function
from lambdalint.source.intrinsics import Candidate
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, intrinsic


def _plain_mapping(cand: Candidate) -> bool:
    return isinstance(cand.value, Mapping) and intrinsic(cand.value) is None


def variable_maps(ctx: CheckContext, fn: Function) -> list[Candidate]:
    """Candidates whose value is a plain mapping of variables; unknown ones are left out.

    ``Environment`` itself may be an intrinsic (``Environment: !If [C, {Variables: {...}},
    !Ref AWS::NoValue]``); the model then hands over that intrinsic, and the variables are the
    ``Variables`` of every mapping it can evaluate to."""
    whole = fn.prop("Environment")
    if whole is None or intrinsic(whole) is None:
        return [c for c in ctx.candidates(fn.environment) if _plain_mapping(c)]
    out: list[Candidate] = []
    for env in ctx.candidates(whole):
        if not _plain_mapping(env):
            continue
        variables = env.value.items.get("Variables")
        for cand in ctx.candidates(variables):
            if _plain_mapping(cand):
                # The branch of the outer If still has to hold for these variables.
                extra = tuple(c for c in env.conditions if c not in cand.conditions)
                out.append(
                    Candidate(
                        cand.value, cand.loc, extra + cand.conditions, env.via + cand.via, cand.node
                    )
                )
    return out


def key_site(
    ctx: CheckContext, fn: Function, variables: Mapping, key: str
) -> tuple[Location, tuple[str | int, ...]]:
    """Where a variable's name was written, and its path (the Globals one for a global)."""
    path = ctx.template.path_of(variables.items[key])
    if not path:
        path = ("Resources", fn.logical_id, "Properties", "Environment", "Variables", key)
    return variables.key_loc(key), path
