"""LL402 alias-points-to-latest (docs: rules/catalog/LL402.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.model import LATEST_TEXT, written_text
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Alias


@check("LL402", on=Alias)
def alias_points_to_latest(alias: Alias, ctx: CheckContext) -> Iterator[Finding]:
    # With provisioned concurrency it is an error Lambda reports: LL408's.
    if alias.provisioned_concurrency.written:
        return
    for value in written_text(alias.function_version):
        if value.value == LATEST_TEXT:
            yield ctx.finding(
                f"alias {alias.logical_id} points at $LATEST, the unpublished version that "
                "every update changes: the alias moves with each deploy and rolling back "
                "to it restores nothing; point it at a published version "
                "(!GetAtt <Version>.Version, or SAM AutoPublishAlias)" + value.explain(),
                at=value,
                resource=alias.resource_id,
            )
