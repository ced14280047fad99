"""LL416 function-url-qualifier-invalid (docs: rules/catalog/LL416.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import FunctionUrl
from lambdalint.model.targets import Qualifier, QualifierKind
from lambdalint.source.nodes import Scalar

# API CreateFunctionUrlConfig, Qualifier: ((?!^\d+$)^[0-9a-zA-Z-_]+$): an alias name or nothing.
_NOT_ALIAS = (QualifierKind.VERSION, QualifierKind.LATEST)


def _literal_number(url: FunctionUrl) -> bool:
    """A Qualifier written as digits: LL031 reports it from the provider schema's pattern."""
    node = url.properties.items.get("Qualifier")
    return isinstance(node, Scalar) and str(node.value).isdigit()


def _shown(q: Qualifier) -> str:
    return "$LATEST" if q.kind is QualifierKind.LATEST else f"version {q.name}"


@check("LL416", on=FunctionUrl)
def function_url_qualifier_invalid(url: FunctionUrl, ctx: CheckContext) -> Iterator[Finding]:
    if url.generated:
        return
    qualifiers = [url.qualifier, *(t.qualifier for t in url.targets if not t.conditions)]
    bad = next((q for q in qualifiers if q.kind in _NOT_ALIAS), None)
    if bad is None or (url.qualifier.kind is QualifierKind.VERSION and _literal_number(url)):
        return
    yield ctx.finding(
        f"function URL {url.logical_id} is on {_shown(bad)}: a function URL can be created "
        "only on an alias or on the unqualified function, and Lambda rejects it; point it at "
        "an alias (Qualifier: <alias name>, or TargetFunctionArn: !Ref <AWS::Lambda::Alias>)",
        at=url.loc,
        resource=url.resource_id,
        path=("Resources", url.resource_id),
    )
