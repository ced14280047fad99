"""The validator behind LL031: one value (and what it holds) against the compact constraints of
rules/facts/cfn_property_schemas.json.

A hand-rolled walk rather than a JSON-schema library: the constraints are a small subset (type,
enum, range, length, pattern, item count, nested properties, required, closed mappings), the
values are template nodes with intrinsics the evaluator resolves one level at a time, and a
plain walk costs nothing to import. Every level goes through the evaluator, so a nested value
behind a parameter or either Fn::If branch is checked with the conditions that select it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from lambdalint.source.intrinsics import NO_VALUE, UNKNOWN, Candidate, ResourceRef, as_number
from lambdalint.source.nodes import Mapping, Node, Sequence, intrinsic

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """A value the schema rejects: where (the property path), why, and the candidate."""

    path: Path
    text: str
    cand: Candidate | None
    node: Node


def shown(path: Path) -> str:
    """``('FileSystemConfigs', 0, 'LocalMountPath')`` -> ``FileSystemConfigs[0].LocalMountPath``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None  # an ECMA-only construct: not checked


_WORDS = {"array": "a list", "object": "a mapping", "scalar": "a single value"}


def _shape(value: Any) -> str:
    # A list parameter (CommaDelimitedList, List<...>) evaluates to a plain list.
    if isinstance(value, (Sequence, list)):
        return "array"
    if isinstance(value, (Mapping, dict)):
        return "object"
    return "scalar"


def _allowed(c: dict[str, Any]) -> set[str] | None:
    """The shapes the schema's ``type`` (a name or a list of names) accepts; None if untyped."""
    kinds = c.get("type")
    names = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else None
    if not names:
        return None
    return {n if n in ("array", "object") else "scalar" for n in names}


def _scalar_problem(value: Any, c: dict[str, Any]) -> str | None:
    kind = c.get("type")
    if kind in ("integer", "number"):
        number = as_number(value)
        if number is None:
            return f"{value!r} is not a number"
        if kind == "integer" and number != int(number):
            return f"{value!r} is not a whole number"
        if "minimum" in c and number < c["minimum"]:
            return f"{value!r} is below the minimum {c['minimum']}"
        if "maximum" in c and number > c["maximum"]:
            return f"{value!r} is above the maximum {c['maximum']}"
        return None
    if kind == "boolean":
        if value in (True, False, "true", "false", "True", "False"):
            return None
        return f"{value!r} is not a boolean"
    if kind != "string" or isinstance(value, bool):
        return None
    text = str(value)
    if "enum" in c and text not in c["enum"]:
        return f"{text!r} is not one of {', '.join(map(str, c['enum']))}"
    if "minLength" in c and len(text) < c["minLength"]:
        return f"{text!r} is shorter than {c['minLength']} characters"
    if "maxLength" in c and len(text) > c["maxLength"]:
        return f"{text[:40]!r}... is longer than {c['maxLength']} characters"
    regex = _regex(c["pattern"]) if "pattern" in c else None
    if regex is not None and not regex.search(text):
        return f"{text!r} does not match the pattern {c['pattern']}"
    return None


def value_problem(value: Any, c: dict[str, Any]) -> str | None:
    """What the schema rejects about this one value itself (not what it holds), or None."""
    if value is UNKNOWN or value is NO_VALUE or value is None or isinstance(value, ResourceRef):
        return None
    if isinstance(value, (Mapping, Sequence)) and intrinsic(value) is not None:
        return None
    allowed = _allowed(c)
    if allowed is None:
        return None
    shape = _shape(value)
    if shape not in allowed:
        want = " or ".join(_WORDS[a] for a in sorted(allowed))
        return f"{_WORDS[shape]} where the schema expects {want}"
    if isinstance(value, (Sequence, list)):
        n = len(value.items) if isinstance(value, Sequence) else len(value)
        if "minItems" in c and n < c["minItems"]:
            return f"a list of {n} items, the minimum is {c['minItems']}"
        if "maxItems" in c and n > c["maxItems"]:
            return f"a list of {n} items, the maximum is {c['maxItems']}"
        return None
    if isinstance(value, (Mapping, dict)) or not isinstance(c.get("type"), str):
        return None
    return _scalar_problem(value, c)


def _wrong_shape(value: Any, c: dict[str, Any]) -> bool:
    allowed = _allowed(c)
    if allowed is None or value is UNKNOWN or value is NO_VALUE or value is None:
        return False
    if isinstance(value, (Mapping, Sequence)) and intrinsic(value) is not None:
        return False
    return not isinstance(value, ResourceRef) and _shape(value) not in allowed


Candidates = Callable[[Node], list[Candidate]]
Reachable = Callable[[tuple[tuple[str, bool], ...]], bool]


@dataclass(frozen=True, slots=True)
class Walk:
    """The evaluator's two answers the walk needs, and the paths other rules own."""

    candidates: Candidates
    reachable: Reachable
    owned: frozenset[Path] = frozenset()
    # False: a top-level value of the wrong shape is another rule's finding (SAM's LL030).
    top_shape: bool = True

    def problems(
        self, path: Path, node: Node, c: dict[str, Any], outer: Candidate | None = None
    ) -> Iterator[Problem]:
        if path in self.owned:
            return
        for cand in self.candidates(node):
            if outer is not None and (outer.conditions or outer.via):
                merged = tuple(x for x in outer.conditions if x not in cand.conditions)
                conditions = merged + cand.conditions
                if merged and not self.reachable(conditions):
                    continue  # a branch inside a branch that cannot hold together with it
                cand = replace(cand, conditions=conditions, via=outer.via + cand.via)
            if not self.top_shape and len(path) == 1 and _wrong_shape(cand.value, c):
                continue
            text = value_problem(cand.value, c)
            if text is not None:
                yield Problem(path, text, cand, node)
                continue
            value = cand.value
            if isinstance(value, list) and "items" in c:
                for i, item in enumerate(value):  # a list parameter's members
                    member = replace(cand, value=item)
                    if (text := value_problem(item, c["items"])) is not None:
                        yield Problem((*path, i), text, member, node)
                continue
            if not isinstance(value, (Mapping, Sequence)) or intrinsic(value) is not None:
                continue
            if isinstance(value, Sequence):
                items = c.get("items")
                if items is not None:
                    for i, item in enumerate(value.items):
                        yield from self.problems((*path, i), item, items, cand)
                continue
            yield from self._mapping(path, node, value, c, cand)

    def _mapping(
        self, path: Path, node: Node, value: Mapping, c: dict[str, Any], cand: Candidate
    ) -> Iterator[Problem]:
        keys = value.items
        missing = [r for r in c.get("required", ()) if r not in keys]
        if missing:
            yield Problem(path, f"has no {', '.join(missing)}, which is required", cand, node)
        closed = c.get("closed")
        if closed is not None:
            for key, child in keys.items():
                if key not in closed and not key.startswith("Fn::"):
                    yield Problem(
                        (*path, key),
                        f"is not a property of {shown(path)} (known: {', '.join(closed)})",
                        None,
                        child,
                    )
        for key, sub in c.get("properties", {}).items():
            written = keys.get(key)
            if written is not None:
                yield from self.problems((*path, key), written, sub, cand)
