"""The environment variables a function may get: every mapping its ``Environment.Variables`` can
evaluate to (one, or one per branch of an ``Fn::If``), with Globals already merged in."""

from __future__ import annotations

from lambdalint.engine.context import CheckContext
from lambdalint.model.lambda_ import Function
from lambdalint.source.intrinsics import Candidate
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, intrinsic


def variable_maps(ctx: CheckContext, fn: Function) -> list[Candidate]:
    """Candidates whose value is a plain mapping of variables; unknown ones are left out."""
    return [c for c in ctx.candidates(fn.environment)
            if isinstance(c.value, Mapping) and intrinsic(c.value) is None]


def key_site(ctx: CheckContext, fn: Function, variables: Mapping,
             key: str) -> tuple[Location, tuple[str | int, ...]]:
    """Where a variable's name was written, and its path (the Globals one for a global)."""
    path = ctx.template.path_of(variables.items[key])
    if not path:
        path = ("Resources", fn.logical_id, "Properties", "Environment", "Variables", key)
    return variables.key_loc(key), path
