"""LL103 ephemeral-storage-out-of-range (docs: rules/catalog/LL103.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Invalid, Known


@check("LL103", on=Function, group=True)
def ephemeral_storage_out_of_range(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    storage = limits().ephemeral_storage
    # EphemeralStorage.Size of every mapping EphemeralStorage can be (``!If [Big, {Size: 4096},
    # !Ref AWS::NoValue]`` too), each with the conditions that select it.
    for value in fn.ephemeral_storage.written_values():
        if isinstance(value, Invalid):
            message = (
                f"EphemeralStorage Size {value.shown()} of {FUNCTIONS} is not a whole number of MB"
            )
        elif not isinstance(value, Known):
            continue
        elif value.value < storage.min:
            message = (
                f"EphemeralStorage Size {value.value} MB of {FUNCTIONS} is below the "
                f"minimum {storage.min} MB"
            )
        elif value.value > storage.max:
            message = (
                f"EphemeralStorage Size {value.value} MB of {FUNCTIONS} is above the "
                f"maximum {storage.max} MB"
            )
        else:
            continue
        yield ctx.finding(message + value.explain(), at=value, resource=fn.logical_id)
