"""LL404 aliases-share-version (docs: rules/catalog/LL404.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.model import LATEST_TEXT, version_key
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Alias, Function


def _allowed(ctx: CheckContext) -> set[frozenset[str]]:
    pairs = ctx.options.get("allowed_pairs") or []
    return {frozenset(str(n) for n in pair) for pair in pairs if isinstance(pair, (list, tuple))}


def _exclusive(a: Alias, b: Alias) -> bool:
    """Aliases under different Conditions may never exist together (dev / prod stacks)."""
    return a.condition is not None and b.condition is not None and a.condition != b.condition


@check("LL404", on=Function)
def aliases_share_version(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    by_version: dict[str, list[tuple[str, Alias]]] = {}
    for alias in ctx.graph.aliases_of(fn):
        if not ctx.deployed(alias):
            continue
        key = version_key(alias)
        name = alias.name.only()
        # $LATEST is LL402's; an alias whose name or version is not known is never compared.
        if key is None or key == LATEST_TEXT or name is None:
            continue
        by_version.setdefault(key, []).append((name, alias))
    allowed = _allowed(ctx)
    for version, aliases in by_version.items():
        if len(aliases) < 2:
            continue
        first = sorted(aliases, key=lambda item: (item[1].loc.line, item[1].loc.col))
        for name, alias in first[1:]:
            if frozenset((name, first[0][0])) in allowed or _exclusive(alias, first[0][1]):
                continue
            yield ctx.finding(
                f"alias {name} of function {fn.logical_id} points at the same version "
                f"({version}) as alias {first[0][0]}: moving one moves neither, but a "
                "version published for one is live for both, so a change meant for one "
                "stage reaches the other; point each at its own version, or allow the pair "
                "(allowed_pairs)",
                at=alias.function_version.site,
                resource=alias.resource_id,
            )
