"""LambdaGraph: the template's Lambda world as a typed networkx multigraph, plus the queries rules
ask, so no rule touches networkx directly.

Nodes are keyed ``(NodeKind, logical id)`` and carry their model object; edges carry an
``EdgeKind``. Drawing lives in ``model/draw.py``; this graph stores meaning only.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from lambdalint.model.base import Model
from lambdalint.model.lambda_ import (
    Alias,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Permission,
    Policy,
    Role,
    Version,
)
from lambdalint.model.sources import (
    Api,
    ApiIntegration,
    Bucket,
    Distribution,
    EventRule,
    Network,
    Queue,
    Stream,
    Subscription,
    Topic,
    Trigger,
)

if TYPE_CHECKING:
    import networkx as nx


class NodeKind(str, Enum):
    FUNCTION = "function"
    TRIGGER = "trigger"
    EVENT_SOURCE_MAPPING = "event_source_mapping"
    VERSION = "version"
    ALIAS = "alias"
    LAYER = "layer"
    PERMISSION = "permission"
    EVENT_INVOKE_CONFIG = "event_invoke_config"
    URL = "url"
    ROLE = "role"
    POLICY = "policy"
    QUEUE = "queue"
    TOPIC = "topic"
    SUBSCRIPTION = "subscription"
    BUCKET = "bucket"
    RULE = "rule"
    STREAM = "stream"
    API = "api"
    API_INTEGRATION = "api_integration"
    DISTRIBUTION = "distribution"
    NETWORK = "network"


KIND_OF: dict[type[Model], NodeKind] = {
    Function: NodeKind.FUNCTION,
    Trigger: NodeKind.TRIGGER,
    EventSourceMapping: NodeKind.EVENT_SOURCE_MAPPING,
    Version: NodeKind.VERSION,
    Alias: NodeKind.ALIAS,
    LayerVersion: NodeKind.LAYER,
    Permission: NodeKind.PERMISSION,
    EventInvokeConfig: NodeKind.EVENT_INVOKE_CONFIG,
    FunctionUrl: NodeKind.URL,
    Role: NodeKind.ROLE,
    Policy: NodeKind.POLICY,
    Queue: NodeKind.QUEUE,
    Topic: NodeKind.TOPIC,
    Subscription: NodeKind.SUBSCRIPTION,
    Bucket: NodeKind.BUCKET,
    EventRule: NodeKind.RULE,
    Stream: NodeKind.STREAM,
    Api: NodeKind.API,
    ApiIntegration: NodeKind.API_INTEGRATION,
    Distribution: NodeKind.DISTRIBUTION,
    Network: NodeKind.NETWORK,
}


class EdgeKind(str, Enum):
    ROLE = "role"  # function -> role
    LAYER = "layer"  # function -> layer
    INVOKES = "invokes"  # trigger -> function | alias | version
    SOURCE = "source"  # producer (queue, topic, bucket, rule, api, stream) -> trigger
    MAPPING = "mapping"  # trigger -> event source mapping
    ALIAS_OF = "alias_of"  # alias -> function
    POINTS_TO = "points_to"  # alias -> version
    VERSION_OF = "version_of"  # version -> function
    DEAD_LETTER = "dead_letter"  # function -> queue | topic
    ON_FAILURE = "on_failure"  # function | mapping -> destination
    ON_SUCCESS = "on_success"  # function -> destination
    SUBNET = "subnet"  # function -> subnet
    SECURITY_GROUP = "security_group"  # function -> security group
    PERMITS = "permits"  # permission -> function | alias
    CONFIGURES = "configures"  # event invoke config | url -> function
    ATTACHED_TO = "attached_to"  # policy -> role
    REDRIVE = "redrive"  # queue -> dead-letter queue


Key = tuple[NodeKind, str]
M = TypeVar("M", bound=Model)


def key_of(model: Model) -> Key:
    return (KIND_OF[type(model)], model.logical_id)


class LambdaGraph:
    """Typed nodes and edges, stored as plain adjacency so that a lint run does not pay for
    importing networkx (~100-180 ms, more than parsing a template). ``.nx`` builds the same graph
    as a ``networkx.MultiDiGraph`` on first use, for drawing and graph algorithms."""

    def __init__(self) -> None:
        self._models: dict[Key, Model] = {}
        self._out: dict[Key, list[tuple[EdgeKind, Key]]] = {}
        self._in: dict[Key, list[tuple[EdgeKind, Key]]] = {}
        self._by_id: dict[str, Model] = {}
        self._edges: set[tuple[Key, EdgeKind, Key]] = set()
        self._by_kind: dict[NodeKind, dict[Key, Model]] = {}
        self._nx: nx.MultiDiGraph | None = None

    @property
    def nx(self) -> nx.MultiDiGraph:
        if self._nx is None:
            import networkx

            g = networkx.MultiDiGraph()
            for key, model in self._models.items():
                g.add_node(key, model=model)
            for src, edges in self._out.items():
                for kind, dst in edges:
                    g.add_edge(src, dst, key=kind, kind=kind)
            self._nx = g
        return self._nx

    # ----- building ---------------------------------------------------------------------------
    def add(self, model: Model) -> Model:
        key = key_of(model)
        self._models[key] = model
        self._by_kind.setdefault(key[0], {})[key] = model
        self._out.setdefault(key, [])
        self._in.setdefault(key, [])
        self._by_id.setdefault(model.logical_id, model)
        self._nx = None
        return model

    def remove(self, model: Model) -> None:
        key = key_of(model)
        if key not in self._models:
            return
        del self._models[key]
        self._by_kind.get(key[0], {}).pop(key, None)
        for _kind, dst in self._out.pop(key, []):
            self._in[dst] = [(k, s) for k, s in self._in.get(dst, []) if s != key]
        for _kind, src in self._in.pop(key, []):
            self._out[src] = [(k, d) for k, d in self._out.get(src, []) if d != key]
        self._edges = {e for e in self._edges if key not in (e[0], e[2])}
        if self._by_id.get(model.logical_id) is model:
            del self._by_id[model.logical_id]
        self._nx = None

    def link(self, src: Model, dst: Model | str | None, kind: EdgeKind) -> None:
        """An edge from ``src`` to ``dst`` (a model, or a logical id already in the graph)."""
        target = self._by_id.get(dst) if isinstance(dst, str) else dst
        if target is None:
            return
        s, d = key_of(src), key_of(target)
        edge = (s, kind, d)
        if s not in self._models or d not in self._models or edge in self._edges:
            return
        # A set for the duplicate test: a producer with hundreds of triggers made the list
        # membership test quadratic (~150 ms for 250 functions behind one API).
        self._edges.add(edge)
        self._out[s].append((kind, d))
        self._in[d].append((kind, s))
        self._nx = None

    # ----- queries ----------------------------------------------------------------------------
    def nodes(self) -> Iterator[tuple[Key, Model]]:
        return iter(list(self._models.items()))

    def edges(self) -> Iterator[tuple[Key, Key, EdgeKind]]:
        for src, edges in self._out.items():
            for kind, dst in edges:
                yield src, dst, kind

    def get(self, logical_id: str | None) -> Model | None:
        return self._by_id.get(logical_id) if logical_id is not None else None

    def objects(self, cls: type[M]) -> Iterator[M]:
        # By kind, in insertion order: rules ask this once per function, and scanning every
        # model each time made a 250-function check spend ~0.3 s here.
        yield from list(self._by_kind.get(KIND_OF[cls], {}).values())  # type: ignore[misc]

    def functions(self) -> Iterator[Function]:
        return self.objects(Function)

    def out(self, model: Model, kind: EdgeKind) -> list[Model]:
        return [self._models[dst] for k, dst in self._out.get(key_of(model), []) if k is kind]

    def into(self, model: Model, kind: EdgeKind) -> list[Model]:
        return [self._models[src] for k, src in self._in.get(key_of(model), []) if k is kind]

    def role_of(self, fn: Function) -> Role | None:
        roles = self.out(fn, EdgeKind.ROLE)
        return roles[0] if roles and isinstance(roles[0], Role) else None

    def layers_of(self, fn: Function) -> list[LayerVersion]:
        return [m for m in self.out(fn, EdgeKind.LAYER) if isinstance(m, LayerVersion)]

    def aliases_of(self, fn: Function) -> list[Alias]:
        return [m for m in self.into(fn, EdgeKind.ALIAS_OF) if isinstance(m, Alias)]

    def versions_of(self, fn: Function) -> list[Version]:
        return [m for m in self.into(fn, EdgeKind.VERSION_OF) if isinstance(m, Version)]

    def function_of(self, model: Model) -> Function | None:
        """The function a trigger, alias, version, permission or config ultimately reaches."""
        seen: set[Key] = set()
        current: Model | None = model
        while current is not None and key_of(current) not in seen:
            if isinstance(current, Function):
                return current
            seen.add(key_of(current))
            nxt: Model | None = None
            for kind in (
                EdgeKind.INVOKES,
                EdgeKind.ALIAS_OF,
                EdgeKind.VERSION_OF,
                EdgeKind.PERMITS,
                EdgeKind.CONFIGURES,
            ):
                found = self.out(current, kind)
                if found:
                    nxt = found[0]
                    break
            current = nxt
        return None

    def targeting(self, fn: Function, cls: type[M]) -> list[M]:
        """Models of ``cls`` (permissions, invoke configs, URLs, mappings) that point at the
        function directly or through one of its aliases or versions."""
        targets: list[Model] = [fn, *self.aliases_of(fn), *self.versions_of(fn)]
        out: list[M] = []
        for target in targets:
            for kind in (EdgeKind.PERMITS, EdgeKind.CONFIGURES, EdgeKind.INVOKES):
                out.extend(
                    m for m in self.into(target, kind) if isinstance(m, cls) and m not in out
                )
        return out

    def triggers_of(self, fn: Function) -> list[Trigger]:
        """Triggers invoking the function directly or through one of its aliases or versions."""
        targets: list[Model] = [fn, *self.aliases_of(fn), *self.versions_of(fn)]
        out: list[Trigger] = []
        for target in targets:
            out.extend(m for m in self.into(target, EdgeKind.INVOKES) if isinstance(m, Trigger))
        return out

    def mapping_of(self, trigger: Trigger) -> EventSourceMapping | None:
        found = self.out(trigger, EdgeKind.MAPPING)
        return found[0] if found and isinstance(found[0], EventSourceMapping) else None

    def source_of(self, trigger: Trigger) -> Model | None:
        found = self.into(trigger, EdgeKind.SOURCE)
        return found[0] if found else None

    def __len__(self) -> int:
        return len(self._models)
