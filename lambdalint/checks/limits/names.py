"""What a string property's value breaks of a NameRule (length, allowed characters), for known
values and for the literal text of an ``Fn::Sub`` whose variables are unknown
(``Unknown.literal``)."""

from __future__ import annotations

from lambdalint.facts import NameRule


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
