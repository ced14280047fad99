"""The one reader of reference syntax: ``Fn::Sub`` strings (variables and ``${!Literal}``
escapes) and every reference a template makes, with where it was written: Ref, Fn::GetAtt, Fn::Sub
variables, DependsOn and condition names. Read by the unresolved-reference (LL015) and
circular-dependency (LL014) checks, the model's links (:mod:`lambdalint.model.refs`) and the
static evaluator's Fn::Sub (:mod:`lambdalint.source.intrinsics`); syntax only, nothing is
evaluated here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Template

# A placeholder is ``${`` up to the first ``}``: ``${Name}``, ``${Res.Attr}``, or the escape
# ``${!Literal}``, which writes ``${Literal}``. CloudFormation ignores whitespace around the name
# (``${ Name }`` is ``${Name}``): cfn-lint strips it since aws-cloudformation/cfn-lint#236 ("always
# works in CloudFormation"; fixed in PR #241), and the CDK's template importer does the same,
# reading a name that starts with ``!`` after trimming as a literal (aws/aws-cdk,
# packages/aws-cdk-lib/core/lib/helpers-internal/cfn-parse.ts, parseFnSubString, commit
# 102987d175c32d0eeb3f781f031bd9404b420796). ``${}`` and ``${ }`` name nothing: they stay text.
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")

# https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::NoValue",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)


def sub_variables(text: str) -> list[str]:
    """The variable names an ``Fn::Sub`` string uses, trimmed, in order (repeats kept); escapes
    (``${!Literal}``) and empty placeholders are not variables."""
    out: list[str] = []
    for m in _PLACEHOLDER.finditer(text):
        name = m.group(1).strip()
        if name and name[0] != "!":
            out.append(name)
    return out


def substitute(text: str, value_of: Callable[[str], str]) -> str:
    """The string an ``Fn::Sub`` writes: each variable replaced by ``value_of(name)`` (the trimmed
    name) and each ``${!Literal}`` written as ``${Literal}``."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1).strip()
        if not name:
            return m.group(0)
        if name[0] == "!":
            return "${" + name[1:] + "}"
        return value_of(name)

    return _PLACEHOLDER.sub(one, text)


def split_variable(name: str) -> tuple[str, str | None]:
    """``Res.Attr`` -> (``Res``, ``Attr``); a name without a dot or a pseudo parameter is a Ref."""
    if name in PSEUDO_PARAMETERS:
        return name, None
    target, _, attr = name.partition(".")
    return target, attr or None


class RefKind(Enum):
    REF = "Ref"
    GETATT = "Fn::GetAtt"
    SUB = "Fn::Sub"
    DEPENDS_ON = "DependsOn"
    CONDITION = "Condition"


@dataclass(frozen=True, slots=True)
class Reference:
    kind: RefKind
    target: str
    attribute: str | None
    loc: Location
    # The resource whose definition holds the reference ("" outside Resources).
    source: str
    node: Node


def template_references(tpl: Template) -> Iterator[Reference]:
    """References in Resources (Properties, DependsOn, Condition, Metadata is left out: it is not
    evaluated by CloudFormation), Outputs, Conditions and SAM Globals, in source order."""
    res = tpl.root.items.get("Resources")
    if isinstance(res, Mapping):
        for logical_id, node in res.items.items():
            if not isinstance(node, Mapping):
                continue
            for key in ("Properties", "UpdatePolicy", "CreationPolicy"):
                sub = node.items.get(key)
                if sub is not None:
                    yield from references_in(sub, logical_id)
            yield from _depends_on(node, logical_id)
            cond = node.items.get("Condition")
            if isinstance(cond, Scalar) and isinstance(cond.value, str):
                yield Reference(RefKind.CONDITION, cond.value, None, cond.loc, logical_id, cond)
    for section in ("Outputs", "Conditions", "Globals"):
        part = tpl.root.items.get(section)
        if part is not None:
            yield from references_in(part, "", in_conditions=section == "Conditions")


def _depends_on(node: Mapping, logical_id: str) -> Iterator[Reference]:
    dep = node.items.get("DependsOn")
    items = dep.items if isinstance(dep, Sequence) else [dep] if dep is not None else []
    for item in items:
        if isinstance(item, Scalar) and isinstance(item.value, str):
            yield Reference(RefKind.DEPENDS_ON, item.value, None, item.loc, logical_id, item)


def references_in(node: Node, source: str, in_conditions: bool = False) -> Iterator[Reference]:
    """References under ``node``. ``Condition`` is read as a reference only inside condition
    expressions (the Conditions section, Fn::And/Or/Not, the first item of Fn::If)."""
    stack: list[tuple[Node, bool]] = [(node, in_conditions)]
    out: list[Reference] = []
    while stack:
        current, cond_ctx = stack.pop()
        call = intrinsic(current)
        if call is not None:
            name, arg = call
            if name != "Condition" or cond_ctx:
                _one_call(name, arg, source, out, stack)
                continue
        if isinstance(current, Mapping):
            stack.extend((v, cond_ctx) for v in reversed(current.items.values()))
        elif isinstance(current, Sequence):
            stack.extend((v, cond_ctx) for v in reversed(current.items))
    out.sort(key=lambda r: (r.loc.line, r.loc.col))
    yield from out


def _one_call(
    name: str, arg: Node, source: str, out: list[Reference], stack: list[tuple[Node, bool]]
) -> None:
    if name == "Ref":
        if isinstance(arg, Scalar) and isinstance(arg.value, str):
            # SAM's generated ids are referenced as Fn.Alias / Api.Stage: the part before the dot.
            target = arg.value if arg.value in PSEUDO_PARAMETERS else arg.value.split(".", 1)[0]
            out.append(Reference(RefKind.REF, target, None, arg.loc, source, arg))
        else:
            stack.append((arg, False))
    elif name == "Fn::GetAtt":
        if (
            isinstance(arg, Sequence)
            and arg.items
            and isinstance(arg.items[0], Scalar)
            and isinstance(arg.items[0].value, str)
        ):
            attr = arg.items[1] if len(arg.items) > 1 else None
            attr_text = (
                attr.value if isinstance(attr, Scalar) and isinstance(attr.value, str) else None
            )
            out.append(
                Reference(
                    RefKind.GETATT,
                    arg.items[0].value,
                    attr_text,
                    arg.items[0].loc,
                    source,
                    arg.items[0],
                )
            )
            if attr is not None and not isinstance(attr, Scalar):
                stack.append((attr, False))
        elif isinstance(arg, Scalar) and isinstance(arg.value, str):
            target, _, attr_text = arg.value.partition(".")
            out.append(Reference(RefKind.GETATT, target, attr_text or None, arg.loc, source, arg))
    elif name == "Fn::Sub":
        text = arg.items[0] if isinstance(arg, Sequence) and arg.items else arg
        local = arg.items[1] if isinstance(arg, Sequence) and len(arg.items) > 1 else None
        local_names = set(local.items) if isinstance(local, Mapping) else set()
        if isinstance(text, Scalar) and isinstance(text.value, str):
            for var in sub_variables(text.value):
                if var in local_names:
                    continue
                target, sub_attr = split_variable(var)
                out.append(
                    Reference(
                        RefKind.SUB if sub_attr is None else RefKind.GETATT,
                        target,
                        sub_attr,
                        text.loc,
                        source,
                        text,
                    )
                )
        if isinstance(local, Mapping):
            stack.extend((v, False) for v in local.items.values())
    elif name == "Condition":
        if isinstance(arg, Scalar) and isinstance(arg.value, str):
            out.append(Reference(RefKind.CONDITION, arg.value, None, arg.loc, source, arg))
    elif name == "Fn::If":
        if isinstance(arg, Sequence) and arg.items:
            first = arg.items[0]
            if isinstance(first, Scalar) and isinstance(first.value, str):
                out.append(
                    Reference(RefKind.CONDITION, first.value, None, first.loc, source, first)
                )
            stack.extend((v, False) for v in reversed(arg.items[1:]))
    elif name in ("Fn::And", "Fn::Or", "Fn::Not"):
        items = arg.items if isinstance(arg, Sequence) else [arg]
        stack.extend((v, True) for v in reversed(items))
    else:
        stack.append((arg, False))
