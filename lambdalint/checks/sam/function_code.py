"""LL027 sam-code-location-invalid: a SAM function's CodeUri or a layer's ContentUri that SAM cannot
turn into an S3 location, or an Image function without ImageUri (docs: rules/catalog/LL027.yaml).

From samtranslator/model/s3_utils/uri_parser.py (``construct_s3_location_object``,
``parse_s3_uri``) and sam_resources.py (``_construct_code_dict``). A local path is not reported:
``sam build`` / ``sam package`` upload it and write the S3 URI before the translator runs, and an
Image function whose Metadata names a Dockerfile or DockerContext gets its ImageUri from
``sam build`` the same way. Intrinsic values are left to CloudFormation, as SAM leaves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from lambdalint.checks.sam._sam import FUNCTION, is_literal_absent
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic

_CODE = {FUNCTION: "CodeUri", "AWS::Serverless::LayerVersion": "ContentUri"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# SAM refuses a dynamic reference whose name has a path in it (uri_parser.py).
_DYNAMIC = re.compile(r"{{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\-/]+(:\d+)?}}")


def _s3_uri_ok(text: str) -> bool:
    try:
        url = urlparse(text)
    except ValueError:  # e.g. an unresolved CDK token "s3://[TOKEN.25]/key"
        return False
    return url.scheme == "s3" and bool(url.netloc) and bool(url.path.lstrip("/"))


def _location_problem(node: Node) -> str | None:
    if intrinsic(node) is not None:
        return None
    if isinstance(node, Mapping):
        missing = [k for k in ("Bucket", "Key") if is_literal_absent(node.items.get(k))]
        if missing:
            return f"is a mapping without {' and '.join(missing)}; SAM requires Bucket and Key"
        return None
    if isinstance(node, Sequence):
        return "is a list; SAM takes an s3://bucket/key URI or {Bucket, Key}"
    if isinstance(node, Scalar):
        if not isinstance(node.value, str):
            return "is not a string; SAM takes an s3://bucket/key URI or {Bucket, Key}"
        text = node.value
        match = _DYNAMIC.search(text)
        if match and "/" in match.group(0):
            return "holds a dynamic reference with a path, which SAM refuses; use {Bucket, Key}"
        if _SCHEME.match(text) and not _s3_uri_ok(text):
            return (
                f"{text!r} is not an s3://bucket/key URI, which SAM requires for a remote location"
            )
    return None


def _builds_image(res_node: Mapping) -> bool:
    meta = res_node.items.get("Metadata")
    return isinstance(meta, Mapping) and any(
        k in meta.items for k in ("Dockerfile", "DockerContext")
    )


@check("LL027", on=None)
def sam_code_location_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for res in ctx.template.resources.values():
        prop = _CODE.get(res.type)
        if prop is None:
            continue
        node = res.prop(prop)
        if node is not None and not is_literal_absent(node):
            problem = _location_problem(node)
            if problem:
                yield ctx.finding(
                    f"{prop} of {res.logical_id} {problem}; SAM rejects the template",
                    at=node,
                    resource=res.logical_id,
                )
        if res.type != FUNCTION:
            continue
        package = res.prop("PackageType")
        if (
            isinstance(package, Scalar)
            and package.value == "Image"
            and is_literal_absent(res.prop("ImageUri"))
            and not _builds_image(res.node)
        ):
            yield ctx.finding(
                f"function {res.logical_id} has PackageType Image but no ImageUri (and no "
                "Metadata Dockerfile/DockerContext for sam build to make one); SAM rejects it "
                "('ImageUri' must be set)",
                at=package,
                resource=res.logical_id,
            )
