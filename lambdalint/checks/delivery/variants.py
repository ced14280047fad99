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
    model: EsmModel, esm: EventSourceMapping, prop: str
) -> Iterator[tuple[Known[Any], EventSourceMapping]]:
    """``esm`` with ``prop`` replaced by each known value the template writes for it."""
    for cand in setting(model, prop).written_values():
        if isinstance(cand, Known):
            changes: dict[str, Any] = {ESM_FIELDS[prop][1]: cand.value}
            yield cand, dataclasses.replace(esm, **changes)
