"""Range rules judge every value a setting may take (each branch of a condition, a parameter's
Default and AllowedValues), one model input per value: the adapter's single Unknown for a
conditional value would hide a bad branch."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lambdalint.checks.delivery.sites import present
from lambdalint.engine.context import CheckContext
from lambdalint.source.intrinsics import Candidate, as_number
from lambdalint.source.nodes import Mapping, Node

if TYPE_CHECKING:
    from lambdalint.semantics.config import EventSourceMapping

# Mapping property (dotted for nested) -> field of semantics.config.EventSourceMapping.
ESM_FIELDS = {
    "BatchSize": "batch_size",
    "MaximumBatchingWindowInSeconds": "batching_window",
    "MaximumRetryAttempts": "maximum_retry_attempts",
    "MaximumRecordAgeInSeconds": "maximum_record_age",
    "ParallelizationFactor": "parallelization_factor",
    "TumblingWindowInSeconds": "tumbling_window",
    "ScalingConfig.MaximumConcurrency": "maximum_concurrency",
    "StartingPosition": "starting_position",
}


def nested(props: Mapping, dotted: str) -> Node | None:
    node: Node | None = props
    for part in dotted.split("."):
        node = node.items.get(part) if isinstance(node, Mapping) else None
    return node


def esm_variants(
    ctx: CheckContext, props: Mapping, esm: EventSourceMapping, prop: str
) -> Iterator[tuple[Candidate, EventSourceMapping]]:
    """``esm`` with ``prop`` replaced by each known value it may take."""
    field = ESM_FIELDS[prop]
    for cand in ctx.candidates(nested(props, prop)):
        if not present(cand):
            continue
        value: object = cand.value
        if field != "starting_position":
            number = as_number(value)
            if number is None or number != int(number):
                continue
            value = int(number)
        elif not isinstance(value, str):
            continue
        changes: dict[str, Any] = {field: value}
        yield cand, dataclasses.replace(esm, **changes)
