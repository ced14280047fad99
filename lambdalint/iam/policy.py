"""Policy documents as typed, located statements.

A document is read from template nodes (values through ``resolve.Resolver``, so Fn::If branches,
Ref, Sub and GetAtt are followed) or from plain JSON (AWS managed policies, SAM policy templates
after their parameters are substituted). Nothing here decides anything; ``evaluate`` does.
Element semantics: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lambdalint.iam.resolve import Conditions, Resolver, SymValue
from lambdalint.iam.sym import UNKNOWN_SYM, Sym
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic


@dataclass(frozen=True, slots=True)
class Statement:
    effect: str | None  # "Allow" | "Deny" | None when it cannot be known
    loc: Location
    # Exactly one of actions / not_actions is set (None = the element is absent).
    actions: tuple[SymValue, ...] | None = None
    not_actions: tuple[SymValue, ...] | None = None
    resources: tuple[SymValue, ...] | None = None
    not_resources: tuple[SymValue, ...] | None = None
    principal: Node | None = None
    not_principal: Node | None = None
    condition: Node | None = None
    sid: str | None = None
    # Template conditions (Fn::If outcomes) the statement exists under.
    conditions: Conditions = ()
    # Where the statement came from, for messages: "inline policy P of role R".
    source: str = ""

    @property
    def conditional(self) -> bool:
        return self.condition is not None or bool(self.conditions)

    def describe(self) -> str:
        sid = f" {self.sid}" if self.sid else ""
        return f"statement{sid} at line {self.loc.line} ({self.source})"


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    loc: Location
    statements: tuple[Statement, ...] = ()
    # Something in it could not be read (an intrinsic standing for the document, a string).
    unknown: bool = False
    conditions: Conditions = ()
    # The managed policy's name, when the document is one (for messages and the admin rule).
    managed_name: str | None = None


@dataclass
class UnknownSource:
    """A policy attached to the role whose document is not known (a managed policy missing from
    the data, a policy ARN from a parameter...). It may grant anything."""

    source: str
    loc: Location
    reason: str


@dataclass
class DocumentReader:
    resolver: Resolver
    statements: list[Statement] = field(default_factory=list)

    def read(self, node: Node | None, source: str, conditions: Conditions = ()) -> Document:
        """A ``PolicyDocument`` value (mapping, or an Fn::If of mappings)."""
        loc = node.loc if node is not None else Location.point("?")
        stmts: list[Statement] = []
        unknown = node is None
        for doc, conds in self.resolver.structures(node):
            if not isinstance(doc, Mapping) or intrinsic(doc) is not None:
                unknown = True
                continue
            body = doc.get("Statement")
            if body is None:
                unknown = True
                continue
            for item, c in self.resolver.items(body):
                stmt = self._statement(item, source, (*conditions, *conds, *c))
                if stmt is None:
                    unknown = True
                else:
                    stmts.append(stmt)
        return Document(source, loc, tuple(stmts), unknown, conditions)

    def _statement(self, node: Node, source: str, conds: Conditions) -> Statement | None:
        if not isinstance(node, Mapping) or intrinsic(node) is not None:
            return None
        effect_values = {v.sym.literal for v in self.resolver.values(node.get("Effect"))}
        effect = effect_values.pop() if len(effect_values) == 1 else None
        if effect not in ("Allow", "Deny"):
            effect = None
        sid = node.get("Sid")
        return Statement(
            effect=effect,
            loc=node.loc,
            actions=self._list(node.get("Action")),
            not_actions=self._list(node.get("NotAction")),
            resources=self._list(node.get("Resource")),
            not_resources=self._list(node.get("NotResource")),
            principal=node.get("Principal"),
            not_principal=node.get("NotPrincipal"),
            condition=node.get("Condition"),
            sid=sid.value if isinstance(sid, Scalar) and isinstance(sid.value, str) else None,
            conditions=conds,
            source=source,
        )

    def _list(self, node: Node | None) -> tuple[SymValue, ...] | None:
        if node is None:
            return None
        out: list[SymValue] = []
        for item, conds in self.resolver.items(node):
            values = self.resolver.values(item)
            if isinstance(item, (Mapping, Sequence)) and intrinsic(item) is None:
                values = [SymValue(UNKNOWN_SYM, item.loc)]
            out.extend(SymValue(v.sym, v.loc, (*conds, *v.conditions)) for v in values)
        return tuple(out)


def from_json(doc: object, source: str, loc: Location, managed_name: str | None = None) -> Document:
    """A plain JSON policy document (an AWS managed policy): every value is literal."""
    if not isinstance(doc, dict):
        return Document(source, loc, (), True, managed_name=managed_name)
    body = doc.get("Statement")
    items = body if isinstance(body, list) else [body]
    stmts: list[Statement] = []
    unknown = False
    for item in items:
        if not isinstance(item, dict):
            unknown = True
            continue

        def lit(key: str, item: dict[str, object] = item) -> tuple[SymValue, ...] | None:
            value = item.get(key)
            if value is None:
                return None
            values = value if isinstance(value, list) else [value]
            return tuple(
                SymValue(Sym.of(v) if isinstance(v, str) else UNKNOWN_SYM, loc) for v in values
            )

        effect = item.get("Effect")
        sid = item.get("Sid")
        stmts.append(
            Statement(
                effect=effect if effect in ("Allow", "Deny") else None,
                loc=loc,
                actions=lit("Action"),
                not_actions=lit("NotAction"),
                resources=lit("Resource"),
                not_resources=lit("NotResource"),
                condition=Scalar(True, loc) if item.get("Condition") else None,
                sid=sid if isinstance(sid, str) else None,
                source=source,
            )
        )
    return Document(source, loc, tuple(stmts), unknown, managed_name=managed_name)
