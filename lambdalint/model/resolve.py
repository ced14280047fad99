"""Resolving a reference node into targets, against the index of every declared node.

The index is complete before any model is built (``build.py`` declares every node, the SAM
generated ones included, first), so what a reference resolves to never depends on the order in
which resources are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lambdalint.model.graph import NodeKind
from lambdalint.model.targets import (
    UNKNOWN_QUALIFIER,
    UNQUALIFIED,
    Qualifier,
    QualifierKind,
    Target,
    TargetKind,
    lambda_function_arn,
    qualifier_of,
)
from lambdalint.source.intrinsics import NO_VALUE, UNKNOWN, Evaluator, ResourceRef, as_text
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.references import substitute
from lambdalint.source.template import Template


@dataclass(frozen=True, slots=True)
class Declared:
    """One node of the graph-to-be: enough to resolve a reference to it."""

    logical_id: str
    kind: NodeKind
    resource_type: str
    # For an alias or version: its function, and the qualifier it stands for.
    function_id: str | None = None
    qualifier: Qualifier | None = None


@dataclass
class Index:
    nodes: dict[str, Declared] = field(default_factory=dict)
    # (function id, alias name) -> alias logical id
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)
    # function id -> the SAM AutoPublishAlias alias / version logical ids
    sam_alias: dict[str, str] = field(default_factory=dict)
    sam_version: dict[str, str] = field(default_factory=dict)

    def add(self, node: Declared) -> None:
        self.nodes.setdefault(node.logical_id, node)
        if (
            node.kind is NodeKind.ALIAS
            and node.function_id
            and node.qualifier is not None
            and node.qualifier.name
        ):
            self.aliases.setdefault((node.function_id, node.qualifier.name), node.logical_id)

    def get(self, logical_id: str) -> Declared | None:
        return self.nodes.get(logical_id)

    def is_function(self, logical_id: str) -> bool:
        node = self.nodes.get(logical_id)
        return node is not None and node.kind is NodeKind.FUNCTION


_TOKEN = "\x00"
_SYMBOLIC_FN = re.compile(r"^\x00([^\x00.]+)\.Arn\x00(?::([^:\x00]+))?$")
_WHOLE_TOKEN = re.compile("\x00([^\x00.]+)(?:\\.([^\x00]+))?\x00")
_INVOCATIONS = re.compile(r"functions/(.*)/invocations")
_SYMBOLIC_ARN = re.compile(
    r"^arn:[^:]*:lambda:[^:]*:[^:]*:function:\x00([^\x00.]+)\x00(?::([^:\x00]+))?$"
)


@dataclass
class Resolver:
    template: Template
    evaluator: Evaluator
    index: Index

    def targets(self, node: Node | None) -> tuple[Target, ...]:
        """Every target ``node`` can name (one per Fn::If branch), AWS::NoValue dropped."""
        if node is None:
            return ()
        sam = self._sam_shorthand(node)
        if sam is not None:
            return (sam,)
        out: list[Target] = []
        for cand in self.evaluator.candidates(node):
            value = cand.value
            if value is NO_VALUE or value is None:
                continue
            if isinstance(value, ResourceRef):
                out.append(
                    self._resource(value.logical_id, value.attribute, cand.loc, cand.conditions)
                )
            elif isinstance(value, str):
                out.append(self._text(value, cand.loc, cand.conditions))
            elif value is UNKNOWN:
                symbolic = self._symbolic(_branch(node, cand.loc), cand.loc, cand.conditions)
                out.append(
                    symbolic
                    or Target(
                        TargetKind.UNKNOWN, cand.loc, cand.conditions, why="not known statically"
                    )
                )
            else:
                out.append(
                    Target(TargetKind.UNKNOWN, cand.loc, cand.conditions, why="not a reference")
                )
        return tuple(out)

    def invocation_uri_targets(self, node: Node | None) -> tuple[Target, ...]:
        """What an API Gateway integration URI invokes
        (``arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<ARN>/invocations``);
        an external Lambda URI is an external target, anything else nothing."""
        if node is None:
            return ()
        out: list[Target] = []
        for cand in self.evaluator.candidates(node):
            branch = _branch(node, cand.loc)
            text = cand.value if isinstance(cand.value, str) else self._symbolic_text(branch)
            if not isinstance(text, str) or ":lambda:path/" not in text:
                continue
            m = _INVOCATIONS.search(text)
            inner = m.group(1) if m else ""
            for pattern in (_SYMBOLIC_FN, _SYMBOLIC_ARN):
                found = pattern.match(inner)
                if found and self.index.is_function(found.group(1)):
                    out.append(
                        self.function_target(
                            found.group(1), qualifier_of(found.group(2)), cand.loc, cand.conditions
                        )
                    )
                    break
            else:
                known = _TOKEN not in inner and lambda_function_arn(inner) is not None
                out.append(
                    Target(TargetKind.EXTERNAL, cand.loc, cand.conditions, arn=inner)
                    if known
                    else Target(
                        TargetKind.UNKNOWN, cand.loc, cand.conditions, why="a Lambda integration"
                    )
                )
        return tuple(out)

    # ----- the pieces -------------------------------------------------------------------------
    def function_target(
        self,
        fn_id: str,
        qualifier: Qualifier,
        loc: Location,
        conditions: tuple[tuple[str, bool], ...] = (),
    ) -> Target:
        """A target invoking function ``fn_id`` with ``qualifier``: the alias or version node
        when the template declares it, else the function itself."""
        node_id = fn_id
        if qualifier.kind is QualifierKind.ALIAS and qualifier.name:
            node_id = self.index.aliases.get((fn_id, qualifier.name), fn_id)
        elif qualifier.kind is QualifierKind.VERSION and qualifier.name in self.index.nodes:
            node_id = qualifier.name
        return Target(
            TargetKind.RESOLVED,
            loc,
            conditions,
            node_id=node_id,
            function_id=fn_id,
            qualifier=qualifier,
        )

    def _resource(
        self,
        logical_id: str,
        attribute: str | None,
        loc: Location,
        conditions: tuple[tuple[str, bool], ...],
    ) -> Target:
        node = self.index.get(logical_id)
        if node is not None and node.kind is NodeKind.FUNCTION:
            return self.function_target(logical_id, UNQUALIFIED, loc, conditions)
        if node is not None and node.kind in (NodeKind.ALIAS, NodeKind.VERSION):
            qualifier = node.qualifier or UNKNOWN_QUALIFIER
            if node.kind is NodeKind.VERSION and attribute == "Version":
                qualifier = Qualifier(QualifierKind.VERSION, logical_id)
            return Target(
                TargetKind.RESOLVED,
                loc,
                conditions,
                node_id=logical_id,
                attribute=attribute,
                function_id=node.function_id,
                qualifier=qualifier,
            )
        return Target(TargetKind.RESOLVED, loc, conditions, node_id=logical_id, attribute=attribute)

    def _text(self, text: str, loc: Location, conditions: tuple[tuple[str, bool], ...]) -> Target:
        parsed = lambda_function_arn(text)
        if parsed is not None:
            return Target(TargetKind.EXTERNAL, loc, conditions, arn=text, qualifier=parsed[1])
        return Target(TargetKind.EXTERNAL, loc, conditions, arn=text)

    def _sam_shorthand(self, node: Node) -> Target | None:
        """SAM's ``!Ref Fn.Alias`` / ``!Ref Fn.Version`` and ``!GetAtt Fn.Version.Attr`` /
        ``!GetAtt Fn.Alias.Attr`` name the generated alias / version."""
        call = intrinsic(node)
        if call is None:
            return None
        name, arg = call
        attribute: str | None = None
        if name == "Ref" and isinstance(arg, Scalar) and isinstance(arg.value, str):
            ref = arg.value
        elif name == "Fn::GetAtt":
            if isinstance(arg, Scalar) and isinstance(arg.value, str):
                ref, _, attribute = arg.value.rpartition(".")
            elif isinstance(arg, Sequence) and len(arg.items) == 2:
                # ``!GetAtt Fn.Version.Arn`` is read as [Fn, Version.Arn].
                joined = f"{arg.items[0].plain()}.{arg.items[1].plain()}"
                ref, _, attribute = joined.rpartition(".")
            else:
                return None
        else:
            return None
        if "." not in ref:
            return None
        fn_id, _, attr = ref.partition(".")
        table = {"Alias": self.index.sam_alias, "Version": self.index.sam_version}.get(attr)
        if table is None or fn_id not in table:
            return None
        return self._resource(table[fn_id], attribute, node.loc, ())

    def _symbolic(
        self, node: Node | None, loc: Location, conditions: tuple[tuple[str, bool], ...]
    ) -> Target | None:
        """A function ARN composed with Sub or Join around a reference to a function of this
        template (``!Sub ${Fn.Arn}:live``, ``arn:...:function:${Fn}``): that function, with the
        qualifier the suffix names."""
        text = self._symbolic_text(node)
        if text is None:
            return None
        whole = _WHOLE_TOKEN.fullmatch(text)
        if whole and whole.group(1) in self.template.resources:
            return self._resource(whole.group(1), whole.group(2), loc, conditions)
        for pattern in (_SYMBOLIC_FN, _SYMBOLIC_ARN):
            m = pattern.match(text)
            if m and self.index.is_function(m.group(1)):
                return self.function_target(m.group(1), qualifier_of(m.group(2)), loc, conditions)
        if text.startswith("arn:"):
            # An ARN outside the template, partly computed: keep what it names, with the
            # unknown parts shown as ${...}.
            shown = re.sub("\x00([^\x00]*)\x00", lambda m: "${" + m.group(1) + "}", text)
            parsed = lambda_function_arn(shown)
            return Target(
                TargetKind.EXTERNAL,
                loc,
                conditions,
                arn=shown,
                qualifier=parsed[1] if parsed else UNQUALIFIED,
            )
        return None

    def _symbolic_text(self, node: Node | None) -> str | None:
        call = intrinsic(node)
        if call is None:
            return None
        name, arg = call
        if name == "Fn::Sub":
            text_node = arg.items[0] if isinstance(arg, Sequence) and arg.items else arg
            if not isinstance(text_node, Scalar) or not isinstance(text_node.value, str):
                return None
            local = arg.items[1] if isinstance(arg, Sequence) and len(arg.items) > 1 else None
            local_names = local.items if isinstance(local, Mapping) else {}
            return substitute(
                text_node.value,
                lambda var: (
                    self._piece(local_names[var]) if var in local_names else self._token(var)
                ),
            )
        if name == "Fn::Join" and isinstance(arg, Sequence) and len(arg.items) == 2:
            delim, items = arg.items
            if not isinstance(delim, Scalar) or not isinstance(items, Sequence):
                return None
            return str(delim.value or "").join(self._piece(i) for i in items.items)
        return None

    def _piece(self, node: Node) -> str:
        call = intrinsic(node)
        if call is not None and call[0] == "Ref" and isinstance(call[1], Scalar):
            return self._token(str(call[1].value))
        if call is not None and call[0] == "Fn::GetAtt":
            arg = call[1]
            if isinstance(arg, Sequence) and len(arg.items) == 2:
                return self._token(f"{arg.items[0].plain()}.{arg.items[1].plain()}")
            if isinstance(arg, Scalar):
                return self._token(str(arg.value))
        text = as_text(self.evaluator.value(node))
        return text if text is not None else f"{_TOKEN}?{_TOKEN}"

    def _token(self, var: str) -> str:
        base = var.partition(".")[0]
        if base in self.template.resources:
            return f"{_TOKEN}{var}{_TOKEN}"
        text = as_text(self.evaluator.value(Mapping({"Ref": Scalar(var, _NOWHERE)}, _NOWHERE)))
        return text if text is not None else f"{_TOKEN}?{_TOKEN}"


_NOWHERE = Location.point("<symbolic>")


def _branch(node: Node, loc: Location) -> Node | None:
    """The sub-expression of ``node`` a candidate at ``loc`` came from (an If branch), so a
    Sub inside one branch of an If is read symbolically on its own."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.loc == loc and intrinsic(current) is not None:
            return current
        call = intrinsic(current)
        if call is not None and call[0] == "Fn::If" and isinstance(call[1], Sequence):
            stack.extend(call[1].items[1:])
    return node
