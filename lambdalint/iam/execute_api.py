"""The source ARN API Gateway invokes a function with for a REST API method written in plain
CloudFormation (AWS::ApiGateway::Method), so that a permission naming another method or path is
known not to serve it.

API Gateway calls Lambda with the method's execute-api ARN,
``arn:{P}:execute-api:{R}:{A}:{api-id}/{stage}/{HTTP-VERB}/{resource-path}`` (Service
Authorization Reference, execute-api resource type ``execute-api-general``; API Gateway
developer guide, "Control access for invoking an API"). The stage is not read here (any stage),
a path parameter (``{id}``) stands for the request's value of one segment (``{proxy+}`` for
any rest of the path), and an ``ANY`` method for the request's verb. Anything not
written as a literal or a reference the resolver knows makes the whole ARN unknown.
"""

from __future__ import annotations

from lambdalint.iam.resolve import Resolver
from lambdalint.iam.sym import UNKNOWN_SYM, Sym, Token
from lambdalint.source.nodes import Node, Scalar, Sequence, intrinsic

_MAX_DEPTH = 30


def _one(resolver: Resolver, node: Node | None) -> Sym | None:
    values = resolver.values(node)
    syms = {v.sym for v in values}
    if len(syms) != 1:
        return None
    sym = syms.pop()
    return None if sym.is_unknown else sym


def _path(resolver: Resolver, node: Node | None, depth: int = 0) -> Sym | None:
    """The resource path of an ApiGateway ResourceId: ``/`` for the API's root resource."""
    if node is None or depth > _MAX_DEPTH:
        return None
    call = intrinsic(node)
    if call is None:
        return None
    name, arg = call
    text = arg.value if isinstance(arg, Scalar) and isinstance(arg.value, str) else None
    if name == "Fn::GetAtt":
        if isinstance(arg, Sequence) and len(arg.items) == 2:
            attr = arg.items[1]
            text = attr.value if isinstance(attr, Scalar) and isinstance(attr.value, str) else None
        elif text is not None:
            text = text.partition(".")[2]
        return Sym.of("/") if text == "RootResourceId" else None
    if name != "Ref" or text is None:
        return None
    res = resolver.template.resources.get(text)
    if res is None or res.type != "AWS::ApiGateway::Resource":
        return None
    parent = _path(resolver, res.prop("ParentId"), depth + 1)
    part = res.prop("PathPart")
    if parent is None or not isinstance(part, Scalar) or not isinstance(part.value, str):
        return None
    segment: Sym = Sym.of(part.value)
    if part.value.endswith("+}"):  # a greedy path parameter: any rest of the path
        segment = Sym((Token("unknown", "path"),))
    elif "{" in part.value:  # a path parameter: the request's value, one segment
        segment = Sym((Token("segment", "path"),))
    prefix = parent if parent.literal != "/" else Sym.of("")
    return prefix + Sym.of("/") + segment


def method_source_arn(resolver: Resolver, method_id: str) -> Sym:
    """The execute-api ARN of REST API method ``method_id``, UNKNOWN_SYM when not composed."""
    res = resolver.template.resources.get(method_id)
    if res is None or res.type != "AWS::ApiGateway::Method":
        return UNKNOWN_SYM
    api = _one(resolver, res.prop("RestApiId"))
    verb = res.prop("HttpMethod")
    path = _path(resolver, res.prop("ResourceId"))
    if api is None or path is None or not isinstance(verb, Scalar):
        return UNKNOWN_SYM
    if not isinstance(verb.value, str) or not verb.value.isalpha():
        return UNKNOWN_SYM
    upper = verb.value.upper()
    method = Sym((Token("segment", "verb"),)) if upper == "ANY" else Sym.of(upper)
    return (
        Sym.of(
            "arn:",
            Token("pseudo", "AWS::Partition"),
            ":execute-api:",
            Token("pseudo", "AWS::Region"),
            ":",
            Token("pseudo", "AWS::AccountId"),
            ":",
        )
        + api
        + Sym.of("/", Token("segment", "stage"), "/")
        + method
        + path
    )
