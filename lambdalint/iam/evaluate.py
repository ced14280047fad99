"""Does a set of policies allow an action on a resource? yes / no / conditional / unknown, with
the statements that decided it.

IAM policy evaluation logic, identity policies of one account
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
an explicit Deny wins; otherwise an Allow is needed; otherwise the request is implicitly denied.
A permissions boundary limits the maximum: the request must be allowed by both.
Here a Condition (or a template condition the statement exists under) makes an Allow
``conditional`` and a Deny only possible; an unreadable policy makes ``no`` ``unknown``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lambdalint.iam.policy import Document, Statement, UnknownSource
from lambdalint.iam.resolve import Conditions, SymValue
from lambdalint.iam.sym import Sym, match
from lambdalint.iam.tri import Answer, Tri


def _any(patterns: tuple[SymValue, ...], value: Sym, fold: bool) -> Tri:
    result = Tri.NO
    for p in patterns:
        result = result | match(p.sym, value, fold)
        if result is Tri.YES:
            break
    return result


def action_matches(stmt: Statement, action: str) -> Tri:
    value = Sym.of(action)
    if stmt.actions is not None:
        return _any(stmt.actions, value, fold=True)
    if stmt.not_actions is not None:
        return ~_any(stmt.not_actions, value, fold=True)
    return Tri.MAYBE  # an invalid statement: IAM rejects it, so claim nothing


def resource_matches(stmt: Statement, resource: Sym) -> Tri:
    if stmt.resources is not None:
        return _any(stmt.resources, resource, fold=False)
    if stmt.not_resources is not None:
        return ~_any(stmt.not_resources, resource, fold=False)
    return Tri.MAYBE


def applies(stmt: Statement, action: str, resource: Sym) -> Tri:
    a = action_matches(stmt, action)
    if a is Tri.NO:
        return a
    r = resource_matches(stmt, resource)
    # A value that exists only under a template condition makes the match conditional.
    return a & r


def _conditional(
    patterns: tuple[SymValue, ...] | None, negated: bool, value: Sym, fold: bool
) -> bool:
    """The patterns that make the statement apply exist only under template conditions."""
    if not patterns:
        return False
    if negated:
        return any(p.conditions for p in patterns)
    sure = [p for p in patterns if match(p.sym, value, fold) is Tri.YES]
    return bool(sure) and all(p.conditions for p in sure)


def _under_condition(stmt: Statement, action: str, resource: Sym) -> bool:
    if stmt.conditional:
        return True
    act = Sym.of(action)
    if stmt.actions is not None:
        if _conditional(stmt.actions, False, act, True):
            return True
    elif _conditional(stmt.not_actions, True, act, True):
        return True
    if stmt.resources is not None:
        return _conditional(stmt.resources, False, resource, False)
    return _conditional(stmt.not_resources, True, resource, False)


@dataclass
class Decision:
    answer: Answer
    # The statements that decided: the Allows that grant (or could), or the Deny that wins.
    allows: list[Statement] = field(default_factory=list)
    denies: list[Statement] = field(default_factory=list)
    unknown: list[UnknownSource] = field(default_factory=list)

    @property
    def deciding(self) -> list[Statement]:
        return self.denies if self.answer is Answer.NO and self.denies else self.allows


Reachable = Callable[[Conditions], bool]


def _exists_with(stmt: Statement, doc: Document, context: Conditions, reachable: Reachable) -> bool:
    """Whether the statement can exist in a deployment where the request's own template
    conditions (``context``: the function's, the mapping's...) hold: a statement written only
    for the other outcome of a condition grants nothing there."""
    if not context or not (stmt.conditions or doc.conditions):
        return True
    return reachable((*context, *doc.conditions, *stmt.conditions))


def decide(
    documents: list[Document],
    unknown: list[UnknownSource],
    action: str,
    resource: Sym,
    context: Conditions = (),
    reachable: Reachable | None = None,
) -> Decision:
    allow_yes: list[Statement] = []
    allow_cond: list[Statement] = []
    allow_maybe: list[Statement] = []
    deny_sure: list[Statement] = []
    deny_possible: list[Statement] = []
    deny_cond = False
    unknown_docs = [
        UnknownSource(d.source, d.loc, "part of the document cannot be read statically")
        for d in documents
        if d.unknown
    ]
    for doc in documents:
        for stmt in doc.statements:
            if reachable is not None and not _exists_with(stmt, doc, context, reachable):
                continue
            hit = applies(stmt, action, resource)
            if hit is Tri.NO:
                continue
            cond = hit is Tri.YES and (
                _under_condition(stmt, action, resource) or bool(doc.conditions)
            )
            if stmt.effect in ("Deny", None):
                if hit is Tri.YES and not cond and stmt.effect == "Deny":
                    deny_sure.append(stmt)
                else:
                    deny_possible.append(stmt)
                    deny_cond = deny_cond or cond
            if stmt.effect in ("Allow", None):
                if stmt.effect is None or hit is Tri.MAYBE:
                    allow_maybe.append(stmt)
                elif cond:
                    allow_cond.append(stmt)
                else:
                    allow_yes.append(stmt)
    all_unknown = [*unknown, *unknown_docs]
    if deny_sure:
        return Decision(Answer.NO, denies=deny_sure)
    if allow_yes:
        answer, allows = Answer.YES, allow_yes
    elif allow_cond:
        answer, allows = Answer.CONDITIONAL, allow_cond
    elif allow_maybe or all_unknown:
        answer, allows = Answer.UNKNOWN, allow_maybe
    else:
        return Decision(Answer.NO, unknown=all_unknown)
    if deny_possible and answer is not Answer.UNKNOWN:
        only_conditional = all(s.effect == "Deny" for s in deny_possible) and deny_cond
        answer = answer.both(Answer.CONDITIONAL if only_conditional else Answer.UNKNOWN)
    return Decision(answer, allows=allows, denies=deny_possible, unknown=all_unknown)


@dataclass
class EffectivePolicy:
    """What a role's identity policies and its permissions boundary allow, together."""

    known: bool
    documents: list[Document] = field(default_factory=list)
    unknown: list[UnknownSource] = field(default_factory=list)
    boundary: list[Document] | None = None
    boundary_unknown: list[UnknownSource] = field(default_factory=list)
    # Why the role itself is unknown, when it is.
    reason: str = ""

    def allows(
        self,
        action: str,
        resource: Sym,
        context: Conditions = (),
        reachable: Reachable | None = None,
    ) -> Decision:
        """``context``: the template conditions the request exists under; with ``reachable``
        (``Evaluator.reachable``) statements that cannot exist together with them are left out."""
        if not self.known:
            return Decision(Answer.UNKNOWN, unknown=[*self.unknown])
        decision = decide(self.documents, self.unknown, action, resource, context, reachable)
        if self.boundary is None:
            return decision
        bound = decide(self.boundary, self.boundary_unknown, action, resource, context, reachable)
        if bound.answer is Answer.NO:
            return Decision(Answer.NO, denies=bound.denies or [], allows=decision.allows)
        answer = decision.answer.both(bound.answer)
        unknown = [*decision.unknown, *bound.unknown]
        return Decision(answer, decision.allows, decision.denies, unknown)

    def statements(self) -> list[Statement]:
        return [s for d in self.documents for s in d.statements]
