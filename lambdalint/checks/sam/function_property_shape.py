"""LL028 sam-function-property-shape-invalid: SAM function properties whose shape the SAM
translator rejects: Layers that are not a list, a Role that is a list, mapping or non-string, a
FunctionUrlConfig without a valid AuthType (docs: rules/catalog/LL028.yaml).

From samtranslator/model/sam_resources.py: ``SamFunction.property_types`` (Layers:
list_of(one_of(IS_STR, IS_DICT)), Role: IS_STR; an intrinsic passes, as
``Resource.validate_properties`` leaves it to CloudFormation) and ``_validate_url_auth_type``
(AuthType is required, AWS_IAM or NONE, unless intrinsic).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, sam_resources
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic

_AUTH_TYPES = ("AWS_IAM", "NONE")


def _literal(node: Node | None) -> bool:
    return (
        node is not None
        and intrinsic(node) is None
        and not (isinstance(node, Scalar) and node.value is None)
    )


@check("LL028", on=None)
def sam_function_property_shape_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for fn in sam_resources(ctx.template, FUNCTION):
        layers = fn.prop("Layers")
        if _literal(layers) and not isinstance(layers, Sequence):
            yield ctx.finding(
                f"Layers of function {fn.logical_id} is not a list; SAM requires a list of layer "
                "ARNs (Layers: [arn...])",
                at=layers,  # type: ignore[arg-type]
                resource=fn.logical_id,
            )
        role = fn.prop("Role")
        scalar = isinstance(role, Scalar) and not isinstance(role.value, str)
        if (
            role is not None
            and _literal(role)
            and (isinstance(role, (Sequence, Mapping)) or scalar)
        ):
            shown = "list" if isinstance(role, Sequence) else "mapping"
            shown = "value that is not a string" if scalar else shown
            yield ctx.finding(
                f"Role of function {fn.logical_id} is a {shown}; SAM takes one role ARN "
                "(a string, Ref or GetAtt)",
                at=role,
                resource=fn.logical_id,
            )
        url = fn.prop("FunctionUrlConfig")
        if isinstance(url, Mapping) and intrinsic(url) is None:
            auth = url.items.get("AuthType")
            if auth is not None and intrinsic(auth) is not None:
                continue
            value = auth.value if isinstance(auth, Scalar) else None
            if value not in _AUTH_TYPES:
                shown = "no AuthType" if auth is None else f"AuthType {value!r}"
                yield ctx.finding(
                    f"FunctionUrlConfig of function {fn.logical_id} has {shown}; SAM requires "
                    "AuthType AWS_IAM or NONE",
                    at=auth or url,
                    resource=fn.logical_id,
                )
