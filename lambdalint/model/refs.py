"""Which template resources a value refers to (Ref, GetAtt, Sub placeholders), statically."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic

_SUB_VAR = re.compile(r"\$\{([^!}][^}]*)\}")


def references(node: Node | None) -> Iterator[tuple[str, str | None]]:
    """``(logical id, attribute or None)`` for every Ref / GetAtt / Sub placeholder under ``node``.

    Only the syntax is read here; whether an id names a resource is for the caller to decide.
    """
    if node is None:
        return
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        call = intrinsic(current)
        if call is not None:
            name, arg = call
            if name == "Ref" and isinstance(arg, Scalar) and isinstance(arg.value, str):
                target, _, attr = arg.value.partition(".")
                yield (target, attr or None) if attr else (arg.value, None)
                continue
            if name == "Fn::GetAtt":
                yield from _getatt(arg)
                continue
            if name == "Fn::Sub":
                text = arg.items[0] if isinstance(arg, Sequence) and arg.items else arg
                local = arg.items[1] if isinstance(arg, Sequence) and len(arg.items) > 1 else None
                local_names = set(local.items) if isinstance(local, Mapping) else set()
                if isinstance(text, Scalar) and isinstance(text.value, str):
                    for var in _SUB_VAR.findall(text.value):
                        if var not in local_names:
                            target, _, attr = var.partition(".")
                            yield target, attr or None
                if isinstance(local, Mapping):
                    stack.extend(local.items.values())
                continue
        if isinstance(current, Mapping):
            stack.extend(current.items.values())
        elif isinstance(current, Sequence):
            stack.extend(current.items)


def _getatt(arg: Node) -> Iterator[tuple[str, str | None]]:
    if isinstance(arg, Sequence) and arg.items and isinstance(arg.items[0], Scalar):
        attr = arg.items[1] if len(arg.items) > 1 else None
        attr_text = attr.value if isinstance(attr, Scalar) and isinstance(attr.value, str) else None
        yield str(arg.items[0].value), attr_text
    elif isinstance(arg, Scalar) and isinstance(arg.value, str):
        target, _, attr_text = arg.value.partition(".")
        yield target, attr_text or None


def first_reference(node: Node | None, among: Container[str]) -> str | None:
    """The first referenced logical id that is in ``among``."""
    for target, _ in references(node):
        if target in among:
            return target
    return None


def literal_arn_service(node: Node | None) -> str | None:
    """``sqs`` for a literal ``arn:aws:sqs:...`` string (or the text part of a Sub/Join)."""
    texts: list[str] = []
    if isinstance(node, Scalar) and isinstance(node.value, str):
        texts.append(node.value)
    else:
        call = intrinsic(node)
        if call is not None and call[0] in ("Fn::Sub", "Fn::Join"):
            arg = call[1]
            parts = arg.items if isinstance(arg, Sequence) else [arg]
            for part in parts:
                if isinstance(part, Scalar) and isinstance(part.value, str):
                    texts.append(part.value)
                elif isinstance(part, Sequence):
                    texts.extend(
                        p.value
                        for p in part.items
                        if isinstance(p, Scalar) and isinstance(p.value, str)
                    )
    for text in texts:
        m = re.search(r"arn:[^:]*:([a-z0-9-]+):", text)
        if m:
            return m.group(1)
    return None
