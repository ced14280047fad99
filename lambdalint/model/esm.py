"""An event source mapping's settings, named the same in SAM events and CloudFormation, read
into typed fields with the defaults of the source kind (the behaviour table's, see
``facts.esm_default``)."""

from __future__ import annotations

from typing import Any

from lambdalint.facts import esm_default
from lambdalint.model.parts import Norm, destination
from lambdalint.model.read import (
    Reader,
    anything,
    boolean,
    is_mapping,
    text,
    whole_number,
)
from lambdalint.model.sources import TriggerKind
from lambdalint.model.values import Field, Site
from lambdalint.source.nodes import Mapping


def esm_settings(norm: Norm, reader: Reader, p: Mapping, kind: TriggerKind) -> dict[str, Any]:
    """Event source mapping settings, named the same in SAM events and CloudFormation, with the
    defaults of the source kind."""

    def setting(key: str, name: str, convert: Any) -> Field[Any]:
        return reader.field(
            p.items.get(key),
            convert,
            key_site(reader, p, key),
            esm_default(name, kind.value),
        )

    scaling = p.items.get("ScalingConfig")
    return {
        "batch_size": setting("BatchSize", "batch_size", whole_number),
        "maximum_batching_window": setting(
            "MaximumBatchingWindowInSeconds", "maximum_batching_window", whole_number
        ),
        "starting_position": reader.field(
            p.items.get("StartingPosition"), text, key_site(reader, p, "StartingPosition")
        ),
        "maximum_retry_attempts": setting(
            "MaximumRetryAttempts", "maximum_retry_attempts", whole_number
        ),
        "maximum_record_age": setting(
            "MaximumRecordAgeInSeconds", "maximum_record_age", whole_number
        ),
        "bisect_on_error": setting("BisectBatchOnFunctionError", "bisect_on_error", boolean),
        "parallelization_factor": setting(
            "ParallelizationFactor", "parallelization_factor", whole_number
        ),
        "function_response_types": reader.field(
            p.items.get("FunctionResponseTypes"),
            reader.list_of(text, key_site(reader, p, "FunctionResponseTypes")),
            key_site(reader, p, "FunctionResponseTypes"),
        ),
        "destination_config": reader.field(
            p.items.get("DestinationConfig"), is_mapping, key_site(reader, p, "DestinationConfig")
        ),
        "on_failure": destination(
            norm,
            reader,
            p.items.get("DestinationConfig"),
            "OnFailure",
            key_site(reader, p, "DestinationConfig"),
        ),
        "on_success": destination(
            norm,
            reader,
            p.items.get("DestinationConfig"),
            "OnSuccess",
            key_site(reader, p, "DestinationConfig"),
        ),
        "maximum_concurrency": reader.nested(
            scaling, "MaximumConcurrency", whole_number, key_site(reader, p, "ScalingConfig")
        ),
        "filter_criteria": reader.field(
            p.items.get("FilterCriteria"), anything, key_site(reader, p, "FilterCriteria")
        ),
        "enabled": setting("Enabled", "enabled", boolean),
        "tumbling_window": setting("TumblingWindowInSeconds", "tumbling_window", whole_number),
    }


def key_site(reader: Reader, parent: Mapping, key: str) -> Site:
    """Where ``key`` of a nested mapping is written, else the mapping itself."""
    fallback = Site(parent.loc, reader.template.path_of(parent))
    return reader.site_in(parent, key, fallback)
