"""Which functions a written value reaches, and one finding per place a bad value was written.

A value set once in ``Globals`` (or a parameter ``Default``, or a ``Mappings`` entry) can reach
several functions. The limits and runtime rules report such a value **once, at the place it was
written, naming every function it reaches**, rather than once per function at the same line:
the user fixes one line, so they should read one finding. The finding's ``resource`` is the first
function reached, so a resource-level suppression on that function covers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lambdalint.engine.context import At, CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function
from lambdalint.severity import Severity
from lambdalint.source.intrinsics import NO_VALUE, Candidate
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence

# Placeholder in a Problem message, replaced by "function A" / "functions A and B".
FUNCTIONS = "{functions}"


@dataclass(frozen=True)
class Problem:
    """A bad value at ``at`` that reaches ``function``; ``message`` contains ``FUNCTIONS``."""

    at: At
    function: str
    message: str
    severity: Severity | None = None
    path: tuple[str | int, ...] | None = None


def _loc(at: At) -> Location:
    if isinstance(at, Location):
        return at
    return at.loc


def function_phrase(names: list[str]) -> str:
    if len(names) == 1:
        return f"function {names[0]}"
    return f"functions {', '.join(names[:-1])} and {names[-1]}"


def report(ctx: CheckContext, problems: Iterable[Problem]) -> Iterator[Finding]:
    """One finding per (place, message, severity), naming all the functions reached."""
    groups: dict[tuple[Location, str, Severity | None], list[Problem]] = {}
    for problem in problems:
        key = (_loc(problem.at), problem.message, problem.severity)
        groups.setdefault(key, []).append(problem)
    for group in groups.values():
        first = group[0]
        names = list(dict.fromkeys(p.function for p in group))
        message = first.message.replace(FUNCTIONS, function_phrase(names))
        yield ctx.finding(
            message, at=first.at, resource=names[0], path=first.path, severity=first.severity
        )


def deployed_functions(graph: LambdaGraph, ctx: CheckContext) -> list[Function]:
    """Functions that may be created: a resource Condition known to be false drops it."""
    out = []
    for fn in graph.functions():
        if fn.condition is not None and ctx.evaluator.condition(fn.condition) is False:
            continue
        out.append(fn)
    return out


def present(cand: Candidate) -> bool:
    """A known value that is really there (not ``AWS::NoValue``, not an empty YAML value)."""
    return cand.is_known and cand.value is not NO_VALUE and cand.value is not None


def package_types(fn: Function, ctx: CheckContext) -> set[str] | None:
    """The package types the function may have ("Zip" when absent), or None if unknown."""
    if fn.package_type is None:
        # SAM does not infer Image from ImageUri: ``PackageType or ZIP`` in SamFunction
        # (samtranslator/model/sam_resources.py ``_validate_package_type``), so such a function is
        # a .zip one (and fails). For CloudFormation an image URI without PackageType leaves the
        # package type in doubt, so neither Zip nor Image is assumed.
        return None if fn.image_uri is not None and fn.dialect != "sam" else {"Zip"}
    out: set[str] = set()
    for cand in ctx.candidates(fn.package_type):
        if not cand.is_known:
            return None
        if cand.value is NO_VALUE or cand.value is None:
            out.add("Zip")
        elif isinstance(cand.value, str):
            out.add(cand.value)
        else:
            return None
    return out or None


def is_zip(fn: Function, ctx: CheckContext) -> bool:
    """True only when every way the template can be deployed makes this a .zip function."""
    return package_types(fn, ctx) == {"Zip"}


def is_image(fn: Function, ctx: CheckContext) -> bool:
    return package_types(fn, ctx) == {"Image"}


def may_be_zip(fn: Function, ctx: CheckContext) -> bool:
    kinds = package_types(fn, ctx)
    return kinds is None or "Zip" in kinds


def has_capacity_provider(fn: Function, ctx: CheckContext) -> bool:
    """Whether CapacityProviderConfig (Lambda Managed Instances) may be set. Unknown counts as
    set, so a rule never reports a value that a managed-instances function could accept."""
    node = fn.prop("CapacityProviderConfig")
    if node is None:
        return False
    return any(c.value is not NO_VALUE for c in ctx.candidates(node))


def in_globals(ctx: CheckContext, node: Node) -> bool:
    return ctx.template.path_of(node)[:1] == ("Globals",)


def local_property(ctx: CheckContext, fn: Function, name: str) -> Node | None:
    """The property as written on the resource itself (without Globals)."""
    res = ctx.template.resources.get(fn.logical_id)
    props = res.node.items.get("Properties") if res is not None else None
    return props.items.get(name) if isinstance(props, Mapping) else None


def property_site(
    ctx: CheckContext, fn: Function, name: str
) -> tuple[Location, tuple[str | int, ...]]:
    """Where property ``name`` of ``fn`` was written (its key): on the resource, else in
    Globals, else the resource itself."""
    res = ctx.template.resources.get(fn.logical_id)
    props = res.node.items.get("Properties") if res is not None else None
    if isinstance(props, Mapping) and name in props.items:
        return props.key_loc(name), ("Resources", fn.logical_id, "Properties", name)
    glob = ctx.template.globals
    section = glob.items.get("Function") if glob is not None else None
    if isinstance(section, Mapping) and name in section.items:
        return section.key_loc(name), ("Globals", "Function", name)
    if isinstance(props, Mapping):
        return props.loc, ("Resources", fn.logical_id, "Properties")
    return fn.loc, ("Resources", fn.logical_id)


def properties_site(ctx: CheckContext, fn: Function) -> tuple[Location, tuple[str | int, ...]]:
    """The ``Properties`` key of the function's resource (the resource itself without one)."""
    res = ctx.template.resources.get(fn.logical_id)
    if res is not None and "Properties" in res.node.items:
        return res.node.key_loc("Properties"), ("Resources", fn.logical_id, "Properties")
    return fn.loc, ("Resources", fn.logical_id)


def sequence_items(ctx: CheckContext, node: Node | None) -> list[list[Node]]:
    """Every list ``node`` may evaluate to (both branches of an If), as located item nodes; an
    unknown list contributes nothing."""
    out: list[list[Node]] = []
    for cand in ctx.candidates(node):
        if isinstance(cand.value, Sequence):
            out.append(list(cand.value.items))
        elif isinstance(cand.value, list):
            out.append(
                [
                    Scalar(v, cand.loc)
                    if isinstance(v, (str, int, float, bool))
                    else Scalar(None, cand.loc)
                    for v in cand.value
                ]
            )
    return out


def known_strings(ctx: CheckContext, node: Node | None) -> list[str] | None:
    """The list of strings ``node`` holds when it is one list of known strings, else None."""
    lists = sequence_items(ctx, node)
    if len(lists) != 1 or len(ctx.candidates(node)) != 1:
        return None
    out: list[str] = []
    for item in lists[0]:
        cands = ctx.candidates(item)
        if len(cands) != 1:
            return None
        value = cands[0].value
        if value is NO_VALUE:
            continue
        if not isinstance(value, str):
            return None
        out.append(value)
    return out
