"""Template -> LambdaGraph: read every resource into models (SAM and CloudFormation alike), then
resolve the references between them into typed edges."""

from __future__ import annotations

from lambdalint.model import cfn, sam
from lambdalint.model.fields import items, sub, text
from lambdalint.model.graph import EdgeKind, LambdaGraph
from lambdalint.model.lambda_ import (
    Alias,
    ApiIntegration,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Model,
    Permission,
    Policy,
    Queue,
    Role,
    Trigger,
    TriggerKind,
    Version,
)
from lambdalint.model.refs import literal_arn_service, references
from lambdalint.source.nodes import Node, plain
from lambdalint.source.template import Template

# What an event source ARN's resource type (or a literal ARN's service) says about the trigger.
_SOURCE_KIND_BY_TYPE = {
    "AWS::SQS::Queue": TriggerKind.SQS,
    "AWS::Kinesis::Stream": TriggerKind.KINESIS,
    "AWS::Kinesis::StreamConsumer": TriggerKind.KINESIS,
    "AWS::DynamoDB::Table": TriggerKind.DYNAMODB,
    "AWS::DynamoDB::GlobalTable": TriggerKind.DYNAMODB,
    "AWS::MSK::Cluster": TriggerKind.MSK,
    "AWS::MSK::ServerlessCluster": TriggerKind.MSK,
    "AWS::AmazonMQ::Broker": TriggerKind.MQ,
    "AWS::DocDB::DBCluster": TriggerKind.DOCUMENTDB,
}
_SOURCE_KIND_BY_SERVICE = {
    "sqs": TriggerKind.SQS,
    "kinesis": TriggerKind.KINESIS,
    "dynamodb": TriggerKind.DYNAMODB,
    "kafka": TriggerKind.MSK,
    "mq": TriggerKind.MQ,
    "rds": TriggerKind.DOCUMENTDB,
}


def build_graph(template: Template) -> LambdaGraph:
    graph = LambdaGraph()
    for res in template.resources.values():
        if res.type == "AWS::Serverless::Function":
            fn = sam.function(res)
            graph.add(fn)
            for part in sam.function_parts(res, fn, template):
                graph.add(part)
        elif res.type == "AWS::Lambda::Function":
            graph.add(cfn.function(res))
        elif res.type == "AWS::Serverless::LayerVersion":
            graph.add(sam.layer(res))
        elif res.type in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi"):
            graph.add(sam.api(res))
        else:
            reader = cfn.READERS.get(res.type)
            if reader is not None:
                for model in reader(res):
                    graph.add(model)
    _Linker(graph, template).link_all()
    return graph


class _Linker:
    def __init__(self, graph: LambdaGraph, template: Template) -> None:
        self.graph = graph
        self.template = template
        # SAM event triggers by function id, indexed once: scanning every trigger per function
        # made linking quadratic (~45 ms of ~75 ms for 250 functions).
        self._events: dict[str, list[Trigger]] | None = None

    def link_all(self) -> None:
        for model in list(self._models()):
            if isinstance(model, Function):
                self.function(model)
            elif isinstance(model, Trigger):
                self.trigger(model)
            elif isinstance(model, EventSourceMapping):
                self.mapping(model)
            elif isinstance(model, Alias):
                self.alias(model)
            elif isinstance(model, Version):
                self.version(model)
            elif isinstance(model, (Permission, EventInvokeConfig, FunctionUrl, ApiIntegration)):
                self.invoker(model)
            elif isinstance(model, Policy):
                for role_id in model.role_ids:
                    self.graph.link(model, role_id, EdgeKind.ATTACHED_TO)
            elif isinstance(model, Queue):
                dlq = sub(model.redrive_policy, "deadLetterTargetArn")
                self._link_refs(model, dlq, EdgeKind.REDRIVE)

    def _models(self) -> list[Model]:
        return [model for _, model in self.graph.nodes()]

    def _link_refs(self, src: Model, node: Node | None, kind: EdgeKind) -> list[str]:
        linked = []
        for target, _ in references(node):
            if self.graph.get(target) is not None and target != src.logical_id:
                self.graph.link(src, target, kind)
                linked.append(target)
        return linked

    def invoked(self, node: Node | None) -> tuple[Model | None, Function | None, str | None]:
        """What a FunctionName/ARN node invokes: (function, alias or version model; the function;
        the qualifier), resolving SAM's ``!Ref Fn.Alias`` shorthand."""
        for target, attr in references(node):
            model = self.graph.get(target)
            if isinstance(model, Function) and attr == "Alias":
                aliases = self.graph.aliases_of(model)
                if aliases:
                    return aliases[0], model, text(aliases[0].name)
            if isinstance(model, Function):
                return model, model, None
            if isinstance(model, Alias):
                fn = self.graph.get(self._function_id_of(model))
                return model, fn if isinstance(fn, Function) else None, text(model.name)
            if isinstance(model, Version):
                fn = self.graph.get(self._function_id_of(model))
                return model, fn if isinstance(fn, Function) else None, None
        return None, None, None

    def _function_id_of(self, model: Alias | Version) -> str | None:
        if model.function_id not in (None, cfn.PENDING):
            return model.function_id
        for target, _ in references(model.prop("FunctionName")):
            if isinstance(self.graph.get(target), Function):
                model.function_id = target
                return target
        return None

    def function(self, fn: Function) -> None:
        role_ids = self._link_refs(fn, fn.role, EdgeKind.ROLE)
        if role_ids:
            fn.role_id = role_ids[0]
        elif fn.role is None and isinstance(self.graph.get(f"{fn.logical_id}Role"), Role):
            fn.role_id = f"{fn.logical_id}Role"
            self.graph.link(fn, fn.role_id, EdgeKind.ROLE)
        for layer in items(fn.layers):
            fn.layer_ids.extend(self._link_refs(fn, layer, EdgeKind.LAYER))
        self._link_refs(fn, sub(fn.dead_letter, "TargetArn"), EdgeKind.DEAD_LETTER)
        self._link_refs(fn, sub(fn.vpc_config, "SubnetIds"), EdgeKind.SUBNET)
        self._link_refs(fn, sub(fn.vpc_config, "SecurityGroupIds"), EdgeKind.SECURITY_GROUP)
        destinations = sub(fn.event_invoke_config, "DestinationConfig")
        self._link_refs(fn, sub(sub(destinations, "OnFailure"), "Destination"), EdgeKind.ON_FAILURE)
        self._link_refs(fn, sub(sub(destinations, "OnSuccess"), "Destination"), EdgeKind.ON_SUCCESS)
        fn.event_ids = [t.logical_id for t in self._sam_events(fn)]

    def _sam_events(self, fn: Function) -> list[Trigger]:
        if self._events is None:
            self._events = {}
            for m in self.graph.objects(Trigger):
                if m.logical_id.startswith(f"{m.resource_id}."):
                    self._events.setdefault(m.resource_id, []).append(m)
        return self._events.get(fn.logical_id, [])

    def trigger(self, trig: Trigger) -> None:
        if trig.function_id == cfn.PENDING:
            node = trig.target
            if trig.mapping_id is not None:
                esm = self.graph.get(trig.mapping_id)
                node = esm.prop("FunctionName") if esm is not None else node
            target, fn, qualifier = self.invoked(node)
            if target is None and trig.mapping_id is None and not _names_lambda(node):
                # A producer target that is not a function (a topic, a state machine, an HTTP
                # endpoint) is no Lambda trigger.
                self.graph.remove(trig)
                return
            trig.function_id = fn.logical_id if fn is not None else ""
            trig.qualifier = qualifier
            if target is not None:
                self.graph.link(trig, target, EdgeKind.INVOKES)
        else:
            target_model: Model | None = self.graph.get(trig.function_id)
            # SAM points a function's own events at its AutoPublishAlias, even when the alias
            # name is an intrinsic (then the trigger has no qualifier text).
            sam_aliased = (
                isinstance(target_model, Function)
                and target_model.auto_publish_alias is not None
                and trig.resource_id == target_model.logical_id
            )
            if (trig.qualifier is not None or sam_aliased) and isinstance(target_model, Function):
                aliases = self.graph.aliases_of(target_model)
                if aliases:
                    target_model = aliases[0]
            if target_model is not None:
                self.graph.link(trig, target_model, EdgeKind.INVOKES)
        if trig.mapping_id is not None:
            esm = self.graph.get(trig.mapping_id)
            if isinstance(esm, EventSourceMapping):
                self.graph.link(trig, esm, EdgeKind.MAPPING)
                if trig.kind is TriggerKind.OTHER:
                    trig.kind = self._polled_kind(esm)
                if trig.source_id is None:
                    trig.source_id = esm.source_id
        if trig.source_id is not None:
            source = self.graph.get(trig.source_id)
            if source is not None and source is not trig:
                self.graph.link(source, trig, EdgeKind.SOURCE)

    def _polled_kind(self, esm: EventSourceMapping) -> TriggerKind:
        for target, _ in references(esm.event_source_arn):
            res = self.template.resources.get(target)
            if res is not None and res.type in _SOURCE_KIND_BY_TYPE:
                return _SOURCE_KIND_BY_TYPE[res.type]
        service = literal_arn_service(esm.event_source_arn)
        if service in _SOURCE_KIND_BY_SERVICE:
            return _SOURCE_KIND_BY_SERVICE[service]
        if esm.prop("SelfManagedEventSource") is not None:
            return TriggerKind.KAFKA
        return TriggerKind.OTHER

    def mapping(self, esm: EventSourceMapping) -> None:
        if esm.function_id == cfn.PENDING:
            _, fn, qualifier = self.invoked(esm.prop("FunctionName"))
            esm.function_id = fn.logical_id if fn is not None else None
            esm.qualifier = qualifier
        if esm.source_id is None:
            esm.source_id = next(
                (t for t, _ in references(esm.event_source_arn) if t in self.template.resources),
                None,
            )
        on_failure = sub(sub(esm.destination_config, "OnFailure"), "Destination")
        self._link_refs(esm, on_failure, EdgeKind.ON_FAILURE)

    def alias(self, alias: Alias) -> None:
        fn_id = self._function_id_of(alias)
        if fn_id is not None:
            self.graph.link(alias, fn_id, EdgeKind.ALIAS_OF)
        if alias.version_id is None:
            alias.version_id = next(
                (
                    t
                    for t, _ in references(alias.function_version)
                    if isinstance(self.graph.get(t), Version)
                ),
                None,
            )
        if alias.version_id is not None:
            self.graph.link(alias, alias.version_id, EdgeKind.POINTS_TO)

    def version(self, version: Version) -> None:
        fn_id = self._function_id_of(version)
        if fn_id is not None:
            self.graph.link(version, fn_id, EdgeKind.VERSION_OF)

    def invoker(self, model: Permission | EventInvokeConfig | FunctionUrl | ApiIntegration) -> None:
        if model.function_id != cfn.PENDING:
            fn_model = self.graph.get(model.function_id)
            if fn_model is not None:
                self.graph.link(model, fn_model, _invoker_edge(model))
            return
        node = (
            model.uri
            if isinstance(model, ApiIntegration)
            else (
                model.prop("TargetFunctionArn")
                if isinstance(model, FunctionUrl)
                else model.prop("FunctionName")
            )
        )
        target, fn, qualifier = self.invoked(node)
        if target is None and isinstance(model, ApiIntegration) and not _names_lambda(node):
            self.graph.remove(model)
            return
        model.function_id = fn.logical_id if fn is not None else None
        if isinstance(model, Permission):
            model.qualifier = qualifier
        if target is not None:
            self.graph.link(model, target, _invoker_edge(model))
        if isinstance(model, EventInvokeConfig) and fn is not None:
            destinations = model.destination_config
            self._link_refs(
                fn, sub(sub(destinations, "OnFailure"), "Destination"), EdgeKind.ON_FAILURE
            )
            self._link_refs(
                fn, sub(sub(destinations, "OnSuccess"), "Destination"), EdgeKind.ON_SUCCESS
            )


def _invoker_edge(model: Model) -> EdgeKind:
    if isinstance(model, Permission):
        return EdgeKind.PERMITS
    if isinstance(model, ApiIntegration):
        return EdgeKind.INVOKES
    return EdgeKind.CONFIGURES


def _names_lambda(node: Node | None) -> bool:
    """A literal (or Sub/Join-built) ARN of a Lambda function, e.g. one outside the template."""
    return literal_arn_service(node) == "lambda" or ":lambda:path/" in str(plain(node))
