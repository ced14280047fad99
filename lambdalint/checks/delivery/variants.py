"""Range rules judge every value a setting may take (each branch of a condition, a parameter's
Default and AllowedValues), one model input per value: the adapter's single Unknown for a
conditional value would hide a bad branch."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lambdalint.model.lambda_ import EventSourceMapping as EsmModel
from lambdalint.model.values import Field, Known

if TYPE_CHECKING:
    from lambdalint.engine.context import CheckContext
    from lambdalint.semantics.adapter.bound import Bound
    from lambdalint.semantics.config import EventSourceMapping

# Mapping property, as the validator names it -> (field of the model's EventSourceMapping,
# field of semantics.config.EventSourceMapping).
ESM_FIELDS = {
    "BatchSize": ("batch_size", "batch_size"),
    "MaximumBatchingWindowInSeconds": ("maximum_batching_window", "batching_window"),
    "MaximumRetryAttempts": ("maximum_retry_attempts", "maximum_retry_attempts"),
    "MaximumRecordAgeInSeconds": ("maximum_record_age", "maximum_record_age"),
    "ParallelizationFactor": ("parallelization_factor", "parallelization_factor"),
    "TumblingWindowInSeconds": ("tumbling_window", "tumbling_window"),
    "ScalingConfig.MaximumConcurrency": ("maximum_concurrency", "maximum_concurrency"),
    "StartingPosition": ("starting_position", "starting_position"),
}


def setting(model: EsmModel, prop: str) -> Field[Any]:
    """The model's field for mapping property ``prop``."""
    field: Field[Any] = getattr(model, ESM_FIELDS[prop][0])
    return field


def esm_variants(
    ctx: CheckContext, b: Bound, esm: EventSourceMapping, prop: str
) -> Iterator[tuple[Known[Any], EventSourceMapping]]:
    """``esm`` (the mapping of ``b``) with ``prop`` replaced by each known value the template
    writes for it that can be deployed with the rest of the pair (``joint.branches``: the queue
    and the function may exist only under some conditions)."""
    from lambdalint.semantics.adapter.joint import branches

    assert b.esm_model is not None
    for cand in branches(ctx, setting(b.esm_model, prop), b.given):
        if isinstance(cand, Known):
            changes: dict[str, Any] = {ESM_FIELDS[prop][1]: cand.value}
            yield cand, dataclasses.replace(esm, **changes)
