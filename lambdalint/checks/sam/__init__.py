"""SAM-specific checks (LL02x input rules and LL4xx versions): what the SAM translator rejects
that no schema expresses, read from the template as SAM reads it. One module per rule family;
importing this package registers them."""

from lambdalint.checks.sam import (  # noqa: F401  (imported to register)
    api_event_auth,
    api_event_reference,
    api_event_route,
    auto_publish_alias,
    dead_letter_config,
    event_invoke_destination,
    event_resource_reference,
    event_source_access,
    event_source_resource,
    function_code,
    function_property_shape,
    policy_template,
    property_combination,
    property_shape,
    required_property,
    tenancy,
    transform,
)
