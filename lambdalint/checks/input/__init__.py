"""LL0xx checks that run on a parsed template: structure the loader cannot judge alone (unknown
types and properties, references, intrinsic shapes, code paths). One module per rule; importing
this package registers them."""

from lambdalint.checks.input import (  # noqa: F401  (imported to register)
    circular_dependency,
    malformed_intrinsic,
    unknown_resource_property,
    unknown_resource_type,
    unresolved_reference,
)
