"""LL040 ssm-secure-reference-unsupported: a ``{{resolve:ssm-secure:...}}`` dynamic reference in
a property of a Lambda or SAM resource (an environment variable, most often); CloudFormation
resolves SecureString parameters only in a short list of properties (docs:
rules/catalog/LL040.yaml).

The list is cfn-lint's E1027 data, generated into rules/facts/cfn_property_schemas.json
(``ssm_secure_properties``); none of its properties belongs to a Lambda or SAM resource, so any
such reference there is rejected. SAM copies a function's properties onto the resources it
generates, so a reference in Globals counts where it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence

_MARK = "{{resolve:ssm-secure:"
_SCOPE = ("AWS::Lambda::", "AWS::Serverless::")


@check("LL040", on=None)
def ssm_secure_reference_unsupported(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    resources = [r for r in ctx.template.resources.values() if r.type.startswith(_SCOPE)]
    if not resources:
        return
    from lambdalint.checks.schema.cfn_property_value import _ssm_secure_properties

    allowed = {p.split("/", 1)[0] for p in _ssm_secure_properties()}
    for res in resources:
        if res.type in allowed:
            continue  # a type with a supported property: not judged here
        for path, node in _strings(res.properties, ()):
            text = node.value
            assert isinstance(text, str)
            start = text.find(_MARK)
            end = text.find("}}", start)
            reference = text[start : end + 2] if end >= 0 else text[start:]
            shown = ".".join(str(p) for p in path if not str(p).startswith("Fn::"))
            yield ctx.finding(
                f"{shown} of {res.type} {res.logical_id} holds the dynamic "
                f"reference {reference}: CloudFormation resolves ssm-secure references only in "
                "a few properties of other resource types (RDS and Redshift passwords, ...), so "
                "it rejects the template; read the SecureString at run time (SSM GetParameter "
                "with decryption) or use a Secrets Manager {{resolve:secretsmanager:...}} "
                "reference",
                at=node,
                resource=res.logical_id,
            )


def _strings(
    node: Node, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    if isinstance(node, Scalar):
        if isinstance(node.value, str) and _MARK in node.value:
            yield path, node
    elif isinstance(node, Mapping):
        for key, child in node.items.items():
            yield from _strings(child, (*path, key))
    elif isinstance(node, Sequence):
        for i, child in enumerate(node.items):
            yield from _strings(child, (*path, i))
