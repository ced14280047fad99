"""Checks driven by machine-readable schemas (the CloudFormation resource provider schemas).
Importing this package registers them."""

from lambdalint.checks.schema import (
    cfn_property_value,  # noqa: F401  (imported to register)
    log_level_format,  # noqa: F401  (imported to register)
    ssm_secure_reference,  # noqa: F401  (imported to register)
    subscription_endpoint,  # noqa: F401  (imported to register)
)
