"""LL014 circular-dependency: resources that depend on each other through Ref, Fn::GetAtt,
Fn::Sub or DependsOn; CloudFormation rejects the template (docs: rules/catalog/LL014.yaml)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.references import Reference, RefKind, template_references


def _components(edges: dict[str, dict[str, Reference]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, {}))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(component)
    return out


def _cycle(start: str, members: set[str], edges: dict[str, dict[str, Reference]]) -> list[str]:
    """One cycle through ``start`` inside its component (breadth first: the shortest)."""
    prev: dict[str, str] = {}
    queue = [start]
    while queue:
        nxt: list[str] = []
        for node in queue:
            for child in edges.get(node, {}):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(prev[path[-1]])
                    return [*reversed(path), start]
                if child in members and child not in prev:
                    prev[child] = node
                    nxt.append(child)
        queue = nxt
    return [start, start]


# SAM function properties that SAM turns into separate resources (permissions, subscriptions,
# event source mappings, CodeDeploy groups, event invoke configs, URLs) which depend on the
# function: what they name is no dependency of the function itself. An Api event naming an API
# whose definition invokes the function is the usual, valid SAM pattern.
_SAM_FUNCTION_DETACHED = frozenset(
    {"Events", "DeploymentPreference", "EventInvokeConfig", "FunctionUrlConfig", "AutoPublishAlias"}
)


def _counts(source_type: str, path: tuple[str | int, ...], kind: RefKind) -> bool:
    """Whether a reference makes its resource depend on the target after the SAM transform.
    Other SAM resources (Api, GraphQLApi, StateMachine, Connector...) are split by SAM into
    several resources in ways a template does not show, so only their DependsOn counts."""
    if not source_type.startswith("AWS::Serverless::") or kind is RefKind.DEPENDS_ON:
        return True
    if source_type != "AWS::Serverless::Function":
        return False
    return not (len(path) > 3 and path[2] == "Properties" and path[3] in _SAM_FUNCTION_DETACHED)


@check("LL014", on=None)
def circular_dependency(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    from lambdalint.checks.input.sam_dependencies import GeneratedOwners, modified_by_events

    tpl = ctx.template
    # Resources in the order they are written (not the order they were read in), so the cycle
    # reported, its first member and its path never depend on how the template was loaded.
    written = sorted(
        tpl.resources, key=lambda r: (tpl.resources[r].loc.line, tpl.resources[r].loc.col)
    )
    order = {name: i for i, name in enumerate(written)}
    edges: dict[str, dict[str, Reference]] = {name: {} for name in written}
    why: dict[tuple[str, str], str] = {}

    def add(source: str, target: str, ref: Reference) -> None:
        # Resources SAM generates come after the written ones: a cycle starts at a written one.
        for name in (source, target):
            if name not in order:
                order[name] = len(order)
                edges[name] = {}
        edges[source].setdefault(target, ref)

    sam_edges = list(modified_by_events(tpl)) if tpl.is_sam else []
    # The implicit APIs SAM creates for Api / HttpApi events without RestApiId / ApiId.
    implicit = {e.source for e in sam_edges if e.source not in tpl.resources}
    owners = GeneratedOwners(tpl) if tpl.is_sam else None
    for ref in template_references(tpl):
        # Only resources the template could read (with a Type) take part; broken entries are
        # reported by the loader.
        if ref.kind is RefKind.CONDITION or ref.source not in tpl.resources:
            continue
        if not _counts(tpl.resources[ref.source].type, tpl.path_of(ref.node), ref.kind):
            continue
        owner = owners.owner(ref.target) if owners is not None else None
        if ref.target in tpl.resources or ref.target in implicit:
            add(ref.source, ref.target, ref)
        elif owner is not None:
            add(ref.source, ref.target, ref)
            add(ref.target, owner, ref)
            why[(ref.target, owner)] = f"SAM's {ref.target} depends on {owner}"
    for edge in sam_edges:
        ref = Reference(RefKind.REF, edge.source, None, edge.node.loc, edge.target, edge.node)
        add(edge.source, edge.target, ref)
        why[(edge.source, edge.target)] = edge.why
    for name, targets in edges.items():
        edges[name] = dict(sorted(targets.items(), key=lambda t: order[t[0]]))
    for component in _components(edges):
        first = min(component, key=order.__getitem__)
        if len(component) == 1 and first not in edges[first]:
            continue
        cycle = _cycle(first, set(component), edges)
        ref = edges[cycle[0]][cycle[1]]
        chain = " -> ".join(cycle)
        how = "refers to itself" if len(cycle) == 2 and cycle[0] == cycle[1] else "is in a cycle"
        notes = [why[p] for p in itertools.pairwise(cycle) if p in why]
        note = f" ({'; '.join(notes)})" if notes else ""
        yield ctx.finding(
            f"circular dependency: {first} {how} ({chain}){note}; CloudFormation cannot "
            "order these resources",
            at=ref.node,
            resource=first,
        )
