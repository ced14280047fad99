"""Static evaluation of intrinsic functions: each node -> the values it can take, or Unknown.

A value is never guessed. A parameter's value is its ``--parameter`` override when one is given;
otherwise every value a deployment may pass is a candidate: the Default and each AllowedValues
entry, each located where it is written, so findings land there.

A condition (:mod:`lambdalint.source.conditions`) is decided only by fixed inputs: overrides,
literals, a parameter whose AllowedValues all agree. A Default does not decide one, because the
Default is exactly what a deployment to another stage replaces: ``!If [IsProd, 64, 128]`` with
``Stage`` defaulting to ``dev`` still deploys 64 to prod. Undecided, both branches are kept and
each candidate records the condition outcomes that select it, so a finding can name them. The
values themselves (Candidate, UNKNOWN, ResourceRef) are in :mod:`lambdalint.source.values`.
"""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lambdalint.source.conditions import Conditions
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.references import sub_variables
from lambdalint.source.references import substitute as substitute_text
from lambdalint.source.template import Parameter, Template
from lambdalint.source.values import (
    NO_VALUE,
    UNKNOWN,
    Candidate,
    ResourceRef,
    as_number,
    as_text,
    same,
)

if TYPE_CHECKING:
    from lambdalint.source.satisfy import Satisfiability

# The evaluator's vocabulary lives in lambdalint.source.values; imported from here too.
__all__ = [
    "MAX_CANDIDATES",
    "NO_VALUE",
    "UNKNOWN",
    "Candidate",
    "Evaluator",
    "ResourceRef",
    "as_number",
    "as_text",
]


# More combinations than this from one expression and the result is Unknown, not enumerated.
MAX_CANDIDATES = 64


@dataclass
class Evaluator(Conditions):
    template: Template
    _cond_cache: dict[str, bool | None] = field(default_factory=dict)
    _cond_stack: set[str] = field(default_factory=set)
    # > 0 while a condition is being decided: parameter Defaults do not count as known then.
    _deciding: int = 0
    _sat: Satisfiability | None = None

    # ----- public API -------------------------------------------------------------------------
    def candidates(self, node: Node | None, assume: str | None = None) -> list[Candidate]:
        """Every value ``node`` may take. Mappings and sequences that are not intrinsic calls come
        back as themselves (a structured value whose leaves are evaluated separately).

        A value selected by condition outcomes that cannot hold together (with condition
        ``assume`` true: the Condition of the resource the node is in, found from the node's
        path when not given) is never deployed, and is left out."""
        if node is None:
            return []
        out = self._eval(node, 0)
        if len(out) > MAX_CANDIDATES:
            return [Candidate(UNKNOWN, node.loc)]
        if not any(c.conditions for c in out):
            return out
        if assume is None:
            assume = self._resource_condition(node)
        given = ((assume, True),) if assume else ()
        kept = [c for c in out if self.reachable((*given, *c.conditions))]
        return kept or [Candidate(UNKNOWN, node.loc)]

    def value(self, node: Node | None) -> Any:
        """The single value of ``node`` if every candidate agrees, else UNKNOWN (None if absent)."""
        if node is None:
            return None
        cands = self.candidates(node)
        if not cands:
            return UNKNOWN
        first = cands[0].value
        if all(c.value is first or same(c.value, first) for c in cands[1:]):
            return first
        return UNKNOWN

    # ----- evaluation -------------------------------------------------------------------------
    def _eval(self, node: Node, depth: int) -> list[Candidate]:
        if depth > 50:
            return [Candidate(UNKNOWN, node.loc)]
        if isinstance(node, Scalar):
            return [Candidate(node.value, node.loc, node=node)]
        call = intrinsic(node)
        if call is None:
            return [Candidate(node, node.loc, node=node)]
        name, arg = call
        handler = _HANDLERS.get(name)
        if handler is None:
            return [Candidate(UNKNOWN, node.loc)]
        try:
            return handler(self, arg, node, depth + 1)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            # A malformed call (wrong arity or types) evaluates to Unknown; shape errors are
            # reported by their own rule, not by the evaluator.
            return [Candidate(UNKNOWN, node.loc)]

    def _ref(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if not isinstance(arg, Scalar) or not isinstance(arg.value, str):
            return [Candidate(UNKNOWN, node.loc)]
        name = arg.value
        if name == "AWS::NoValue":
            return [Candidate(NO_VALUE, node.loc)]
        param = self.template.parameters.get(name)
        if param is not None:
            return self._parameter(param, node, depth)
        if name in self.template.resources:
            return [Candidate(ResourceRef(name), node.loc)]
        return [Candidate(UNKNOWN, node.loc)]

    def _parameter(self, param: Parameter, node: Node, depth: int) -> list[Candidate]:
        name = param.name
        if param.override is not None:
            return [
                Candidate(
                    _parameter_value(param.type, param.override),
                    node.loc,
                    via=(f"parameter {name}={param.override} from --parameter",),
                )
            ]
        if param.type.startswith("AWS::SSM::"):
            # The Default names an SSM parameter; the value is read at deploy time.
            return [Candidate(UNKNOWN, node.loc, via=(f"parameter {name}",))]
        sources: list[tuple[str, Node]] = []
        if param.default is not None and not self._deciding:
            sources.append(("Default", param.default))
        if param.allowed_values is not None:
            sources.extend(("AllowedValues", item) for item in param.allowed_values.items)
        if not sources or (self._deciding and param.allowed_values is None):
            return [Candidate(UNKNOWN, node.loc, via=(f"parameter {name}",))]
        out: list[Candidate] = []
        seen: list[Any] = []
        for label, source in sources:
            for c in self._eval(source, depth):
                value = _parameter_value(param.type, c.value)
                if any(same(value, v) for v in seen):
                    continue  # the Default is usually one of the AllowedValues
                seen.append(value)
                out.append(
                    Candidate(
                        value, c.loc, c.conditions, (f"parameter {name} {label}", *c.via), c.node
                    )
                )
        return out

    def _getatt(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        parts = [self.value(n) for n in arg.items] if isinstance(arg, Sequence) else []
        if (
            len(parts) == 2
            and all(isinstance(p, str) for p in parts)
            and parts[0] in self.template.resources
        ):
            return [Candidate(ResourceRef(parts[0], parts[1]), node.loc)]
        return [Candidate(UNKNOWN, node.loc)]

    def _if(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if not isinstance(arg, Sequence) or len(arg.items) != 3:
            return [Candidate(UNKNOWN, node.loc)]
        cond_node, then_node, else_node = arg.items
        name = self.value(cond_node)
        if not isinstance(name, str):
            return [Candidate(UNKNOWN, node.loc)]
        outcome = self.condition(name)
        branches = [(True, then_node), (False, else_node)]
        if outcome is not None:
            return self._eval(dict(branches)[outcome], depth)
        out: list[Candidate] = []
        for flag, branch in branches:
            for c in self._eval(branch, depth):
                out.append(Candidate(c.value, c.loc, ((name, flag), *c.conditions), c.via, c.node))
        return out

    def _combine(
        self, parts: list[Node], node: Node, depth: int, fn: Callable[..., Any]
    ) -> list[Candidate]:
        """Apply ``fn`` to every combination of the parts' candidates (bounded)."""
        options = [self._eval(p, depth) for p in parts]
        total = 1
        for o in options:
            total *= max(1, len(o))
            if total > MAX_CANDIDATES:
                return [Candidate(UNKNOWN, node.loc)]
        out = []
        for combo in itertools.product(*options):
            conds = tuple(c for cand in combo for c in cand.conditions)
            via = tuple(v for cand in combo for v in cand.via)
            if any(not cand.is_known for cand in combo):
                out.append(Candidate(UNKNOWN, node.loc, conds, via))
                continue
            try:
                value = fn(*[cand.value for cand in combo])
            except (TypeError, ValueError, IndexError, KeyError, AttributeError):
                value = UNKNOWN
            out.append(Candidate(value, node.loc, conds, via))
        return out

    def _join(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if not isinstance(arg, Sequence) or len(arg.items) != 2:
            return [Candidate(UNKNOWN, node.loc)]
        delim, items = arg.items
        if isinstance(items, Sequence):

            def join(d: Any, *values: Any) -> Any:
                texts = [as_text(v) for v in values if v is not NO_VALUE]
                if not isinstance(d, str) or any(t is None for t in texts):
                    return UNKNOWN
                return d.join(t for t in texts if t is not None)

            return self._combine([delim, *items.items], node, depth, join)

        def join_list(d: Any, values: Any) -> Any:
            if isinstance(values, Sequence):
                texts = [as_text(self.value(v)) for v in values.items]
                if isinstance(d, str) and all(t is not None for t in texts):
                    return d.join(t for t in texts if t is not None)
            if isinstance(values, list) and isinstance(d, str):
                return d.join(str(v) for v in values)
            return UNKNOWN

        return self._combine([delim, items], node, depth, join_list)

    def _sub(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if isinstance(arg, Sequence) and len(arg.items) == 2:
            text_node, vars_node = arg.items
        else:
            text_node, vars_node = arg, None
        text = self.value(text_node)
        if not isinstance(text, str):
            return [Candidate(UNKNOWN, node.loc)]
        local = vars_node.items if isinstance(vars_node, Mapping) else {}
        names = list(dict.fromkeys(sub_variables(text)))
        parts: list[Node] = []
        for name in names:
            if name in local:
                parts.append(local[name])
            elif "." in name:
                res, _, attr = name.partition(".")
                parts.append(
                    Mapping(
                        {
                            "Fn::GetAtt": Sequence(
                                [Scalar(res, node.loc), Scalar(attr, node.loc)], node.loc
                            )
                        },
                        node.loc,
                    )
                )
            else:
                parts.append(Mapping({"Ref": Scalar(name, node.loc)}, node.loc))

        def substitute(*values: Any) -> Any:
            texts = [as_text(v) for v in values]
            if any(t is None for t in texts):
                return UNKNOWN
            mapping = dict(zip(names, texts, strict=True))
            return substitute_text(text, lambda name: str(mapping[name]))

        return (
            self._combine(parts, node, depth, substitute)
            if names
            else [Candidate(substitute_text(text, str), node.loc, node=text_node)]
        )

    def _select(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if not isinstance(arg, Sequence) or len(arg.items) != 2:
            return [Candidate(UNKNOWN, node.loc)]
        index_node, list_node = arg.items
        index = as_number(self.value(index_node))
        if isinstance(list_node, Sequence) and isinstance(index, int):
            if 0 <= index < len(list_node.items):
                return self._eval(list_node.items[index], depth)
            return [Candidate(UNKNOWN, node.loc)]

        def select(i: Any, values: Any) -> Any:
            n = as_number(i)
            if isinstance(values, list) and isinstance(n, int) and 0 <= n < len(values):
                return values[n]
            return UNKNOWN

        return self._combine([index_node, list_node], node, depth, select)

    def _split(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if not isinstance(arg, Sequence) or len(arg.items) != 2:
            return [Candidate(UNKNOWN, node.loc)]

        def split(d: Any, s: Any) -> Any:
            if isinstance(d, str) and isinstance(s, str) and d:
                return s.split(d)
            return UNKNOWN

        return self._combine(list(arg.items), node, depth, split)

    def _find_in_map(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if not isinstance(arg, Sequence) or len(arg.items) not in (3, 4):
            return [Candidate(UNKNOWN, node.loc)]
        mappings = self.template.mappings
        if mappings is None:
            return [Candidate(UNKNOWN, node.loc)]
        options = [self._eval(k, depth) for k in arg.items[:3]]
        if len(options[0]) * len(options[1]) * len(options[2]) > MAX_CANDIDATES:
            return [Candidate(UNKNOWN, node.loc)]
        out: list[Candidate] = []
        # A key may take several values (a parameter's AllowedValues): each picks its own entry.
        for combo in itertools.product(*options):
            keys = [c.value for c in combo]
            conds = tuple(c for cand in combo for c in cand.conditions)
            current: Node | None = mappings
            for k in keys:
                if not isinstance(k, (str, int)) or isinstance(k, bool):
                    current = None
                    break
                current = current.items.get(str(k)) if isinstance(current, Mapping) else None
            if current is None:
                out.append(Candidate(UNKNOWN, node.loc, conds))
                continue
            via = f"Mappings {keys[0]}.{keys[1]}.{keys[2]}"
            out.extend(
                Candidate(c.value, c.loc, (*conds, *c.conditions), (via, *c.via), c.node)
                for c in self._eval(current, depth)
            )
        return out

    def _base64(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        def encode(s: Any) -> Any:
            return base64.b64encode(s.encode()).decode() if isinstance(s, str) else UNKNOWN

        return self._combine([arg], node, depth, encode)

    def _length(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        if isinstance(arg, Sequence):
            return [Candidate(len(arg.items), node.loc)]
        return [Candidate(UNKNOWN, node.loc)]

    def _to_json(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        value = self.plain_value(arg)
        if value is UNKNOWN:
            return [Candidate(UNKNOWN, node.loc)]
        return [Candidate(json.dumps(value, separators=(",", ":")), node.loc)]

    def _unknown(self, arg: Node, node: Node, depth: int) -> list[Candidate]:
        return [Candidate(UNKNOWN, node.loc)]

    def plain_value(self, node: Node) -> Any:
        """The fully evaluated plain value of a structure, or UNKNOWN if any part is unknown."""
        value = self.value(node)
        if isinstance(value, Mapping):
            out: dict[str, Any] = {}
            for k, v in value.items.items():
                pv = self.plain_value(v)
                if pv is UNKNOWN:
                    return UNKNOWN
                if pv is not NO_VALUE:
                    out[k] = pv
            return out
        if isinstance(value, Sequence):
            items = []
            for v in value.items:
                pv = self.plain_value(v)
                if pv is UNKNOWN:
                    return UNKNOWN
                if pv is not NO_VALUE:
                    items.append(pv)
            return items
        if isinstance(value, ResourceRef):
            return UNKNOWN
        return value


def _parameter_value(param_type: str, value: Any) -> Any:
    """A list parameter (``CommaDelimitedList``, ``List<...>``) is written as one string and
    referenced as a list: split at commas, each member space-trimmed.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
    """
    if isinstance(value, str) and (
        param_type == "CommaDelimitedList" or param_type.startswith("List<")
    ):
        return [part.strip() for part in value.split(",")]
    return value


_Handler = Callable[[Evaluator, Node, Node, int], list[Candidate]]
_HANDLERS: dict[str, _Handler] = {
    "Ref": Evaluator._ref,
    "Fn::GetAtt": Evaluator._getatt,
    "Fn::If": Evaluator._if,
    "Fn::Join": Evaluator._join,
    "Fn::Sub": Evaluator._sub,
    "Fn::Select": Evaluator._select,
    "Fn::Split": Evaluator._split,
    "Fn::FindInMap": Evaluator._find_in_map,
    "Fn::Base64": Evaluator._base64,
    "Fn::Length": Evaluator._length,
    "Fn::ToJsonString": Evaluator._to_json,
    "Fn::ImportValue": Evaluator._unknown,
    "Fn::GetAZs": Evaluator._unknown,
    "Fn::Cidr": Evaluator._unknown,
    "Fn::Transform": Evaluator._unknown,
}
