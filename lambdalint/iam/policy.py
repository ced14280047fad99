"""Policy documents as typed, located statements.

A document is read from the model's typed documents (``lambdalint.model.policy``: statements
split through Fn::If, each element's candidates located; values through ``resolve.Resolver``, so
Ref, Sub and GetAtt compose the ARNs they name) or from plain JSON (AWS managed policies).
Nothing here decides anything; ``evaluate`` does.
Element semantics: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
"""

from __future__ import annotations

from dataclasses import dataclass

from lambdalint.iam.resolve import Conditions, Resolver, SymValue
from lambdalint.iam.sym import UNKNOWN_SYM, Sym
from lambdalint.model import policy as model
from lambdalint.model.policy import PolicyDocument, read_document
from lambdalint.model.values import Field
from lambdalint.source.location import Location
from lambdalint.source.nodes import Node


@dataclass(frozen=True, slots=True)
class Statement:
    effect: str | None  # "Allow" | "Deny" | None when it cannot be known
    loc: Location
    # Exactly one of actions / not_actions is set (None = the element is absent).
    actions: tuple[SymValue, ...] | None = None
    not_actions: tuple[SymValue, ...] | None = None
    resources: tuple[SymValue, ...] | None = None
    not_resources: tuple[SymValue, ...] | None = None
    principal: Field[str] | None = None
    not_principal: Field[str] | None = None
    # The condition operators; True for an AWS managed policy's (only its presence matters).
    condition: Field[str] | bool | None = None
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
    """Reads the model's typed documents (``lambdalint.model.policy``) into statements whose
    values are symbolic (``resolve.Resolver.candidate``)."""

    resolver: Resolver

    def read(self, node: Node | None, source: str, conditions: Conditions = ()) -> Document:
        """A ``PolicyDocument`` value as written (the differential test reads SAM's output)."""
        return self.document(read_document(self.resolver.evaluator, node, (), conditions), source)

    def document(
        self, doc: PolicyDocument | None, source: str, conditions: Conditions = ()
    ) -> Document:
        """A typed document; ``conditions`` are those it is attached under, beyond its own."""
        if doc is None:
            return Document(source, Location.point("?"), (), True, conditions)
        stmts = tuple(self._statement(st, source, conditions) for st in doc.statements)
        return Document(source, doc.loc, stmts, doc.unknown, (*conditions, *doc.conditions))

    def _statement(self, st: model.Statement, source: str, conditions: Conditions) -> Statement:
        effects = {v.sym.literal for c in st.effect.values for v in self.resolver.candidate(c)}
        effect = effects.pop() if len(effects) == 1 else None
        sid = st.sid.only()
        return Statement(
            effect=effect if effect in ("Allow", "Deny") else None,
            loc=st.loc,
            actions=self._list(st.actions),
            not_actions=self._list(st.not_actions),
            resources=self._list(st.resources),
            not_resources=self._list(st.not_resources),
            principal=st.principals,
            not_principal=st.not_principals,
            condition=st.condition,
            sid=sid,
            conditions=(*conditions, *st.conditions),
            source=source,
        )

    def _list(self, values: Field[str] | None) -> tuple[SymValue, ...] | None:
        if values is None:
            return None
        return tuple(v for c in values.values for v in self.resolver.candidate(c))


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
                condition=True if item.get("Condition") else None,
                sid=sid if isinstance(sid, str) else None,
                source=source,
            )
        )
    return Document(source, loc, tuple(stmts), unknown, managed_name=managed_name)
