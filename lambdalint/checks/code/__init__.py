"""LL2xx rules that read function code. The code step (lambdalint.engine.code_step) locates and
reads each function's code once, before the checks; these rules only look at its results
(``ctx.code``). One module per rule; importing this package registers them."""

from lambdalint.checks.code import (  # noqa: F401  (imported to register)
    batch_item_failures_not_reported,
    batch_item_failures_not_returned,
    bootstrap_missing,
    code_package_too_large,
    code_syntax_error,
    environment_variable_not_set,
    environment_variable_unused,
    handler_not_found,
    handler_signature_invalid,
    inline_handler_not_index,
    role_grants_unused_service,
    sdk_action_not_granted,
    sdk_client_in_handler,
)
