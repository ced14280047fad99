"""LL226 inline-code-runtime-unsupported (docs: rules/catalog/LL226.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.runtime.runtimes import runtime_values
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import CodeKind, Function

# CloudFormation writes inline code (Code.ZipFile, SAM InlineCode) to a file named index.js or
# index.py; for any other runtime it refuses: "ZipFile can only be used when Runtime is set to
# either of nodejs..., python...".
_INLINE_FAMILIES = ("nodejs", "python")


@check("LL226", on=Function, group=True)
def inline_code_runtime_unsupported(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    if fn.code.kind is not CodeKind.INLINE:
        return
    for rt in runtime_values(fn):
        if rt.value.startswith(_INLINE_FAMILIES):
            continue
        yield ctx.finding(
            f"{FUNCTIONS} has inline code ({fn.code.site.path[-1]}) but runtime {rt.value}: "
            "CloudFormation accepts inline code only for Node.js and Python runtimes; package "
            "the code as a .zip (CodeUri, or Code S3Bucket/S3Key) instead" + rt.explain(),
            at=rt,
            resource=fn.logical_id,
        )
