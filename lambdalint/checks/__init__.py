"""Rule implementations, one module per rule, registered by id when this package is imported.

Every rule module is imported here explicitly (no package scanning), so the registry holds
exactly the rules listed below; tests/test_catalog.py keeps it equal to rules/catalog/.
"""

from lambdalint.checks import code as _code  # noqa: F401  (LL2xx rules that read function code)
from lambdalint.checks import input as _input  # noqa: F401  (LL0xx checks, hostile-input work)
from lambdalint.checks import sam as _sam  # noqa: F401  (LL02x SAM checks, issue 12)
from lambdalint.checks import schema as _schema  # noqa: F401  (LL031 provider schemas, issue 12)
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
from lambdalint.checks.permissions import (  # noqa: F401  (LL3xx, effective IAM permissions)
    broad_managed_policy,
    cross_account_principal,
    destination_permission_missing,
    esm_permission_missing,
    feature_permission_missing,
    function_url_public,
    invoke_permission_missing,
    logs_permission_missing,
    passrole_on_all,
    permission_source_mismatch,
    permission_without_source,
    privilege_escalation,
    public_invoke_permission,
    s3_permission_without_account,
    vpc_permission_missing,
    wildcard_action,
)
from lambdalint.checks.runtime import (  # noqa: F401
    handler_format_invalid,
    image_function_sets_runtime_or_handler,
    inline_code_runtime_unsupported,
    layer_incompatible,
    runtime_deprecated,
    runtime_unknown,
    snapstart_unsupported,
    zip_function_missing_runtime_or_handler,
)
from lambdalint.checks.versions import (  # noqa: F401  (LL4xx)
    alias_points_to_latest,
    alias_routing_invalid,
    aliases_share_version,
    auto_publish_alias_invalid,
    deployment_preference_invalid,
    edge_function_not_version,
    edge_function_region,
    edge_function_unsupported,
    edge_role_not_trusted,
    edge_viewer_limits,
    function_url_qualifier_invalid,
    permission_qualifier_mismatch,
    provisioned_concurrency_on_latest,
    trigger_bypasses_alias,
    version_never_republished,
)
