"""Condition evaluation: a named condition, or an ``Fn::And/Or/Not/Equals`` expression, decided
true or false only by inputs that are fixed (overrides, literals, a parameter whose AllowedValues
all agree), else None. A Default does not decide a condition: it is exactly what a deployment to
another stage replaces. The mixin is part of :class:`~lambdalint.source.intrinsics.Evaluator`,
whose values it compares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lambdalint.source.nodes import Mapping, Node, Sequence, intrinsic
from lambdalint.source.template import Template
from lambdalint.source.values import UNKNOWN, Candidate, as_text

if TYPE_CHECKING:
    from lambdalint.source.satisfy import Satisfiability


class Conditions:
    """Deciding conditions; mixed into the Evaluator, which provides the state and values."""

    template: Template
    _cond_cache: dict[str, bool | None]
    _cond_stack: set[str]
    # > 0 while a condition is being decided: parameter Defaults do not count as known then.
    _deciding: int
    _sat: Satisfiability | None

    def value(self, node: Node | None) -> Any:
        raise NotImplementedError

    def candidates(self, node: Node | None) -> list[Candidate]:
        raise NotImplementedError

    def plain_value(self, node: Node) -> Any:
        raise NotImplementedError

    def condition(self, name: str) -> bool | None:
        """A named condition's outcome, or None when it depends on something unknown."""
        if name in self._cond_cache:
            return self._cond_cache[name]
        node = self.template.conditions.get(name)
        if node is None or name in self._cond_stack:
            return None
        self._cond_stack.add(name)
        self._deciding += 1
        try:
            result = self._truth(node, 0)
        finally:
            self._deciding -= 1
            self._cond_stack.discard(name)
        self._cond_cache[name] = result
        return result

    def _resource_condition(self, node: Node) -> str | None:
        """The Condition of the resource whose properties hold ``node`` as written."""
        path = self.template.path_of(node)
        if len(path) < 2 or path[0] != "Resources":
            return None
        res = self.template.resources.get(str(path[1]))
        return res.condition if res is not None else None

    def reachable(self, outcomes: tuple[tuple[str, bool], ...]) -> bool:
        """Whether these condition outcomes can all hold in one deployment."""
        if not outcomes:
            return True
        if self._sat is None:
            # Imported on first use: only templates with conditions get here.
            from lambdalint.source.satisfy import Satisfiability

            self._sat = Satisfiability(self.template)
        return self._sat.satisfiable(outcomes)

    def _flat(self, value: Any) -> Any:
        """A literal list written in the template compares as a list."""
        return self.plain_value(value) if isinstance(value, Sequence) else value

    def _truth(self, node: Node, depth: int) -> bool | None:
        if depth > 50:
            return None
        call = intrinsic(node)
        if call is None:
            value = self.value(node)
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false"):
                return value.lower() == "true"
            return None
        name, arg = call
        items = arg.items if isinstance(arg, Sequence) else []
        if name == "Condition":
            cname = self.value(arg)
            return self.condition(cname) if isinstance(cname, str) else None
        if name == "Fn::Not":
            inner = self._truth(items[0], depth + 1) if len(items) == 1 else None
            return None if inner is None else not inner
        if name in ("Fn::And", "Fn::Or"):
            results = [self._truth(i, depth + 1) for i in items]
            if name == "Fn::And":
                if any(r is False for r in results):
                    return False
                return True if all(r is True for r in results) else None
            if any(r is True for r in results):
                return True
            return False if all(r is False for r in results) else None
        if name == "Fn::Equals" and len(items) == 2:
            left, right = ([self._flat(c.value) for c in self.candidates(i)] for i in items)
            outcomes = {equals(a, b) for a in left for b in right}
            return outcomes.pop() if len(outcomes) == 1 else None
        return None


def equals(a: Any, b: Any) -> bool | None:
    """``Fn::Equals`` of two evaluated values, or None when it cannot be known statically."""
    if (
        a is UNKNOWN
        or b is UNKNOWN
        or isinstance(a, (Mapping, Sequence))
        or isinstance(b, (Mapping, Sequence))
    ):
        return None
    if isinstance(a, list) and isinstance(b, list):
        return [as_text(v) for v in a] == [as_text(v) for v in b]
    ta, tb = as_text(a), as_text(b)
    # A resource's name, a list against a string, NoValue: not comparable statically.
    return None if ta is None or tb is None else ta == tb
