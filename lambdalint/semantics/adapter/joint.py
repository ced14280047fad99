"""Joining values of several resources under one deployment.

A finding that compares a value of one resource with a value of another (a function Timeout with
its queue's visibility timeout, provisioned concurrency on an alias with the function's reserved
concurrency) holds only in a deployment where both resources exist and both values are chosen.
Each resource's own fields already leave out what contradicts its own ``Condition``
(``Evaluator.candidates``); a join must also leave out every combination whose condition
outcomes contradict each other or the ``Condition`` of another resource taking part:
``Timeout: !If [UseQueue, 10, 300]`` never meets a mapping with ``Condition: UseQueue`` at 300.
Every rule that joins resources goes through here, so none of them reports such a combination.
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from lambdalint.model.values import Candidate, Conditions, Field

if TYPE_CHECKING:
    from lambdalint.model.base import Model


class _Evaluator(Protocol):
    def reachable(self, outcomes: tuple[tuple[str, bool], ...]) -> bool: ...


class _Context(Protocol):
    @property
    def evaluator(self) -> _Evaluator: ...


def given(models: Iterable[Model | None]) -> Conditions:
    """The outcomes that hold whenever all of ``models`` exist: each one's ``Condition`` true."""
    out: list[tuple[str, bool]] = []
    for m in models:
        if m is not None and m.condition and (m.condition, True) not in out:
            out.append((m.condition, True))
    return tuple(out)


def merge(*parts: Conditions) -> Conditions:
    """The outcomes of ``parts`` together, each once, in order."""
    out: list[tuple[str, bool]] = []
    for part in parts:
        out.extend(o for o in part if o not in out)
    return tuple(out)


def reachable(ctx: _Context, *parts: Conditions) -> bool:
    """Whether the outcomes of ``parts`` can all hold in one deployment."""
    outcomes = merge(*parts)
    return not outcomes or ctx.evaluator.reachable(outcomes)


def branches(ctx: _Context, field: Field[Any], assumed: Conditions) -> list[Candidate[Any]]:
    """The written candidates of ``field`` that can be deployed while ``assumed`` holds."""
    return [c for c in field.written_values() if reachable(ctx, assumed, c.conditions)]


def combinations(
    ctx: _Context, fields: Sequence[tuple[Field[Any], Conditions]]
) -> Iterator[tuple[tuple[Candidate[Any], ...], Conditions]]:
    """One candidate of each field (each with the outcomes under which its resource exists),
    for every combination that can be deployed together, with the condition outcomes that
    select it (the candidates' own, not the resources': those hold whenever a finding is
    about them at all)."""
    assumed = merge(*(g for _, g in fields))
    options = [branches(ctx, f, assumed) for f, _ in fields]
    for combo in itertools.product(*options):
        chosen = merge(*(c.conditions for c in combo))
        if reachable(ctx, assumed, chosen):
            yield combo, chosen
