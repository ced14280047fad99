"""Who may invoke a function: its AWS::Lambda::Permission statements, checked against the push
triggers that need them (``rules/facts/permission_requirements.yaml`` push_principals) and
against the confused-deputy and public-access advice of lambda-facts C.3."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lambdalint.iam.analysis import Analysis
from lambdalint.iam.requirements import table
from lambdalint.iam.sym import Sym, match
from lambdalint.iam.tri import Tri
from lambdalint.iam.views import FunctionView, PermissionView, TriggerView, UrlView
from lambdalint.model.values import Field

_ACCOUNT = re.compile(r"^(\d{12}|arn:[^:]+:iam::(\d{12}):.*)$")


def element_values(analysis: Analysis, element: Field[str]) -> list[Sym]:
    return [v.sym for c in element.values for v in analysis.resolver.candidate(c)]


def principal_texts(analysis: Analysis, perm: PermissionView) -> list[Sym]:
    return element_values(analysis, perm.statement.principal)


def is_service(principal: Sym) -> bool:
    text = principal.literal
    return text is not None and (text.endswith(".amazonaws.com") or text.endswith(".amazon.com"))


def grants_invoke(analysis: Analysis, perm: PermissionView, action: str) -> Tri:
    result = Tri.NO
    for value in element_values(analysis, perm.statement.action):
        result = result | match(value, Sym.of(action), fold=True)
    return result


@dataclass
class TriggerCheck:
    trigger: TriggerView
    principals: list[str]
    # The permissions for one of those principals that allow lambda:InvokeFunction.
    matching: list[PermissionView]
    # Of those, the ones whose SourceArn or qualifier surely does not fit the trigger.
    mismatched: list[tuple[PermissionView, str]]
    # Something unknown (an unresolvable permission in the template, a macro).
    unknown: bool


# The start of a mismatch that is about the qualifier alone: LL410 (versions) reports those.
QUALIFIER_MISMATCH = "it is for qualifier"


def push_principals() -> dict[str, list[str]]:
    kinds: dict[str, Any] = table()["push_principals"]["kinds"]
    return {k: list(v) for k, v in kinds.items()}


def check_triggers(analysis: Analysis, fn: FunctionView) -> list[TriggerCheck]:
    """Plain-CloudFormation push triggers of ``fn`` and the permissions that may serve them."""
    from lambdalint.iam.from_model import has_connectors, has_macros

    wanted = push_principals()
    # A permission whose function cannot be resolved may be this function's; another macro or
    # a SAM connector may write permissions the template does not show.
    unresolved = (
        any(p.function_id is None for p in analysis.permissions)
        or has_macros(analysis.template)
        or has_connectors(analysis.template)
    )
    out: list[TriggerCheck] = []
    for trig in fn.triggers:
        # Only producers written in plain CloudFormation: SAM writes the permission for its
        # function events, and what it does for other SAM resources is not modelled here.
        if trig.sam or not trig.cfn_source or trig.kind not in wanted:
            continue
        principals = wanted[trig.kind]
        matching: list[PermissionView] = []
        mismatched: list[tuple[PermissionView, str]] = []
        unknown = unresolved
        for perm in fn.permissions:
            who = principal_texts(analysis, perm)
            fits = Tri.NO
            for p in who:
                if p.literal == "*":
                    fits = Tri.YES
                for expected in principals:
                    fits = fits | match(Sym.of(expected), p)
            if fits is Tri.NO:
                continue
            invoke = grants_invoke(analysis, perm, "lambda:InvokeFunction")
            if invoke is Tri.NO:
                continue
            if fits is Tri.MAYBE or invoke is Tri.MAYBE:
                unknown = True
            matching.append(perm)
            why = _mismatch(analysis, trig, perm)
            if why:
                mismatched.append((perm, why))
        out.append(TriggerCheck(trig, principals, matching, mismatched, unknown))
    return out


def _mismatch(analysis: Analysis, trig: TriggerView, perm: PermissionView) -> str:
    """Why ``perm`` surely cannot serve ``trig`` ("" when it may)."""
    # Qualifiers are compared only when both are known texts: None may mean "unqualified" or
    # "written as an intrinsic".
    known = perm.qualifier is not None and trig.qualifier is not None
    if known and perm.qualifier != trig.qualifier:
        return f"{QUALIFIER_MISMATCH} {perm.qualifier} but the trigger invokes {trig.qualifier}"
    if not perm.statement.source_arn.written or trig.source_id is None:
        return ""
    source = analysis.resolver.arn_of(trig.source_id)
    if trig.kind in ("api", "http_api"):
        return ""  # execute-api ARNs name a stage/method/path: not composed here
    values = element_values(analysis, perm.statement.source_arn)
    if values and all(match(v, source) is Tri.NO for v in values):
        return f"its SourceArn does not match {trig.source_type or 'the source'} {trig.source_id}"
    return ""


# ----- resource-policy advice --------------------------------------------------------------------
def has_source_condition(perm: PermissionView) -> bool:
    st = perm.statement
    return st.source_arn.written or st.source_account.written or st.principal_org_id.written


def public_permissions(analysis: Analysis) -> list[PermissionView]:
    """Principal '*' with no SourceArn / SourceAccount / PrincipalOrgID, outside the function URL
    statements (those are judged with the URL's AuthType)."""
    out = []
    for perm in analysis.permissions:
        st = perm.statement
        if st.function_url_auth_type.written or st.invoked_via_function_url.written:
            continue
        if grants_invoke(analysis, perm, "lambda:InvokeFunctionUrl") is Tri.YES and (
            grants_invoke(analysis, perm, "lambda:InvokeFunction") is Tri.NO
        ):
            continue
        if any(
            p.literal == "*" for p in principal_texts(analysis, perm)
        ) and not has_source_condition(perm):
            out.append(perm)
    return out


def unscoped_service_permissions(analysis: Analysis) -> list[tuple[PermissionView, str]]:
    """A service principal with neither SourceArn nor SourceAccount (confused deputy)."""
    out = []
    for perm in analysis.permissions:
        if perm.statement.source_arn.written or perm.statement.source_account.written:
            continue
        if perm.statement.event_source_token.written:
            continue  # Alexa: the skill id is the scope
        for p in principal_texts(analysis, perm):
            if is_service(p):
                out.append((perm, p.literal or ""))
                break
    return out


def s3_without_account(analysis: Analysis) -> list[PermissionView]:
    out = []
    for perm in analysis.permissions:
        if not perm.statement.source_arn.written or perm.statement.source_account.written:
            continue
        if any(p.literal == "s3.amazonaws.com" for p in principal_texts(analysis, perm)):
            out.append(perm)
    return out


def cross_account(analysis: Analysis) -> list[tuple[PermissionView, str]]:
    out = []
    for perm in analysis.permissions:
        for p in principal_texts(analysis, perm):
            text = p.literal
            m = _ACCOUNT.match(text) if text is not None else None
            if m:
                out.append((perm, m.group(2) or m.group(1)))
                break
    return out


@dataclass
class UrlCheck:
    url: UrlView
    fn: FunctionView
    public: bool
    # CFN: which of the two public statements the resource policy lacks.
    missing: list[str]


def url_checks(analysis: Analysis) -> list[UrlCheck]:
    out = []
    for fn in analysis.functions:
        for url in fn.urls:
            if url.auth_type.only() != "NONE":
                continue
            missing: list[str] = []
            if not url.sam:
                missing = _public_url_gaps(analysis, fn)
            out.append(UrlCheck(url, fn, True, missing))
    return out


def _public_url_gaps(analysis: Analysis, fn: FunctionView) -> list[str]:
    from lambdalint.iam.from_model import has_connectors, has_macros

    if (
        has_macros(analysis.template)
        or has_connectors(analysis.template)
        or any(p.function_id is None for p in analysis.permissions)
    ):
        return []
    url_stmt = invoke_stmt = False
    for perm in fn.permissions:
        star = any(p.literal == "*" for p in principal_texts(analysis, perm))
        if not star:
            if not all(p.literal is not None for p in principal_texts(analysis, perm)):
                return []  # an unknown principal may be '*'
            continue
        if grants_invoke(analysis, perm, "lambda:InvokeFunctionUrl") is not Tri.NO:
            url_stmt = True
        if grants_invoke(analysis, perm, "lambda:InvokeFunction") is not Tri.NO and (
            perm.statement.invoked_via_function_url.written
        ):
            invoke_stmt = True
    missing = []
    if not url_stmt:
        missing.append("lambda:InvokeFunctionUrl for Principal '*' with FunctionUrlAuthType NONE")
    if not invoke_stmt:
        missing.append("lambda:InvokeFunction for Principal '*' with InvokedViaFunctionUrl: true")
    return missing
