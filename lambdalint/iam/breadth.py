"""Statements of execution roles that grant too much: every action (``*``) or every action of a
service (``s3:*``) on every resource, broad AWS managed policies, iam:PassRole on ``*``, and the
privilege-escalation methods (``rules/facts/privilege_escalation.json``) a role allows on ``*``.

Only Allow statements without a Condition count: a condition may narrow a grant arbitrarily.
Statements are reported once each, with every function whose role holds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lambdalint.iam import data
from lambdalint.iam.analysis import Analysis
from lambdalint.iam.policy import Document, Statement
from lambdalint.iam.resolve import SymValue
from lambdalint.iam.sym import Sym, match
from lambdalint.iam.tri import Tri

BROAD_MANAGED = {
    "AdministratorAccess": "full administrator access",
    "PowerUserAccess": "every action outside IAM and Organizations",
    "IAMFullAccess": "full IAM access",
}
_SERVICE_STAR = re.compile(r"^(\*|[a-z0-9-]+:\*)$", re.IGNORECASE)


@dataclass
class Hit:
    statement: Statement
    functions: list[str] = field(default_factory=list)
    detail: str = ""
    at: SymValue | None = None


def _unconditional_allow(stmt: Statement) -> bool:
    return stmt.effect == "Allow" and not stmt.conditional


def _on_everything(stmt: Statement) -> bool:
    return stmt.resources is not None and any(r.sym.literal == "*" for r in stmt.resources)


def _template_statements(analysis: Analysis) -> list[tuple[str, Document, Statement]]:
    out: list[tuple[str, Document, Statement]] = []
    for fn in analysis.functions:
        if not analysis.deployed(fn):
            continue
        policy = analysis.policy(fn)
        for doc in policy.documents:
            if doc.managed_name is not None:
                continue
            out.extend((fn.logical_id, doc, s) for s in doc.statements)
    return out


def _collect(items: Iterable[tuple[str, Statement, str, SymValue | None]]) -> list[Hit]:
    hits: dict[tuple[object, str], Hit] = {}
    for fn_id, stmt, detail, at in items:
        key = (stmt.loc, detail)
        hit = hits.setdefault(key, Hit(stmt, [], detail, at))
        if fn_id not in hit.functions:
            hit.functions.append(fn_id)
    return list(hits.values())


def wildcard_grants(analysis: Analysis) -> list[Hit]:
    """``Action: '*'`` or ``service:*`` on ``Resource: '*'``."""
    items: list[tuple[str, Statement, str, SymValue | None]] = []
    for fn_id, _doc, stmt in _template_statements(analysis):
        if not _unconditional_allow(stmt) or not _on_everything(stmt) or stmt.actions is None:
            continue
        for a in stmt.actions:
            text = a.sym.literal
            if text is not None and _SERVICE_STAR.match(text):
                items.append((fn_id, stmt, text, a))
                break
    return _collect(items)


def broad_managed_policies(analysis: Analysis) -> list[tuple[str, Document, str]]:
    out = []
    seen: set[tuple[str, object]] = set()
    for fn in analysis.functions:
        if not analysis.deployed(fn):
            continue
        for doc in analysis.policy(fn).documents:
            if doc.managed_name in BROAD_MANAGED and (fn.logical_id, doc.loc) not in seen:
                seen.add((fn.logical_id, doc.loc))
                out.append((fn.logical_id, doc, BROAD_MANAGED[doc.managed_name]))
    return out


def _grants(stmt: Statement, action: str) -> SymValue | None:
    """The action pattern of ``stmt`` that surely matches ``action``."""
    for a in stmt.actions or ():
        if match(a.sym, Sym.of(action), fold=True) is Tri.YES:
            return a
    return None


def passrole_on_everything(analysis: Analysis) -> list[Hit]:
    """iam:PassRole on ``*`` from a statement that does not already grant ``*`` / ``iam:*``
    (those are reported as wildcard grants)."""
    items: list[tuple[str, Statement, str, SymValue | None]] = []
    for fn_id, _doc, stmt in _template_statements(analysis):
        if not _unconditional_allow(stmt) or not _on_everything(stmt):
            continue
        if any(_SERVICE_STAR.match(a.sym.literal or "") for a in stmt.actions or ()):
            continue
        at = _grants(stmt, "iam:PassRole")
        if at is not None:
            items.append((fn_id, stmt, at.sym.literal or "iam:PassRole", at))
    return _collect(items)


def escalation_methods(analysis: Analysis) -> list[Hit]:
    """Per role: the privilege-escalation methods whose every action its template-written
    statements allow on ``*`` (wildcard grants excluded, reported on their own)."""
    methods = data.escalation_methods()
    by_fn: dict[str, list[Statement]] = {}
    for fn_id, _doc, stmt in _template_statements(analysis):
        if not _unconditional_allow(stmt) or not _on_everything(stmt):
            continue
        if any(_SERVICE_STAR.match(a.sym.literal or "") for a in stmt.actions or ()):
            continue
        by_fn.setdefault(fn_id, []).append(stmt)
    items: list[tuple[str, Statement, str, SymValue | None]] = []
    for fn_id, stmts in by_fn.items():
        found: list[str] = []
        first: Statement | None = None
        for name, actions in sorted(methods.items()):
            granting = []
            for action in actions:
                s = next((s for s in stmts if _grants(s, action) is not None), None)
                if s is None:
                    break
                granting.append(s)
            else:
                if actions == ["iam:passrole"]:
                    continue
                found.append(f"{name} ({', '.join(actions)})")
                first = first or min(granting, key=lambda s: s.loc.line)
        if found and first is not None:
            items.append((fn_id, first, "; ".join(found), None))
    return _collect(items)
