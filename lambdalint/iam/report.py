"""``lambdalint permissions``: per function, its role and where each grant comes from, what it
needs and why, the gap, and who may invoke it. Text for a terminal, JSON for scripts."""

from __future__ import annotations

import json
from typing import Any

from lambdalint.iam.analysis import Analysis
from lambdalint.iam.resource_policy import check_triggers, element_values, principal_texts
from lambdalint.iam.tri import Answer
from lambdalint.iam.views import FunctionView


def _role(fn: FunctionView, a: Analysis) -> dict[str, Any]:
    pol = a.policy(fn)
    if fn.role is None:
        return {"role": None, "known": False, "reason": pol.reason}
    out: dict[str, Any] = {
        "role": fn.role.logical_id,
        "generated_by_sam": fn.role.generated,
        "known": pol.known,
        "sources": [
            {
                "source": d.source,
                "line": d.loc.line,
                "statements": [
                    {
                        "line": s.loc.line,
                        "effect": s.effect,
                        "actions": [str(v.sym) for v in s.actions or ()],
                        "not_actions": [str(v.sym) for v in s.not_actions or ()],
                        "resources": [str(v.sym) for v in s.resources or ()],
                        "not_resources": [str(v.sym) for v in s.not_resources or ()],
                        "conditional": s.conditional,
                    }
                    for s in d.statements
                ],
            }
            for d in pol.documents
        ],
        "unknown_sources": [
            {"source": u.source, "line": u.loc.line, "reason": u.reason} for u in pol.unknown
        ],
    }
    if pol.boundary is not None:
        out["permissions_boundary"] = [d.source for d in pol.boundary]
    return out


def _needs(fn: FunctionView, a: Analysis) -> list[dict[str, Any]]:
    out = []
    for need in a.needs(fn):
        actions = []
        for group in need.groups:
            for action in group:
                d = need.decisions[action]
                actions.append(
                    {
                        "action": action,
                        "answer": d.answer.value,
                        "by": [f"line {s.loc.line}: {s.source}" for s in d.deciding],
                    }
                )
        out.append(
            {
                "feature": need.feature,
                "why": need.why,
                "resource": need.resource_label,
                "severity": need.severity,
                "actions": actions,
                "missing": need.missing(),
                "fix": need.fix if need.missing() else "",
            }
        )
    return out


def _invokers(fn: FunctionView, a: Analysis) -> dict[str, Any]:
    perms = [
        {
            "permission": p.logical_id,
            "line": p.loc.line,
            "principal": [str(s) for s in principal_texts(a, p)],
            "action": [str(s) for s in element_values(a, p.statement.action)],
            "source_arn": [str(s) for s in element_values(a, p.statement.source_arn)],
            "qualifier": p.qualifier,
        }
        for p in fn.permissions
    ]
    triggers = [
        {
            "trigger": c.trigger.logical_id,
            "kind": c.trigger.kind,
            "source": c.trigger.source_id,
            "needs_principal": c.principals,
            "served_by": [p.logical_id for p in c.matching],
            "status": "unknown"
            if c.unknown
            else "missing"
            if not c.matching
            else "mismatch"
            if len(c.mismatched) == len(c.matching)
            else "ok",
        }
        for c in check_triggers(a, fn)
    ]
    sam = [t.logical_id for t in fn.triggers if t.sam]
    return {"permissions": perms, "push_triggers": triggers, "sam_events_with_permission": sam}


def report(a: Analysis, only: str | None = None) -> list[dict[str, Any]]:
    out = []
    for fn in a.functions:
        if only is not None and fn.logical_id != only:
            continue
        out.append(
            {
                "function": fn.logical_id,
                "line": fn.loc.line,
                "dialect": fn.dialect,
                "execution_role": _role(fn, a),
                "needs": _needs(fn, a),
                "invoked_by": _invokers(fn, a),
            }
        )
    return out


def as_json(data: list[dict[str, Any]]) -> str:
    return json.dumps({"functions": data}, indent=2)


_MARK = {
    Answer.YES.value: "ok",
    Answer.CONDITIONAL.value: "conditional",
    Answer.UNKNOWN.value: "unknown",
    Answer.NO.value: "MISSING",
}


def as_text(data: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for f in data:
        lines.append(f"function {f['function']} (line {f['line']}, {f['dialect']})")
        r = f["execution_role"]
        if r["role"] is None or not r["known"]:
            lines.append(f"  role: unknown ({r.get('reason', '')}): no permission is claimed")
        else:
            kind = " (generated by SAM)" if r["generated_by_sam"] else ""
            lines.append(f"  role: {r['role']}{kind}")
            for src in r["sources"]:
                lines.append(f"    - {src['source']} (line {src['line']})")
                for s in src["statements"]:
                    acts = ", ".join(s["actions"] or [f"NOT {a}" for a in s["not_actions"]])
                    res = ", ".join(s["resources"] or [f"NOT {x}" for x in s["not_resources"]])
                    cond = " [conditional]" if s["conditional"] else ""
                    lines.append(f"        line {s['line']}: {s['effect']} {acts} on {res}{cond}")
            for u in r["unknown_sources"]:
                lines.append(f"    - {u['source']} (line {u['line']}): unknown, {u['reason']}")
            if "permissions_boundary" in r:
                lines.append(f"    boundary: {', '.join(r['permissions_boundary'])}")
        if f["needs"]:
            lines.append("  needs:")
            for n in f["needs"]:
                lines.append(f"    - {n['why']} -> {n['resource']}")
                for act in n["actions"]:
                    by = f" ({act['by'][0]})" if act["by"] else ""
                    lines.append(f"        {act['action']}: {_MARK[act['answer']]}{by}")
                if n["missing"]:
                    lines.append(f"        gap: {', '.join(n['missing'])}; fix: {n['fix']}")
        inv = f["invoked_by"]
        if inv["permissions"] or inv["push_triggers"] or inv["sam_events_with_permission"]:
            lines.append("  invoked by:")
            for p in inv["permissions"]:
                src = f" from {', '.join(p['source_arn'])}" if p["source_arn"] else ""
                lines.append(
                    f"    - {p['permission']} (line {p['line']}): {', '.join(p['principal'])}"
                    f" may {', '.join(p['action'])}{src}"
                )
            for t in inv["push_triggers"]:
                lines.append(
                    f"    - trigger {t['trigger']} ({t['kind']}): permission {t['status']}"
                )
            for t in inv["sam_events_with_permission"]:
                lines.append(f"    - SAM event {t}: SAM writes its permission")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
