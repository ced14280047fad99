"""LL016 malformed-intrinsic: an intrinsic function whose argument has the wrong shape (arity or
type); CloudFormation rejects the template (docs: rules/catalog/LL016.yaml)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import INTRINSIC_KEYS, Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.references import references_in
from lambdalint.source.template import SAM_TRANSFORM, Template, transforms

# Sections whose values CloudFormation evaluates (Parameters, Mappings and Metadata are data).
_SECTIONS = ("Resources", "Outputs", "Conditions", "Globals")


def _is_str(node: Node) -> bool:
    return isinstance(node, Scalar) and isinstance(node.value, str)


def _is_call(node: Node) -> bool:
    return intrinsic(node) is not None


def _str_or_call(node: Node) -> bool:
    return _is_str(node) or _is_call(node)


def _list_or_call(node: Node) -> bool:
    return isinstance(node, Sequence) or _is_call(node)


def _transform(node: Node) -> bool:
    call = intrinsic(node)
    return call is not None and call[0] == "Fn::Transform"


def _items(arg: Node, n: int | tuple[int, int]) -> list[Node] | None:
    """The items of a list argument of ``n`` (or ``lo..hi``) items, else None."""
    lo, hi = (n, n) if isinstance(n, int) else n
    if isinstance(arg, Sequence) and lo <= len(arg.items) <= hi:
        return arg.items
    return None


def _kind(node: Node) -> str:
    call = intrinsic(node)
    if call is not None:
        return f"a {call[0]} call"
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return f"a list of {len(node.items)}"
    if node.value is None:
        return "null"
    return f"{type(node.value).__name__} {node.value!r}"


def _ref(arg: Node) -> str | None:
    return (
        None
        if isinstance(arg, Scalar) and isinstance(arg.value, str) and arg.value
        else "a non-empty string"
    )


def _getatt(arg: Node) -> str | None:
    if isinstance(arg, Scalar) and isinstance(arg.value, str):
        resource, _, attribute = arg.value.partition(".")
        return None if resource and attribute else "'Resource.Attribute'"
    items = _items(arg, 2)
    if (
        items
        and _is_str(items[0])
        and (
            _is_call(items[1])
            or (isinstance(items[1], Scalar) and isinstance(items[1].value, str) and items[1].value)
        )
    ):
        return None
    return "[resource, attribute] or 'Resource.Attribute'"


def _sub(arg: Node) -> str | None:
    items = _items(arg, 2)
    if _is_str(arg) or (items and _is_str(items[0]) and isinstance(items[1], Mapping)):
        return None
    return "a string or [string, {variables}]"


def _if(arg: Node) -> str | None:
    items = _items(arg, 3)
    return (
        None if items and _is_str(items[0]) else "[condition name, value if true, value if false]"
    )


def _join(arg: Node) -> str | None:
    items = _items(arg, 2)
    ok = items and _is_str(items[0]) and _list_or_call(items[1])
    return None if ok else "[delimiter, [values]]"


def _select(arg: Node) -> str | None:
    items = _items(arg, 2)
    if items:
        index, values = items
        index_ok = _is_call(index) or (
            isinstance(index, Scalar)
            and not isinstance(index.value, bool)
            and str(index.value).isdigit()
        )
        if index_ok and _list_or_call(values):
            return None
    return "[index, [values]]"


def _split(arg: Node) -> str | None:
    items = _items(arg, 2)
    ok = items and _is_str(items[0]) and _str_or_call(items[1])
    return None if ok else "[delimiter, string]"


def _find_in_map(arg: Node) -> str | None:
    items = _items(arg, 3)
    if items and all(_is_call(i) or (isinstance(i, Scalar) and i.value is not None) for i in items):
        return None
    items = _items(arg, 4)
    if items and isinstance(items[3], Mapping):
        return None  # the AWS::LanguageExtensions DefaultValue form
    return "[map name, top-level key, second-level key]"


def _equals(arg: Node) -> str | None:
    return None if _items(arg, 2) else "[value, value]"


def _and_or(arg: Node) -> str | None:
    return None if _items(arg, (2, 10)) else "a list of 2 to 10 conditions"


def _not(arg: Node) -> str | None:
    return None if _items(arg, 1) else "a list of one condition"


def _base64(arg: Node) -> str | None:
    return None if isinstance(arg, Scalar) or _is_call(arg) else "a string"


def _get_azs(arg: Node) -> str | None:
    return (
        None
        if _str_or_call(arg) or (isinstance(arg, Scalar) and arg.value is None)
        else "a region name (or empty string)"
    )


def _cidr(arg: Node) -> str | None:
    return None if _items(arg, 3) else "[ip block, count, cidr bits]"


def _import_value(arg: Node) -> str | None:
    return None if _str_or_call(arg) else "a string (an export name)"


_SHAPES: dict[str, Callable[[Node], str | None]] = {
    "Ref": _ref,
    "Fn::GetAtt": _getatt,
    "Fn::Sub": _sub,
    "Fn::If": _if,
    "Fn::Join": _join,
    "Fn::Select": _select,
    "Fn::Split": _split,
    "Fn::FindInMap": _find_in_map,
    "Fn::Equals": _equals,
    "Fn::And": _and_or,
    "Fn::Or": _and_or,
    "Fn::Not": _not,
    "Fn::Base64": _base64,
    "Fn::GetAZs": _get_azs,
    "Fn::Cidr": _cidr,
    "Fn::ImportValue": _import_value,
}


# Transforms that add no functions of their own (a template-level macro may implement any).
_PLAIN_TRANSFORMS = {SAM_TRANSFORM, "AWS::LanguageExtensions"}


def _evaluated_nodes(tpl: Template) -> Iterator[Node]:
    """Every node CloudFormation evaluates as template language: resources (Metadata aside, which
    tools such as cfn-init read on their own), outputs, conditions and SAM Globals."""
    stack: list[Node] = []
    for section in _SECTIONS:
        root = tpl.root.items.get(section)
        if section == "Resources" and isinstance(root, Mapping):
            for res in root.items.values():
                if isinstance(res, Mapping):
                    stack.extend(v for k, v in res.items.items() if k != "Metadata")
        elif root is not None:
            stack.append(root)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, Mapping):
            stack.extend(node.items.values())
        elif isinstance(node, Sequence):
            stack.extend(node.items)


def _unknown_functions(tpl: Template, ctx: CheckContext) -> Iterator[Finding]:
    """``{"Fn::Jion": ...}``: CloudFormation rejects a function it does not have."""
    if any(t not in _PLAIN_TRANSFORMS for t in transforms(tpl.root)) or "Fn::Transform" in tpl.text:
        return
    known = sorted(INTRINSIC_KEYS - {"Ref", "Condition"})
    lines: list[str] | None = None
    for node in _evaluated_nodes(tpl):
        if not isinstance(node, Mapping) or len(node.items) != 1:
            continue
        [name] = node.items
        if (
            name in INTRINSIC_KEYS
            or not name.startswith("Fn::")
            or name.startswith("Fn::ForEach::")
        ):
            continue
        where = node.key_loc(name)
        lines = lines if lines is not None else tpl.text.split("\n")
        if lines[where.line - 1][where.col - 1 : where.col] == "!":
            continue  # an unknown short-form tag (!Foo), which LL005 reports
        hint = did_you_mean(name, known)
        yield ctx.finding(f"{name} is not an intrinsic function CloudFormation has{hint}", at=where)


@check("LL016", on=None)
def malformed_intrinsic(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    # Each finding names the resource it is in, so reports (and tests that ask "is this
    # resource flagged?") can attribute it.
    for f in _malformed(ctx):
        path = f.path
        if not f.resource and len(path) >= 2 and path[0] == "Resources":
            yield dataclasses.replace(f, resource=str(path[1]))
        else:
            yield f


def _malformed(ctx: CheckContext) -> Iterator[Finding]:
    tpl = ctx.template
    yield from _unknown_functions(tpl, ctx)
    lang_ext = "AWS::LanguageExtensions" in tpl.text
    for section in _SECTIONS:
        root = tpl.root.items.get(section)
        if root is None:
            continue
        stack: list[Node] = [root]
        while stack:
            node = stack.pop()
            call = intrinsic(node)
            if call is not None:
                name, arg = call
                shape = _SHAPES.get(name)
                # A Fn::Transform argument is replaced by a macro's output before anything else.
                expected = shape(arg) if shape is not None and not _transform(arg) else None
                if expected is not None and not (lang_ext and name == "Ref" and _is_call(arg)):
                    yield ctx.finding(f"{name} takes {expected}; found {_kind(arg)}", at=arg)
                elif name == "Fn::ImportValue":
                    yield from _import_value_refs(arg, ctx)
            if isinstance(node, Mapping):
                stack.extend(reversed(node.items.values()))
            elif isinstance(node, Sequence):
                stack.extend(reversed(node.items))


def _import_value_refs(arg: Node, ctx: CheckContext) -> Iterator[Finding]:
    """Fn::ImportValue cannot depend on a resource of the same stack."""
    for ref in references_in(arg, ""):
        if ref.target in ctx.template.resources:
            yield ctx.finding(
                f"Fn::ImportValue cannot use a value that depends on a resource "
                f"({ref.target}); the export name must be known before the stack "
                "is created",
                at=ref.node,
            )
