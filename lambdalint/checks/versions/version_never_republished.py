"""LL405 version-never-republished (docs: rules/catalog/LL405.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function, Version
from lambdalint.model.values import Field, Known

# A logical id that ends in a content hash is renamed when the code changes (the CDK's
# ``FnCurrentVersion<hash>``, the Serverless Framework's ``FnLambdaVersion<hash>``).
_HASHED = re.compile(r"[A-Za-z0-9]{8,}$")


def _hashed(logical_id: str) -> bool:
    tail = re.split(r"(?i)version", logical_id)[-1]
    return bool(_HASHED.fullmatch(tail)) and any(c.isdigit() for c in tail)


def _fixed(field: Field[str]) -> bool:
    """Written as one literal (no parameter, no condition, nothing computed), or not written."""
    values = field.written_values()
    return all(isinstance(v, Known) and not v.via and not v.conditions for v in values)


@check("LL405", on=Version)
def version_never_republished(version: Version, ctx: CheckContext) -> Iterator[Finding]:
    if version.generated or _hashed(version.logical_id):
        return
    fn = ctx.graph.get(version.function_id)
    if not isinstance(fn, Function):
        return
    if version.code_sha256.written or not _fixed(version.description):
        return
    yield ctx.finding(
        f"version {version.logical_id} of function {fn.logical_id} is published once: "
        "CloudFormation replaces an AWS::Lambda::Version only when its logical id, "
        "CodeSha256 or Description changes, so later code changes update $LATEST but never "
        "reach a new version (nor the aliases on it); use SAM AutoPublishAlias, or put a "
        "content hash in the logical id or CodeSha256",
        at=version.loc,
        resource=version.resource_id,
        path=("Resources", version.resource_id),
    )
