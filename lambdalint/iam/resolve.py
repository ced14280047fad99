"""Template values -> symbolic strings (``sym.Sym``), following Fn::If branches, Ref, GetAtt, Sub
and Join, so that a resource written as an intrinsic is compared as the resource it names.

The source Evaluator (``lambdalint.source.intrinsics``) gives up on a Sub that names
``${AWS::Region}`` or a resource; here such parts become tokens instead, and a resource's ARN is
composed from its type's format (``rules/facts/resource_arns.yaml``), so ``!GetAtt Queue.Arn``
and ``!Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}`` are
the same value.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lambdalint.data import load_data
from lambdalint.iam.sym import UNKNOWN_SYM, Sym, Token
from lambdalint.model.policy import SYMBOLIC
from lambdalint.model.policy import items as policy_items
from lambdalint.model.values import Absent, Candidate, Known, Unknown
from lambdalint.source.intrinsics import NO_VALUE, Evaluator
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Template

Conditions = tuple[tuple[str, bool], ...]
MAX = 16
_VAR = re.compile(r"\$\{([^}]*)\}")
_PSEUDO = {
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
}
_FORMAT_TOKENS = {
    "{P}": Token("pseudo", "AWS::Partition"),
    "{R}": Token("pseudo", "AWS::Region"),
    "{A}": Token("pseudo", "AWS::AccountId"),
}


@dataclass(frozen=True, slots=True)
class SymValue:
    """One value a node may take, where it was written and the template conditions it needs."""

    sym: Sym
    loc: Location
    conditions: Conditions = ()


@lru_cache(maxsize=1)
def arn_formats() -> dict[str, Any]:
    data: dict[str, Any] = load_data("facts/resource_arns.yaml")["types"]
    return data


@dataclass
class Resolver:
    template: Template
    evaluator: Evaluator
    _names: dict[str, Sym] = field(default_factory=dict)

    # ----- resources ------------------------------------------------------------------------
    def resource_type(self, logical_id: str) -> str | None:
        res = self.template.resources.get(logical_id)
        return res.type if res is not None else None

    def name_of(self, logical_id: str) -> Sym:
        """The resource's physical name: its name property, else the generated name."""
        if logical_id in self._names:
            return self._names[logical_id]
        self._names[logical_id] = Sym((Token("name", logical_id),))  # guards self-reference
        res = self.template.resources.get(logical_id)
        fmt = arn_formats().get(res.type, {}) if res is not None else {}
        prop = fmt.get("name_property")
        result = Sym((Token("name", logical_id),))
        if res is not None and prop and res.prop(prop) is not None:
            values = self.values(res.prop(prop))
            syms = {v.sym for v in values}
            unknown = Sym((Token("attr", f"{logical_id}.{prop}"),))
            result = values[0].sym if len(syms) == 1 else unknown
        self._names[logical_id] = result
        return result

    def arn_of(self, logical_id: str) -> Sym:
        """The ARN of a template resource, composed from its type's format when known."""
        res = self.template.resources.get(logical_id)
        fmt = arn_formats().get(res.type, {}) if res is not None else {}
        template = fmt.get("arn")
        if not template:
            return Sym((Token("attr", f"{logical_id}.Arn"),))
        parts: list[str | Token] = []
        for piece in re.split(r"(\{[A-Za-z]+\})", template):
            if piece in _FORMAT_TOKENS:
                parts.append(_FORMAT_TOKENS[piece])
            elif piece == "{name}":
                parts.extend(self.name_of(logical_id).parts)
            else:
                parts.append(piece)
        return Sym.of(*parts)

    def _returned(self, logical_id: str, what: str | None) -> Sym:
        if what == "arn":
            return self.arn_of(logical_id)
        if what == "name":
            return self.name_of(logical_id)
        if what and what.startswith("arn/stream/"):
            label = Token("attr", f"{logical_id}.label")
            return self.arn_of(logical_id) + Sym.of("/stream/", label)
        if what == "url":
            # A queue URL is never an ARN: ``Resource: !Ref Queue`` grants nothing on the queue.
            return Sym.of("https://", Token("attr", f"{logical_id}.url"))
        return Sym((Token("attr", f"{logical_id}.{what or 'Ref'}"),))

    def ref(self, logical_id: str) -> Sym:
        res = self.template.resources.get(logical_id)
        fmt = arn_formats().get(res.type, {}) if res is not None else {}
        return self._returned(logical_id, fmt.get("ref"))

    def getatt(self, logical_id: str, attr: str) -> Sym:
        res = self.template.resources.get(logical_id)
        fmt = arn_formats().get(res.type, {}) if res is not None else {}
        what = fmt.get("attrs", {}).get(attr)
        if what is None:
            return Sym((Token("attr", f"{logical_id}.{attr}"),))
        return self._returned(logical_id, what)

    # ----- values ---------------------------------------------------------------------------
    def candidate(self, c: Candidate[str]) -> list[SymValue]:
        """The symbolic values of one typed candidate: a literal is itself; an intrinsic the
        model kept symbolic (``SYMBOLIC``) is composed here from the expression it came from."""
        if isinstance(c, Known):
            return [SymValue(Sym.of(c.value), c.loc, c.conditions)]
        if isinstance(c, Absent):
            return []
        if isinstance(c, Unknown) and c.why == SYMBOLIC and c.node is not None:
            return [
                SymValue(v.sym, v.loc, (*c.conditions, *v.conditions)) for v in self.values(c.node)
            ]
        return [SymValue(UNKNOWN_SYM, c.loc, c.conditions)]

    def values(self, node: Node | None, depth: int = 0) -> list[SymValue]:
        """Every value ``node`` may take; ``[]`` for an absent value (``AWS::NoValue``)."""
        if node is None:
            return []
        if depth > 20:
            return [SymValue(UNKNOWN_SYM, node.loc)]
        if isinstance(node, Scalar):
            v = node.value
            if isinstance(v, bool) or v is None:
                return [SymValue(UNKNOWN_SYM, node.loc)]
            return [SymValue(Sym.of(str(v)), node.loc)]
        call = intrinsic(node)
        if call is None:
            return [SymValue(UNKNOWN_SYM, node.loc)]
        name, arg = call
        try:
            if name == "Ref":
                return self._ref(arg, node)
            if name == "Fn::GetAtt":
                return self._getatt(arg, node)
            if name == "Fn::Sub":
                return self._sub(arg, node, depth)
            if name == "Fn::Join":
                return self._join(arg, node, depth)
            if name == "Fn::If":
                return self._if(arg, node, depth)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            return [SymValue(UNKNOWN_SYM, node.loc)]
        return self._evaluated(node)

    def _evaluated(self, node: Node) -> list[SymValue]:
        out: list[SymValue] = []
        for c in self.evaluator.candidates(node):
            if c.value is NO_VALUE:
                continue
            if isinstance(c.value, (str, int)) and not isinstance(c.value, bool):
                out.append(SymValue(Sym.of(str(c.value)), c.loc, c.conditions))
            else:
                out.append(SymValue(UNKNOWN_SYM, c.loc, c.conditions))
        return out

    def _named(self, name: str) -> Sym | None:
        """``${name}`` / ``Ref name``: a pseudo parameter, a parameter or a resource."""
        if name == "AWS::NoValue":
            return None
        if name in _PSEUDO:
            return Sym((Token("pseudo", name),))
        param = self.template.parameters.get(name)
        if param is not None:
            if param.override is not None:
                return Sym.of(param.override)
            return Sym((Token("param", name),))
        if name in self.template.resources:
            return self.ref(name)
        return UNKNOWN_SYM

    def _ref(self, arg: Node, node: Node) -> list[SymValue]:
        if not isinstance(arg, Scalar) or not isinstance(arg.value, str):
            return [SymValue(UNKNOWN_SYM, node.loc)]
        sym = self._named(arg.value)
        return [] if sym is None else [SymValue(sym, node.loc)]

    def _getatt(self, arg: Node, node: Node) -> list[SymValue]:
        if isinstance(arg, Scalar) and isinstance(arg.value, str):
            res, _, attr = arg.value.partition(".")
        elif isinstance(arg, Sequence) and len(arg.items) == 2:
            res, attr = (self.evaluator.value(i) for i in arg.items)
        else:
            return [SymValue(UNKNOWN_SYM, node.loc)]
        known = isinstance(res, str) and res in self.template.resources
        if not known or not isinstance(res, str) or not isinstance(attr, str):
            return [SymValue(UNKNOWN_SYM, node.loc)]
        return [SymValue(self.getatt(res, attr), node.loc)]

    def _product(self, options: list[list[SymValue]], node: Node, joiner: Sym) -> list[SymValue]:
        total = 1
        for o in options:
            total *= max(1, len(o))
        if total > MAX:
            return [SymValue(UNKNOWN_SYM, node.loc)]
        out: list[SymValue] = []
        padded: list[list[SymValue | None]] = [list(o) if o else [None] for o in options]
        for combo in itertools.product(*padded):
            parts: list[str | Token] = []
            conds: list[tuple[str, bool]] = []
            first = True
            for v in combo:
                if v is None:  # an absent value in a Join drops out
                    continue
                if not first:
                    parts.extend(joiner.parts)
                first = False
                parts.extend(v.sym.parts)
                conds.extend(v.conditions)
            out.append(SymValue(Sym.of(*parts), node.loc, tuple(conds)))
        return out

    def _sub(self, arg: Node, node: Node, depth: int) -> list[SymValue]:
        if isinstance(arg, Sequence) and len(arg.items) == 2:
            text_node, vars_node = arg.items
        else:
            text_node, vars_node = arg, None
        if not isinstance(text_node, Scalar) or not isinstance(text_node.value, str):
            return [SymValue(UNKNOWN_SYM, node.loc)]
        local = vars_node.items if isinstance(vars_node, Mapping) else {}
        options: list[list[SymValue]] = []
        pos = 0
        text = text_node.value
        for m in _VAR.finditer(text):
            options.append([SymValue(Sym.of(text[pos : m.start()]), node.loc)])
            var = m.group(1)
            pos = m.end()
            if var.startswith("!"):
                options.append([SymValue(Sym.of("${" + var[1:] + "}"), node.loc)])
            elif var in local:
                values = self.values(local[var], depth + 1)
                options.append(values or [SymValue(Sym.of(""), node.loc)])
            elif "." in var:
                res, _, attr = var.partition(".")
                sym = self.getatt(res, attr) if res in self.template.resources else UNKNOWN_SYM
                options.append([SymValue(sym, node.loc)])
            else:
                named = self._named(var)
                options.append([SymValue(named if named is not None else UNKNOWN_SYM, node.loc)])
        options.append([SymValue(Sym.of(text[pos:]), node.loc)])
        return self._product(options, node, Sym.of(""))

    def _join(self, arg: Node, node: Node, depth: int) -> list[SymValue]:
        if not isinstance(arg, Sequence) or len(arg.items) != 2:
            return [SymValue(UNKNOWN_SYM, node.loc)]
        delim = self.evaluator.value(arg.items[0])
        items = arg.items[1]
        if not isinstance(delim, str) or not isinstance(items, Sequence):
            return [SymValue(UNKNOWN_SYM, node.loc)]
        return self._product([self.values(i, depth + 1) for i in items.items], node, Sym.of(delim))

    def _if(self, arg: Node, node: Node, depth: int) -> list[SymValue]:
        if not isinstance(arg, Sequence) or len(arg.items) != 3:
            return [SymValue(UNKNOWN_SYM, node.loc)]
        cond = self.evaluator.value(arg.items[0])
        if not isinstance(cond, str):
            return [SymValue(UNKNOWN_SYM, node.loc)]
        outcome = self.evaluator.condition(cond)
        if outcome is not None:
            return self.values(arg.items[1] if outcome else arg.items[2], depth + 1)
        out: list[SymValue] = []
        for flag, branch in ((True, arg.items[1]), (False, arg.items[2])):
            out.extend(
                SymValue(v.sym, v.loc, ((cond, flag), *v.conditions))
                for v in self.values(branch, depth + 1)
            )
        return out

    # ----- structure ------------------------------------------------------------------------
    def items(self, node: Node | None) -> list[tuple[Node, Conditions]]:
        """A list's members through Fn::If (``model.policy.items``), for reading a translated
        template in the differential test."""
        return [(v, c) for v, c, _ in policy_items(self.evaluator, node)]
