"""Rule implementations, one module per rule, registered by id when this package is imported.

Every rule module is imported here explicitly (no package scanning), so the registry holds
exactly the rules listed below; tests/test_catalog.py keeps it equal to rules/catalog/.
"""

from lambdalint.checks import input as _input  # noqa: F401  (LL0xx checks, hostile-input work)
from lambdalint.checks.concurrency import (  # noqa: F401  (LL6xx)
    account_reserved,
    provisioned_above_reserved,
    reserved_zero_with_triggers,
    sqs_concurrency,
)
from lambdalint.checks.delivery import (  # noqa: F401  (LL5xx, asked of lambdalint/semantics)
    async_events_dropped,
    destination_cannot_receive,
    esm_setting_out_of_range,
    event_invoke_config_out_of_range,
    partial_batch_response_not_configured,
    sqs_batching_window_invalid,
    sqs_queue_without_redrive,
    sqs_visibility_timeout_too_short,
    starting_position_invalid,
    stream_failures_dropped,
    stream_shard_can_block,
    sync_caller_timeout_too_short,
)
from lambdalint.checks.limits import (  # noqa: F401
    architectures_invalid,
    environment_too_large,
    environment_variable_name_invalid,
    environment_variable_reserved,
    ephemeral_storage_out_of_range,
    function_name_invalid,
    handler_invalid,
    layers_with_image_package,
    memory_size_out_of_range,
    package_type_invalid,
    timeout_out_of_range,
    too_many_layers,
)
from lambdalint.checks.runtime import (  # noqa: F401
    image_function_sets_runtime_or_handler,
    layer_incompatible,
    runtime_deprecated,
    runtime_unknown,
    zip_function_missing_runtime_or_handler,
)
