"""Template -> LambdaGraph, in two phases so that resource order never changes the result:

1. ``declare``: every node the graph will hold, the SAM-generated ones included, goes into an
   index (``declare.py``);
2. build each resource's models against that complete index (references become ``Target``s,
   values become typed fields) and draw the edges from the targets.

Models are frozen: nothing is patched after construction.
"""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.model import cfn, cfn_iam, producers, sam, sam_api
from lambdalint.model.base import Model
from lambdalint.model.declare import declare
from lambdalint.model.graph import EdgeKind, LambdaGraph
from lambdalint.model.lambda_ import (
    Alias,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Permission,
    Policy,
    Version,
)
from lambdalint.model.parts import Norm
from lambdalint.model.resolve import Resolver
from lambdalint.model.sources import ApiIntegration, Queue, Subscription, Trigger
from lambdalint.model.targets import Target
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.template import Resource, Template


def build_graph(template: Template, evaluator: Evaluator | None = None) -> LambdaGraph:
    evaluator = evaluator or Evaluator(template)
    index = declare(template, evaluator)
    norm = Norm(template, evaluator, index, Resolver(template, evaluator, index))
    graph = LambdaGraph()
    for res in template.resources.values():
        for model in _models(norm, res):
            graph.add(model)
    for _, model in graph.nodes():
        _link(graph, model)
    return graph


def _models(norm: Norm, res: Resource) -> Iterator[Model]:
    if res.type == "AWS::Serverless::Function":
        fn = sam.function(norm, res)
        yield fn
        yield from sam.function_parts(norm, res, fn)
    elif res.type == "AWS::Lambda::Function":
        yield cfn.function(norm, res)
    elif res.type == "AWS::Serverless::LayerVersion":
        yield sam.layer(norm, res)
    elif res.type in (
        "AWS::Serverless::Api",
        "AWS::Serverless::HttpApi",
        "AWS::Serverless::WebSocketApi",
    ):
        yield from sam_api.api(norm, res)
    for readers in (cfn.READERS, cfn_iam.READERS, producers.READERS):
        reader = readers.get(res.type)
        if reader is not None:
            yield from reader(norm, res)


def _to(graph: LambdaGraph, src: Model, targets: tuple[Target, ...], kind: EdgeKind) -> None:
    for target in targets:
        if target.resolved and target.node_id != src.logical_id:
            graph.link(src, target.node_id, kind)


def _link(graph: LambdaGraph, model: Model) -> None:
    """Edges from the targets a model holds; one edge per branch of an ``Fn::If``."""
    if isinstance(model, Function):
        _to(graph, model, model.role, EdgeKind.ROLE)
        _to(graph, model, model.layer_targets, EdgeKind.LAYER)
        if model.dead_letter is not None:
            _to(graph, model, model.dead_letter.targets, EdgeKind.DEAD_LETTER)
        if model.vpc is not None:
            _to(graph, model, model.vpc.subnets, EdgeKind.SUBNET)
            _to(graph, model, model.vpc.security_groups, EdgeKind.SECURITY_GROUP)
    elif isinstance(model, Trigger):
        _to(graph, model, model.targets, EdgeKind.INVOKES)
        if model.mapping_id is not None:
            graph.link(model, model.mapping_id, EdgeKind.MAPPING)
        source = graph.get(model.source_id)
        if source is not None and source is not model:
            graph.link(source, model, EdgeKind.SOURCE)
    elif isinstance(model, EventSourceMapping):
        if model.on_failure is not None:
            _to(graph, model, model.on_failure.targets, EdgeKind.ON_FAILURE)
    elif isinstance(model, Alias):
        graph.link(model, model.function_id, EdgeKind.ALIAS_OF)
        _to(graph, model, model.version, EdgeKind.POINTS_TO)
        for entry in model.routing:
            _to(graph, model, entry.targets, EdgeKind.POINTS_TO)
    elif isinstance(model, Version):
        graph.link(model, model.function_id, EdgeKind.VERSION_OF)
    elif isinstance(model, Permission):
        _to(graph, model, model.targets, EdgeKind.PERMITS)
    elif isinstance(model, (EventInvokeConfig, FunctionUrl)):
        _to(graph, model, model.targets, EdgeKind.CONFIGURES)
        if isinstance(model, EventInvokeConfig):
            for fn_id in {t.function_id for t in model.targets if t.function_id}:
                fn = graph.get(fn_id)
                if fn is None:
                    continue
                if model.on_failure is not None:
                    _to(graph, fn, model.on_failure.targets, EdgeKind.ON_FAILURE)
                if model.on_success is not None:
                    _to(graph, fn, model.on_success.targets, EdgeKind.ON_SUCCESS)
    elif isinstance(model, ApiIntegration):
        _to(graph, model, model.targets, EdgeKind.INVOKES)
    elif isinstance(model, Policy):
        _to(graph, model, model.roles, EdgeKind.ATTACHED_TO)
    elif isinstance(model, Queue):
        _to(graph, model, model.dead_letter, EdgeKind.REDRIVE)
    elif isinstance(model, Subscription):
        pass
