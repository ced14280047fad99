"""Checks driven by machine-readable schemas (the CloudFormation resource provider schemas).
Importing this package registers them."""

from lambdalint.checks.schema import (
    cfn_property_value,  # noqa: F401  (imported to register)
    log_level_format,  # noqa: F401  (imported to register)
)
