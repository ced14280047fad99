"""Drawing a LambdaGraph for people and tools: Mermaid (default), Graphviz DOT, or JSON.

The graph stores meaning only (STYLE.md §14); shapes, colours and labels live here, keyed by
``NodeKind`` and ``EdgeKind``, and every drawing is built from a read-only walk of the graph.
Output is deterministic: nodes sorted by logical id then kind, edges by their endpoints, so a
drawing can be diffed and snapshotted.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from lambdalint.model.base import Model
from lambdalint.model.graph import EdgeKind, Key, LambdaGraph, NodeKind
from lambdalint.model.lambda_ import Alias, Function
from lambdalint.model.targets import QualifierKind

FORMATS = ("mermaid", "dot", "json")

# Mermaid's defaults refuse larger diagrams, and a diagram cannot raise them itself (they are
# "secure" settings): https://mermaid.js.org/config/schema-docs/config.html#maxedges and
# #maxtextsize. Past them the drawing says so in a comment and suggests DOT.
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000

# Mermaid node shapes: (opening, closing) around a quoted label.
# https://mermaid.js.org/syntax/flowchart.html#node-shapes
_MERMAID_SHAPES: dict[NodeKind, tuple[str, str]] = {
    NodeKind.FUNCTION: ("[", "]"),  # rectangle
    NodeKind.TRIGGER: ("([", "])"),  # stadium
    NodeKind.EVENT_SOURCE_MAPPING: ("[[", "]]"),  # subroutine
    NodeKind.VERSION: ("(", ")"),  # rounded
    NodeKind.ALIAS: ("(", ")"),
    NodeKind.LAYER: ("[/", "/]"),  # parallelogram
    NodeKind.PERMISSION: (">", "]"),  # asymmetric (a flag)
    NodeKind.EVENT_INVOKE_CONFIG: ("[[", "]]"),
    NodeKind.URL: ("((", "))"),  # circle
    NodeKind.ROLE: ("{{", "}}"),  # hexagon
    NodeKind.POLICY: ("[\\", "\\]"),  # parallelogram leaning the other way
    NodeKind.QUEUE: ("[(", ")]"),  # cylinder
    NodeKind.TOPIC: (">", "]"),
    NodeKind.SUBSCRIPTION: ("(", ")"),
    NodeKind.BUCKET: ("[(", ")]"),
    NodeKind.RULE: ("((", "))"),
    NodeKind.STREAM: ("[(", ")]"),
    NodeKind.API: ("[/", "\\]"),  # trapezoid
    NodeKind.API_INTEGRATION: ("[", "]"),
    NodeKind.DISTRIBUTION: ("[\\", "/]"),  # inverted trapezoid
    NodeKind.NETWORK: ("[", "]"),
}

# Fill and stroke per kind (AWS console-like colours; readable on light and dark backgrounds).
_COLOURS: dict[NodeKind, tuple[str, str]] = {
    NodeKind.FUNCTION: ("#ff9900", "#b35c00"),
    NodeKind.TRIGGER: ("#e7f0fd", "#3b73c4"),
    NodeKind.EVENT_SOURCE_MAPPING: ("#e7f0fd", "#3b73c4"),
    NodeKind.VERSION: ("#fff3d6", "#b35c00"),
    NodeKind.ALIAS: ("#fff3d6", "#b35c00"),
    NodeKind.LAYER: ("#fff3d6", "#b35c00"),
    NodeKind.PERMISSION: ("#fde8e8", "#c0392b"),
    NodeKind.EVENT_INVOKE_CONFIG: ("#fff3d6", "#b35c00"),
    NodeKind.URL: ("#e7f0fd", "#3b73c4"),
    NodeKind.ROLE: ("#fde8e8", "#c0392b"),
    NodeKind.POLICY: ("#fde8e8", "#c0392b"),
    NodeKind.QUEUE: ("#f3e5f5", "#8e44ad"),
    NodeKind.TOPIC: ("#f3e5f5", "#8e44ad"),
    NodeKind.SUBSCRIPTION: ("#f3e5f5", "#8e44ad"),
    NodeKind.BUCKET: ("#e8f6ec", "#2e8b57"),
    NodeKind.RULE: ("#f3e5f5", "#8e44ad"),
    NodeKind.STREAM: ("#f3e5f5", "#8e44ad"),
    NodeKind.API: ("#e7f0fd", "#3b73c4"),
    NodeKind.API_INTEGRATION: ("#e7f0fd", "#3b73c4"),
    NodeKind.DISTRIBUTION: ("#e7f0fd", "#3b73c4"),
    NodeKind.NETWORK: ("#eeeeee", "#555555"),
}

# Graphviz shapes: https://graphviz.org/doc/info/shapes.html
_DOT_SHAPES: dict[NodeKind, str] = {
    NodeKind.FUNCTION: "box",
    NodeKind.TRIGGER: "oval",
    NodeKind.EVENT_SOURCE_MAPPING: "component",
    NodeKind.VERSION: "box",
    NodeKind.ALIAS: "box",
    NodeKind.LAYER: "parallelogram",
    NodeKind.PERMISSION: "note",
    NodeKind.EVENT_INVOKE_CONFIG: "component",
    NodeKind.URL: "circle",
    NodeKind.ROLE: "hexagon",
    NodeKind.POLICY: "parallelogram",
    NodeKind.QUEUE: "cylinder",
    NodeKind.TOPIC: "cds",
    NodeKind.SUBSCRIPTION: "oval",
    NodeKind.BUCKET: "cylinder",
    NodeKind.RULE: "circle",
    NodeKind.STREAM: "cylinder",
    NodeKind.API: "trapezium",
    NodeKind.API_INTEGRATION: "box",
    NodeKind.DISTRIBUTION: "invtrapezium",
    NodeKind.NETWORK: "box",
}
_DOT_ROUNDED = frozenset({NodeKind.VERSION, NodeKind.ALIAS})

# Characters with a meaning inside a quoted Mermaid label, as Mermaid entity codes
# (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters). ``#`` goes
# first so the other codes are not escaped twice; brackets and braces are escaped too because a
# stray one ends the node shape in some Mermaid versions.
_MERMAID_ESCAPES = (
    ("#", "#35;"),
    ('"', "#quot;"),
    ("[", "#91;"),
    ("]", "#93;"),
    ("(", "#40;"),
    (")", "#41;"),
    ("{", "#123;"),
    ("}", "#125;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("|", "#124;"),
    ("`", "#96;"),
)


def _ordered(graph: LambdaGraph) -> list[tuple[Key, Model]]:
    kinds = list(NodeKind)
    return sorted(graph.nodes(), key=lambda item: (item[0][1], kinds.index(item[0][0])))


def _edges(graph: LambdaGraph, ids: dict[Key, str]) -> list[tuple[str, str, EdgeKind, str]]:
    kinds = list(EdgeKind)
    models = dict(graph.nodes())
    return sorted(
        ((ids[s], ids[d], k, edge_label(graph, models, s, d, k)) for s, d, k in graph.edges()),
        key=lambda e: (e[0], e[1], kinds.index(e[2])),
    )


_QUALIFIED = (EdgeKind.INVOKES, EdgeKind.PERMITS, EdgeKind.CONFIGURES)


def edge_label(
    graph: LambdaGraph, models: dict[Key, Model], src: Key, dst: Key, kind: EdgeKind
) -> str:
    """The edge kind, with the qualifier an invoking edge uses (``invokes alias live``; an
    unqualified one is marked only when the function has aliases or versions) and the weight
    of an alias's versions under weighted routing (``points_to weight 0.1``)."""
    source, target = models.get(src), models.get(dst)
    if kind in _QUALIFIED and source is not None and target is not None:
        qualifiers = {
            t.qualifier
            for t in getattr(source, "targets", ())
            if t.node_id == target.logical_id and t.qualifier.kind is not QualifierKind.UNKNOWN
        }
        if len(qualifiers) == 1:
            (q,) = qualifiers
            plain = q.kind is QualifierKind.UNQUALIFIED
            if not plain or (
                isinstance(target, Function)
                and (graph.aliases_of(target) or graph.versions_of(target))
            ):
                return f"{kind.value} {q}"
    if kind is EdgeKind.POINTS_TO and isinstance(source, Alias) and source.routing:
        weights = {
            t.node_id: w
            for entry in source.routing
            for t in entry.targets
            if (w := entry.weight.only()) is not None
        }
        if target is not None and target.logical_id in weights:
            return f"{kind.value} weight {weights[target.logical_id]:g}"
        if target is not None and len(weights) == len(source.routing):
            return f"{kind.value} weight {1 - sum(weights.values()):g}"
    return kind.value


def node_id(key: Key) -> str:
    """The stable, unique text id of a node in JSON and DOT output: ``function:MyFn``."""
    return f"{key[0].value}:{key[1]}"


def mermaid_text(label: str) -> str:
    """A label made safe to put between double quotes in a Mermaid node or edge."""
    out = " ".join(label.split())  # no newlines: they end the statement
    for char, code in _MERMAID_ESCAPES:
        out = out.replace(char, code)
    return out


def _mermaid_class(kind: NodeKind) -> str:
    # Prefixed: Mermaid gives ``default`` (and keywords such as ``end``) special meanings.
    return f"k_{kind.value}"


def render_mermaid(graph: LambdaGraph) -> str:
    nodes = _ordered(graph)
    # Logical ids may hold dots and other characters Mermaid reads as syntax: number the nodes.
    ids = {key: f"n{i}" for i, (key, _) in enumerate(nodes)}
    lines = ["flowchart LR"]
    by_kind: dict[NodeKind, list[str]] = {}
    for key, model in nodes:
        opening, closing = _MERMAID_SHAPES[key[0]]
        label = f"{mermaid_text(model.logical_id)}<br/>{mermaid_text(model.resource_type)}"
        lines.append(f'    {ids[key]}{opening}"{label}"{closing}')
        by_kind.setdefault(key[0], []).append(ids[key])
    for src, dst, edge, text in _edges(graph, ids):
        arrow = "-.->" if edge in (EdgeKind.PERMITS, EdgeKind.CONFIGURES) else "-->"
        lines.append(f'    {src} {arrow}|"{mermaid_text(text)}"| {dst}')
    for kind in NodeKind:
        if kind in by_kind:
            fill, stroke = _COLOURS[kind]
            lines.append(
                f"    classDef {_mermaid_class(kind)} fill:{fill},stroke:{stroke},color:#000000"
            )
            lines.append(f"    class {','.join(by_kind[kind])} {_mermaid_class(kind)}")
    text = "\n".join(lines) + "\n"
    edges = sum(1 for _ in graph.edges())
    if edges > MERMAID_MAX_EDGES or len(text) > MERMAID_MAX_TEXT:
        note = (
            f"    %% {len(nodes)} nodes, {edges} edges, {len(text):,} characters: over "
            f"Mermaid's default limits ({MERMAID_MAX_EDGES} edges, {MERMAID_MAX_TEXT:,} "
            "characters); raise maxEdges / maxTextSize in mermaid.initialize, or use "
            "--format dot\n"
        )
        text = text.replace("\n", "\n" + note, 1)
    return text


def dot_text(value: str) -> str:
    """A DOT double-quoted string: backslash and quote escaped, newlines as ``\\n``."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def render_dot(graph: LambdaGraph) -> str:
    nodes = _ordered(graph)
    ids = {key: node_id(key) for key, _ in nodes}
    lines = [
        "digraph lambdalint {",
        "    rankdir=LR;",
        '    node [fontname="Helvetica", fontsize=10, style=filled];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    for key, model in nodes:
        fill, stroke = _COLOURS[key[0]]
        style = ', style="filled,rounded"' if key[0] in _DOT_ROUNDED else ""
        # The label is "id\ntype"; build it escaped, then join with DOT's \n escape.
        label = dot_text(model.logical_id)[:-1] + "\\n" + dot_text(model.resource_type)[1:]
        lines.append(
            f"    {dot_text(ids[key])} [label={label}, shape={_DOT_SHAPES[key[0]]}, "
            f'fillcolor="{fill}", color="{stroke}"{style}];'
        )
    for src, dst, kind, text in _edges(graph, ids):
        dashed = ", style=dashed" if kind in (EdgeKind.PERMITS, EdgeKind.CONFIGURES) else ""
        lines.append(f"    {dot_text(src)} -> {dot_text(dst)} [label={dot_text(text)}{dashed}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_json(graph: LambdaGraph) -> str:
    nodes = _ordered(graph)
    ids = {key: node_id(key) for key, _ in nodes}
    doc = {
        "nodes": [
            {
                "id": ids[key],
                "kind": key[0].value,
                "logical_id": model.logical_id,
                "resource_type": model.resource_type,
                "line": model.loc.line,
            }
            for key, model in nodes
        ],
        "edges": [
            {"source": s, "target": d, "kind": k.value, **({"label": t} if t != k.value else {})}
            for s, d, k, t in _edges(graph, ids)
        ],
    }
    return json.dumps(doc, indent=2) + "\n"


_RENDERERS: dict[str, Callable[[LambdaGraph], str]] = {
    "mermaid": render_mermaid,
    "dot": render_dot,
    "json": render_json,
}


def render(graph: LambdaGraph, fmt: str = "mermaid") -> str:
    """The graph drawn in ``fmt`` (mermaid, dot or json). An unknown format is a ValueError; the
    CLI checks the format first and reports it as a usage error."""
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown graph format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return renderer(graph)
