"""Which template resources a value refers to (Ref, GetAtt, Sub placeholders), statically."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from lambdalint.source.nodes import Node, Scalar, Sequence, intrinsic
from lambdalint.source.references import RefKind, references_in


def references(node: Node | None) -> Iterator[tuple[str, str | None]]:
    """``(logical id, attribute or None)`` for every Ref / GetAtt / Sub placeholder under ``node``,
    in the order they are written; ``Ref: Fn.Alias`` (SAM's generated ids) gives
    ``("Fn", "Alias")``.

    Only the syntax is read here (by :mod:`lambdalint.source.references`); whether an id names a
    resource is for the caller to decide.
    """
    if node is None:
        return
    for ref in references_in(node, ""):
        if ref.kind is RefKind.REF:
            value = ref.node.value if isinstance(ref.node, Scalar) else None
            if isinstance(value, str):
                target, _, attr = value.partition(".")
                yield (target, attr) if attr else (value, None)
        elif ref.kind is RefKind.GETATT:
            yield ref.target, ref.attribute
        elif ref.kind is RefKind.SUB:
            yield ref.target, None


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
