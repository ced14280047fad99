"""LL408 provisioned-concurrency-on-latest (docs: rules/catalog/LL408.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.model import LATEST_TEXT, written_text
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Alias


@check("LL408", on=Alias)
def provisioned_concurrency_on_latest(alias: Alias, ctx: CheckContext) -> Iterator[Finding]:
    if not alias.provisioned_concurrency.written:
        return
    for value in written_text(alias.function_version):
        if value.value == LATEST_TEXT:
            yield ctx.finding(
                f"alias {alias.logical_id} has ProvisionedConcurrencyConfig but points at "
                "$LATEST: Lambda provisions concurrency only for a published version or an "
                "alias of one, and rejects this" + value.explain(),
                at=alias.provisioned_concurrency.site,
                resource=alias.resource_id,
            )
