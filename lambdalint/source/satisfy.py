"""Whether a set of condition outcomes can hold together in some deployment.

``!If [IsProd, 1024, 64]`` on a resource with ``Condition: IsProd`` never deploys 64, and
``!If [Long, !If [Long, 900, 5000], 30]`` never deploys 5000: a value selected by outcomes that
contradict each other is unreachable, and a rule must not report it. Each named condition is
compiled to a formula over its ``Fn::Equals`` atoms; an atom that compares a parameter (or a
pseudo parameter) with a literal becomes a test of that parameter's value, any other atom a free
boolean. The answer is "unsatisfiable" only when no assignment of the parameters (each over its
AllowedValues, or over the literals it is compared with plus one other value) and of the free
atoms makes every outcome hold; past a bound on the assignments it is "satisfiable".
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from lambdalint.source.nodes import Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Template
from lambdalint.source.values import as_text

# More assignments than this and the outcomes are taken as satisfiable (never a wrong "no").
MAX_ASSIGNMENTS = 4096
_PSEUDO = frozenset(
    {"AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition", "AWS::URLSuffix"}
)
# A parameter value no literal in the template equals.
_OTHER = object()

# A formula: ("const", bool) | ("free", key) | ("eq", param, text) | ("not", f)
# | ("and", [f, ...]) | ("or", [f, ...]).
Formula = tuple[Any, ...]


@dataclass
class Satisfiability:
    template: Template
    _compiled: dict[str, Formula] = field(default_factory=dict)
    _cache: dict[frozenset[tuple[str, bool]], bool] = field(default_factory=dict)

    def satisfiable(self, outcomes: tuple[tuple[str, bool], ...]) -> bool:
        key = frozenset(outcomes)
        if key not in self._cache:
            self._cache[key] = self._solve(key)
        return self._cache[key]

    # ----- solving ----------------------------------------------------------------------------
    def _solve(self, outcomes: frozenset[tuple[str, bool]]) -> bool:
        names = {n for n, _ in outcomes}
        if len(names) < len(outcomes):
            return False  # one condition both true and false
        goals = [(self._formula(n, set()), flag) for n, flag in outcomes]
        params: dict[str, set[Any]] = {}
        free: set[Any] = set()
        for f, _ in goals:
            _atoms(f, params, free)
        domains: list[tuple[str, list[Any]]] = []
        total = 2 ** len(free)
        for name, literals in params.items():
            domain = self._domain(name, literals)
            total *= len(domain)
            if total > MAX_ASSIGNMENTS:
                return True
            domains.append((name, domain))
        free_keys = list(free)
        for values in itertools.product(*(d for _, d in domains)):
            env = dict(zip((n for n, _ in domains), values, strict=True))
            for bits in itertools.product((False, True), repeat=len(free_keys)):
                atoms = dict(zip(free_keys, bits, strict=True))
                if all(_holds(f, env, atoms) is flag for f, flag in goals):
                    return True
        return False

    def _domain(self, name: str, literals: set[Any]) -> list[Any]:
        param = self.template.parameters.get(name)
        if param is not None and param.override is not None:
            return [param.override]
        if param is not None and param.allowed_values is not None:
            texts = [
                as_text(i.value) if isinstance(i, Scalar) else None
                for i in param.allowed_values.items
            ]
            if texts and all(t is not None for t in texts):
                return list(dict.fromkeys(texts))
        return [*sorted(literals, key=str), _OTHER]

    # ----- compiling --------------------------------------------------------------------------
    def _formula(self, name: str, stack: set[str]) -> Formula:
        if name in self._compiled:
            return self._compiled[name]
        node = self.template.conditions.get(name)
        if node is None or name in stack:
            return ("free", ("condition", name))
        stack.add(name)
        try:
            f = self._compile(node, stack, 0)
        finally:
            stack.discard(name)
        self._compiled[name] = f
        return f

    def _compile(self, node: Node, stack: set[str], depth: int) -> Formula:
        free = ("free", id(node))
        if depth > 50:
            return free
        if isinstance(node, Scalar):
            text = as_text(node.value)
            return ("const", text.lower() == "true") if text in ("true", "false") else free
        call = intrinsic(node)
        if call is None:
            return free
        fn, arg = call
        items = arg.items if isinstance(arg, Sequence) else []
        if fn == "Condition":
            if isinstance(arg, Scalar) and isinstance(arg.value, str):
                return self._formula(arg.value, stack)
            return free
        if fn == "Fn::Not" and len(items) == 1:
            return ("not", self._compile(items[0], stack, depth + 1))
        if fn in ("Fn::And", "Fn::Or") and items:
            op = "and" if fn == "Fn::And" else "or"
            return (op, [self._compile(i, stack, depth + 1) for i in items])
        if fn == "Fn::Equals" and len(items) == 2:
            left, right = (self._side(i) for i in items)
            if left[0] == "param" and right[0] == "text":
                return ("eq", left[1], right[1])
            if right[0] == "param" and left[0] == "text":
                return ("eq", right[1], left[1])
            if left[0] == "text" and right[0] == "text":
                return ("const", left[1] == right[1])
        return free

    def _side(self, node: Node) -> tuple[str, Any]:
        if isinstance(node, Scalar):
            text = as_text(node.value)
            return ("text", text) if text is not None else ("other", None)
        call = intrinsic(node)
        if call is not None and call[0] == "Ref" and isinstance(call[1], Scalar):
            name = call[1].value
            param = self.template.parameters.get(name) if isinstance(name, str) else None
            if name in _PSEUDO:
                return ("param", name)
            # A list parameter compares as a list: left as a free atom.
            if param is not None and not _is_list(param.type):
                return ("param", name)
        return ("other", None)


def _is_list(param_type: str) -> bool:
    return param_type == "CommaDelimitedList" or param_type.startswith("List<")


def _atoms(f: Formula, params: dict[str, set[Any]], free: set[Any]) -> None:
    kind = f[0]
    if kind == "free":
        free.add(f[1])
    elif kind == "eq":
        params.setdefault(f[1], set()).add(f[2])
    elif kind == "not":
        _atoms(f[1], params, free)
    elif kind in ("and", "or"):
        for g in f[1]:
            _atoms(g, params, free)


def _holds(f: Formula, env: dict[str, Any], atoms: dict[Any, bool]) -> bool:
    kind = f[0]
    if kind == "const":
        return bool(f[1])
    if kind == "free":
        return atoms[f[1]]
    if kind == "eq":
        return bool(env[f[1]] == f[2])
    if kind == "not":
        return not _holds(f[1], env, atoms)
    if kind == "and":
        return all(_holds(g, env, atoms) for g in f[1])
    return any(_holds(g, env, atoms) for g in f[1])
