"""IAM policy documents as typed, located statements, and the policies attached to a role.

A document is split into statements through ``Fn::If`` (each statement carries the condition
outcomes it exists under); each element (Effect, Action, Resource, Principal, Condition...) is a
``Field`` of candidates, one per list member and ``Fn::If`` branch. A literal is ``Known``; an
intrinsic that names a resource, a parameter or a pseudo parameter is ``Unknown`` with the
written expression kept as its ``node`` (``SYMBOLIC``), so the IAM evaluator can compare ARNs
symbolically (``!GetAtt Q.Arn`` is the same ARN as a ``!Sub`` of its parts); any other
intrinsic is evaluated here. Nothing here decides anything: ``lambdalint.iam`` does.
Element semantics: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from lambdalint.model.values import Candidate, Conditions, Field, Invalid, Known, Site, Unknown
from lambdalint.source.intrinsics import NO_VALUE, Evaluator
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Path, Scalar, Sequence, intrinsic
from lambdalint.source.template import Resource

# The Unknown reason of an element the IAM evaluator resolves symbolically from its node.
SYMBOLIC = "names a resource, parameter or pseudo parameter"
NOT_A_VALUE = "not a single value"
# Intrinsics the IAM evaluator reads itself (it composes resource ARNs from their parts).
_SYMBOLIC_CALLS = frozenset({"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If"})
_MAX_DEPTH = 20


@dataclass(frozen=True, slots=True)
class Statement:
    loc: Location
    path: Path
    # Template conditions (Fn::If outcomes) the statement exists under.
    conditions: Conditions
    effect: Field[str]
    sid: Field[str]
    # None: the element is absent. Exactly one of actions / not_actions is normally set.
    actions: Field[str] | None = None
    not_actions: Field[str] | None = None
    resources: Field[str] | None = None
    not_resources: Field[str] | None = None
    # ``Service:lambda.amazonaws.com``, ``AWS:arn:...``, or ``*``.
    principals: Field[str] | None = None
    not_principals: Field[str] | None = None
    # The condition operators (``StringEquals``...), each located where it is written.
    condition: Field[str] | None = None


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    loc: Location
    path: Path
    conditions: Conditions = ()
    statements: tuple[Statement, ...] = ()
    # Some of it cannot be read statically (an intrinsic standing for the document or one of
    # its statements, a document without Statement): it may say anything.
    unknown: bool = False


class SourceKind(str, Enum):
    """How a policy reaches a role."""

    DOCUMENT = "document"  # an inline document (Policies entry, SAM statement, policy template)
    MANAGED = "managed"  # an AWS managed policy by name
    ARN = "arn"  # a policy ARN or SAM Policies string the IAM evaluator resolves
    UNKNOWN = "unknown"  # attached, but its content cannot be known here


@dataclass(frozen=True, slots=True)
class PolicySource:
    """One policy attached to a role, named as the template or SAM names it."""

    kind: SourceKind
    loc: Location
    # How it got there, for messages: ``Policies of Fn``, ``added by SAM: Tracing``.
    via: str
    conditions: Conditions = ()
    # DOCUMENT: what kind of document (``inline policy P of role R``, ``SAM policy template X in
    # Policies of Fn``, ``DeadLetterQueuePolicy (added by SAM)``); MANAGED: the policy name
    # (``service-role/AWSLambdaBasicExecutionRole``); UNKNOWN: what it is.
    name: str = ""
    document: PolicyDocument | None = None
    # ARN: the candidate as written (a literal or a symbolic intrinsic), and the logical id a
    # ``Ref`` names (a template ``AWS::IAM::ManagedPolicy``'s Ref is its ARN).
    arn: Candidate[str] | None = None
    ref: str | None = None
    # UNKNOWN: why it cannot be known.
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RolePolicies:
    """What a role's permissions are made of: its policies, and the permissions boundary (None
    when the role has none)."""

    sources: tuple[PolicySource, ...]
    boundary: tuple[PolicySource, ...] | None = None


# ----- reading ---------------------------------------------------------------------------------
Split = list[tuple[Node, Conditions, Path]]


def structures(ev: Evaluator, node: Node | None, path: Path = (), depth: int = 0) -> Split:
    """The values ``node`` may be through ``Fn::If`` (an ``AWS::NoValue`` branch drops out)."""
    if node is None or depth > _MAX_DEPTH:
        return []
    call = intrinsic(node)
    if call is not None and call[0] == "Ref":
        arg = call[1]
        if isinstance(arg, Scalar) and arg.value == "AWS::NoValue":
            return []
    if call is None or call[0] != "Fn::If":
        return [(node, (), path)]
    arg = call[1]
    if not isinstance(arg, Sequence) or len(arg.items) != 3:
        return [(node, (), path)]
    cond = ev.value(arg.items[0])
    if not isinstance(cond, str):
        return [(node, (), path)]
    outcome = ev.condition(cond)
    here = (*path, "Fn::If")
    if outcome is not None:
        i = 1 if outcome else 2
        return structures(ev, arg.items[i], (*here, i), depth + 1)
    out: Split = []
    for flag, i in ((True, 1), (False, 2)):
        out.extend(
            (v, ((cond, flag), *c), p)
            for v, c, p in structures(ev, arg.items[i], (*here, i), depth + 1)
        )
    return out


def items(ev: Evaluator, node: Node | None, path: Path = ()) -> Split:
    """A list's members (a single value is a one-member list), through ``Fn::If``."""
    out: Split = []
    for value, conds, p in structures(ev, node, path):
        if isinstance(value, Sequence):
            for i, item in enumerate(value.items):
                out.extend((v, conds + c, q) for v, c, q in structures(ev, item, (*p, i)))
        else:
            out.append((value, conds, p))
    return out


def leaf(ev: Evaluator, node: Node, conds: Conditions) -> list[Candidate[str]]:
    """The candidates of one element value (one list member, one ``Fn::If`` branch)."""
    if isinstance(node, Scalar):
        v = node.value
        if isinstance(v, bool) or v is None:
            return [Invalid(v, node.loc, conds, node=node)]
        return [Known(str(v), node.loc, conds, node=node)]
    call = intrinsic(node)
    if call is None:
        return [Unknown(NOT_A_VALUE, node.loc, conds, node=node)]
    if call[0] in _SYMBOLIC_CALLS:
        return [Unknown(SYMBOLIC, node.loc, conds, node=node)]
    out: list[Candidate[str]] = []
    for c in ev.candidates(node):
        both = (*conds, *c.conditions)
        if c.value is NO_VALUE:
            continue
        if isinstance(c.value, (str, int)) and not isinstance(c.value, bool):
            out.append(Known(str(c.value), c.loc, both, c.via, node))
        else:
            out.append(Unknown("not known statically", c.loc, both, c.via))
    return out


def element(ev: Evaluator, parent: Mapping, key: str, path: Path, listed: bool) -> Field[str]:
    """Element ``key`` of ``parent``: a list's members (``listed``) or one value."""
    node = parent.get(key)
    here = (*path, key)
    site = Site(parent.key_loc(key), here, node.loc if node is not None else None)
    if node is None:
        return Field((), False, site)
    split = items(ev, node, here) if listed else structures(ev, node, here)
    values = [c for n, conds, _ in split for c in leaf(ev, n, conds)]
    return Field(tuple(values), True, site)


def _optional(ev: Evaluator, stmt: Mapping, key: str, path: Path) -> Field[str] | None:
    return element(ev, stmt, key, path, True) if key in stmt.items else None


def _principals(ev: Evaluator, stmt: Mapping, key: str, path: Path) -> Field[str] | None:
    node = stmt.get(key)
    if node is None:
        return None
    here = (*path, key)
    site = Site(stmt.key_loc(key), here, node.loc)
    values: list[Candidate[str]] = []
    for value, conds, p in structures(ev, node, here):
        if isinstance(value, Mapping) and intrinsic(value) is None:
            for kind in value.items:
                for c in element(ev, value, kind, p, True).values:
                    values.append(
                        Known(f"{kind}:{c.value}", c.loc, (*conds, *c.conditions), node=c.node)
                        if isinstance(c, Known)
                        else c
                    )
        else:
            values.extend(leaf(ev, value, conds))
    return Field(tuple(values), True, site)


def _condition(stmt: Mapping, path: Path) -> Field[str] | None:
    node = stmt.get("Condition")
    if node is None:
        return None
    site = Site(stmt.key_loc("Condition"), (*path, "Condition"), node.loc)
    if isinstance(node, Mapping) and intrinsic(node) is None:
        ops = tuple(Known(op, node.key_loc(op), node=v) for op, v in node.items.items())
        return Field(ops or (Unknown(NOT_A_VALUE, node.loc, node=node),), True, site)
    return Field((Unknown(NOT_A_VALUE, node.loc, node=node),), True, site)


def statement(ev: Evaluator, node: Node, conds: Conditions, path: Path) -> Statement | None:
    """One statement; None when it is not a statement mapping (an intrinsic, a string)."""
    if not isinstance(node, Mapping) or intrinsic(node) is not None:
        return None
    sid = node.get("Sid")
    sid_site = Site(node.key_loc("Sid"), (*path, "Sid"), sid.loc if sid is not None else None)
    sid_values: tuple[Candidate[str], ...] = (
        (Known(sid.value, sid.loc, node=sid),)
        if isinstance(sid, Scalar) and isinstance(sid.value, str)
        else ()
    )
    return Statement(
        loc=node.loc,
        path=path,
        conditions=conds,
        effect=element(ev, node, "Effect", path, False),
        sid=Field(sid_values, sid is not None, sid_site),
        actions=_optional(ev, node, "Action", path),
        not_actions=_optional(ev, node, "NotAction", path),
        resources=_optional(ev, node, "Resource", path),
        not_resources=_optional(ev, node, "NotResource", path),
        principals=_principals(ev, node, "Principal", path),
        not_principals=_principals(ev, node, "NotPrincipal", path),
        condition=_condition(node, path),
    )


def read_document(
    ev: Evaluator, node: Node | None, path: Path = (), conditions: Conditions = ()
) -> PolicyDocument:
    """A ``PolicyDocument`` value: a mapping with ``Statement``, or an ``Fn::If`` of them."""
    loc = node.loc if node is not None else Location.point("?")
    stmts: list[Statement] = []
    unknown = node is None
    for doc, conds, p in structures(ev, node, path):
        if not isinstance(doc, Mapping) or intrinsic(doc) is not None:
            unknown = True
            continue
        body = doc.get("Statement")
        if body is None:
            unknown = True
            continue
        for item, c, q in items(ev, body, (*p, "Statement")):
            stmt = statement(ev, item, (*conditions, *conds, *c), q)
            if stmt is None:
                unknown = True
            else:
                stmts.append(stmt)
    return PolicyDocument(loc, path, conditions, tuple(stmts), unknown)


# ----- what attaches to a role -------------------------------------------------------------
def policy_arns(ev: Evaluator, node: Node, conds: Conditions, via: str) -> list[PolicySource]:
    """A policy ARN (a ManagedPolicyArns entry, a SAM Policies string, a PermissionsBoundary):
    one source per value it can take; the IAM evaluator tells AWS managed policies (by ARN or,
    for SAM, by bare name) from the template's own ``AWS::IAM::ManagedPolicy``."""
    call = intrinsic(node)
    arg = call[1] if call is not None and call[0] == "Ref" else None
    ref = arg.value if isinstance(arg, Scalar) and isinstance(arg.value, str) else None
    return [
        PolicySource(SourceKind.ARN, c.loc, via, c.conditions, arn=c, ref=ref)
        for c in leaf(ev, node, conds)
    ]


def boundary(ev: Evaluator, node: Node | None, owner: str) -> tuple[PolicySource, ...] | None:
    """The role's PermissionsBoundary (None: it has none)."""
    if node is None:
        return None
    via = f"PermissionsBoundary of {owner}"
    return tuple(s for v, c, _ in structures(ev, node) for s in policy_arns(ev, v, c, via))


def role_policies(ev: Evaluator, role_id: str, props: Mapping) -> RolePolicies:
    """An ``AWS::IAM::Role``'s own policies: inline ``Policies`` and ``ManagedPolicyArns``
    (policies attached by other resources are the graph's to find)."""
    out: list[PolicySource] = []
    base = ("Resources", role_id, "Properties")
    via = f"Policies of {role_id}"
    for item, conds, path in items(ev, props.get("Policies"), (*base, "Policies")):
        if isinstance(item, Mapping) and intrinsic(item) is None:
            pname = item.get("PolicyName")
            label = pname.value if isinstance(pname, Scalar) else "?"
            node = item.get("PolicyDocument")
            doc = read_document(ev, node, (*path, "PolicyDocument"), conds)
            name = f"inline policy {label} of role {role_id}"
            out.append(PolicySource(SourceKind.DOCUMENT, item.loc, via, conds, name, doc))
        else:
            out.append(PolicySource(SourceKind.UNKNOWN, item.loc, via, conds, via, reason="?"))
    arns = props.get("ManagedPolicyArns")
    for item, conds, _ in items(ev, arns, (*base, "ManagedPolicyArns")):
        out.extend(policy_arns(ev, item, conds, f"ManagedPolicyArns of {role_id}"))
    return RolePolicies(tuple(out), boundary(ev, props.get("PermissionsBoundary"), role_id))


def trust_policy(ev: Evaluator, res: Resource, sam_default: bool) -> PolicyDocument | None:
    """The role's AssumeRolePolicyDocument; for SAM's generated role, when it is absent, the one
    SAM writes: Lambda may assume the role (``IAMRolePolicies.lambda_assume_role_policy``)."""
    node = res.properties.get("AssumeRolePolicyDocument")
    if node is not None:
        path = ("Resources", res.logical_id, "Properties", "AssumeRolePolicyDocument")
        return read_document(ev, node, path)
    if not sam_default:
        return None
    loc = res.loc
    service = Mapping({"Service": Sequence([Scalar("lambda.amazonaws.com", loc)], loc)}, loc)
    stmt = Mapping(
        {
            "Action": Sequence([Scalar("sts:AssumeRole", loc)], loc),
            "Effect": Scalar("Allow", loc),
            "Principal": service,
        },
        loc,
    )
    return read_document(ev, Mapping({"Statement": Sequence([stmt], loc)}, loc))


# ----- resource-based policy statements ----------------------------------------------------
_PERMISSION_KEYS = (
    "Action",
    "Principal",
    "SourceArn",
    "SourceAccount",
    "PrincipalOrgID",
    "EventSourceToken",
    "FunctionUrlAuthType",
    "InvokedViaFunctionUrl",
)


@dataclass(frozen=True, slots=True)
class PermissionStatement:
    """The statement Lambda adds to the function's resource-based policy for one
    ``AWS::Lambda::Permission``: each element's candidates read as in a policy document (an
    intrinsic naming a resource stays ``SYMBOLIC``), ``written`` telling whether it is set."""

    action: Field[str]
    principal: Field[str]
    source_arn: Field[str]
    source_account: Field[str]
    principal_org_id: Field[str]
    event_source_token: Field[str]
    function_url_auth_type: Field[str]
    invoked_via_function_url: Field[str]


def permission_statement(ev: Evaluator, logical_id: str, props: Mapping) -> PermissionStatement:
    path = ("Resources", logical_id, "Properties")
    return PermissionStatement(*(element(ev, props, k, path, False) for k in _PERMISSION_KEYS))
