"""What the LL4xx rules read from the model, in one place: the versions an alias names, the
Lambda@Edge associations of a function, who invokes a function unqualified."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lambdalint.model.base import Model
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Alias, EventSourceMapping, Function
from lambdalint.model.sources import ApiIntegration, Distribution, EdgeAssociation, Trigger
from lambdalint.model.targets import QualifierKind, Target
from lambdalint.model.values import Field, Known

LATEST_TEXT = "$LATEST"


def version_key(alias: Alias) -> str | None:
    """What an alias's FunctionVersion names, when it names exactly one thing: the logical id of
    a version of this template, or a version number written as text; None otherwise."""
    if len(alias.version) == 1 and not alias.version[0].conditions:
        target = alias.version[0]
        if target.resolved and target.qualifier.kind is QualifierKind.VERSION:
            return target.qualifier.name or target.node_id
    values = alias.function_version.written_values() or alias.function_version.values
    if len(values) == 1 and isinstance(values[0], Known) and not values[0].conditions:
        return str(values[0].value)
    return None


def written_text(field: Field[str]) -> list[Known[str]]:
    return [v for v in field.written_values() if isinstance(v, Known)]


@dataclass(frozen=True, slots=True)
class EdgeUse:
    distribution: Distribution
    association: EdgeAssociation
    target: Target


def edge_uses(graph: LambdaGraph, fn: Function) -> Iterator[EdgeUse]:
    """Every Lambda@Edge association of a distribution of this template that runs ``fn``."""
    for dist in graph.objects(Distribution):
        for assoc in dist.associations:
            for target in assoc.targets:
                if target.function_id == fn.logical_id:
                    yield EdgeUse(dist, assoc, target)


def invokers(graph: LambdaGraph, fn: Function) -> Iterator[tuple[Model, Target]]:
    """The triggers (push and polled) and API integrations naming ``fn``, each with its target;
    a polled trigger is reported through its event source mapping, an API method's trigger
    through its integration. Permissions are not invokers: one on the unqualified function
    covers the whole function, its aliases included (DG using-aliases)."""
    integrations = {m.resource_id for m in graph.objects(ApiIntegration)}
    for cls in (EventSourceMapping, ApiIntegration, Trigger):
        for model in graph.objects(cls):
            if isinstance(model, Trigger) and (
                model.mapping_id is not None or model.resource_id in integrations
            ):
                continue
            for target in model.targets:  # type: ignore[attr-defined]
                if target.function_id == fn.logical_id:
                    yield model, target
