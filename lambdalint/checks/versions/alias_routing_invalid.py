"""LL403 alias-routing-invalid (docs: rules/catalog/LL403.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.model import LATEST_TEXT, version_key, written_text
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Alias, RoutingEntry
from lambdalint.model.targets import QualifierKind
from lambdalint.model.values import Invalid, Known


@check("LL403", on=Alias)
def alias_routing_invalid(alias: Alias, ctx: CheckContext) -> Iterator[Finding]:
    if not alias.routing or alias.routing_site is None:
        return
    name = alias.logical_id
    if len(alias.routing) > 1:
        yield ctx.finding(
            f"alias {name} routes to {len(alias.routing)} additional versions: an alias "
            "can split traffic between two versions only (FunctionVersion and one "
            "AdditionalVersionWeights entry)",
            at=alias.routing_site,
            resource=alias.resource_id,
        )
    for value in written_text(alias.function_version):
        if value.value == LATEST_TEXT:
            yield ctx.finding(
                f"alias {name} has a routing config but points at $LATEST: weighted "
                "routing needs two published versions" + value.explain(),
                at=value,
                resource=alias.resource_id,
            )
    primary = version_key(alias)
    for entry in alias.routing:
        yield from _entry(alias, entry, primary, ctx)


def _entry(
    alias: Alias, entry: RoutingEntry, primary: str | None, ctx: CheckContext
) -> Iterator[Finding]:
    name = alias.logical_id
    for weight in entry.weight.written_values():
        if isinstance(weight, Invalid):
            message = f"FunctionWeight {weight.shown()} of alias {name} is not a number"
        elif isinstance(weight, Known) and not 0.0 <= weight.value <= 1.0:
            message = (
                f"FunctionWeight {weight.value:g} of alias {name} is outside 0.0-1.0 "
                "(the share of traffic the additional version gets)"
            )
        else:
            continue
        yield ctx.finding(message + weight.explain(), at=weight, resource=alias.resource_id)
    for version in written_text(entry.version):
        if version.value == LATEST_TEXT:
            yield ctx.finding(
                f"alias {name} routes traffic to $LATEST: weighted routing needs "
                "published versions" + version.explain(),
                at=version,
                resource=alias.resource_id,
            )
    additional = _key(entry)
    if primary is not None and additional is not None and additional == primary:
        at = entry.version.written_values()[0] if entry.version.written_values() else None
        yield ctx.finding(
            f"alias {name} routes its additional weight to the version it already points "
            f"at ({primary}): the routing config shifts no traffic",
            at=at if at is not None else entry.version.site,
            resource=alias.resource_id,
        )


def _key(entry: RoutingEntry) -> str | None:
    if len(entry.targets) == 1 and not entry.targets[0].conditions:
        target = entry.targets[0]
        if target.resolved and target.qualifier.kind is QualifierKind.VERSION:
            return target.qualifier.name or target.node_id
    values = entry.version.written_values()
    if len(values) == 1 and isinstance(values[0], Known) and not values[0].conditions:
        return str(values[0].value)
    return None
