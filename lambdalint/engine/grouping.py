"""One finding per place a bad value was written, naming every function it reaches.

A value set once in ``Globals`` (or a parameter ``Default``, or a ``Mappings`` entry) can reach
several functions. A rule registered with ``group=True`` runs once per function, and its
findings at the same place with the same message become one, at the place it was written,
naming every function (the message holds ``FUNCTIONS``): the user fixes one line, so they read
one finding. Its ``resource`` is the first function reached, so a resource-level suppression on
that function covers it.
"""

from __future__ import annotations

from collections.abc import Iterable

from lambdalint.engine.finding import Finding

# Placeholder in a grouped rule's message, replaced by "function A" / "functions A and B".
FUNCTIONS = "{functions}"


def function_phrase(names: list[str]) -> str:
    if len(names) == 1:
        return f"function {names[0]}"
    return f"functions {', '.join(names[:-1])} and {names[-1]}"


def group(findings: Iterable[Finding]) -> list[Finding]:
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for f in findings:
        key = (f.loc, f.message, f.severity, f.tool_error)
        groups.setdefault(key, []).append(f)
    out: list[Finding] = []
    for members in groups.values():
        first = members[0]
        if FUNCTIONS not in first.message:
            out.append(first)
            continue
        names = list(dict.fromkeys(f.resource for f in members))
        out.append(
            Finding(
                first.rule_id,
                first.severity,
                first.message.replace(FUNCTIONS, function_phrase(names)),
                first.loc,
                names[0],
                first.path,
                first.tool_error,
            )
        )
    return out
