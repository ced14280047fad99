"""What a string property's value breaks of a NameRule (length, allowed characters), for known
values and for the literal text of an ``Fn::Sub`` whose variables are unknown."""

from __future__ import annotations

import re

from lambdalint.facts import NameRule
from lambdalint.source.nodes import Node, Scalar, Sequence, intrinsic

_VARIABLE = re.compile(r"\$\{([^}]*)\}")


def sub_literal(node: Node | None) -> str | None:
    """The text an ``Fn::Sub`` writes whatever its variables are (``${!X}`` writes ``${X}``), or
    None when ``node`` is not a Sub with a literal template string."""
    call = intrinsic(node) if node is not None else None
    if call is None or call[0] != "Fn::Sub":
        return None
    arg = call[1]
    text = arg.items[0] if isinstance(arg, Sequence) and arg.items else arg
    if not isinstance(text, Scalar) or not isinstance(text.value, str):
        return None

    def literal(m: re.Match[str]) -> str:
        return "${" + m.group(1)[1:] + "}" if m.group(1).startswith("!") else ""

    return _VARIABLE.sub(literal, text.value)


def violations(value: str, rule: NameRule, *, partial: bool = False) -> list[str]:
    """Why ``value`` breaks ``rule``: too long, or characters outside the pattern. With
    ``partial`` the value is only the known part of a longer one (a lower bound on its length)."""
    out: list[str] = []
    if len(value) > rule.max_length:
        least = "at least " if partial else ""
        out.append(f"is {least}{len(value)} characters; the limit is {rule.max_length}")
    pattern = rule.regex
    bad = sorted({c for c in value if not pattern.fullmatch(c)})
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        out.append(f"contains {shown}, which it may not (pattern {rule.pattern})")
    elif not partial and not value:
        out.append("is empty")
    return out
