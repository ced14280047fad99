"""The effective policy of a function's execution role, from every source that attaches to it:
inline policies, AWS::IAM::Policy / RolePolicy / ManagedPolicy resources, AWS managed policies,
SAM ``Policies`` (names, ARNs, documents, policy templates) and what SAM adds to the role it
generates (built by the model: ``lambdalint/model/sam_role.py``); the permissions boundary limits
the result. Every source is read from the model's typed roles and documents.

A role the template does not define is unknown: nothing about it can be claimed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lambdalint.iam import data
from lambdalint.iam.evaluate import EffectivePolicy
from lambdalint.iam.policy import Document, DocumentReader, UnknownSource, from_json
from lambdalint.iam.resolve import Conditions, Resolver
from lambdalint.iam.sym import Token
from lambdalint.iam.views import FunctionView, RoleView
from lambdalint.model.lambda_ import Policy
from lambdalint.model.policy import PolicySource, SourceKind
from lambdalint.model.refs import references
from lambdalint.source.location import Location
from lambdalint.source.template import Template

_MANAGED_ARN = re.compile(
    r"^arn:(?:aws|aws-cn|aws-us-gov|\$\{AWS::Partition\}):iam::aws:policy/(.+)$"
)


@dataclass
class Sources:
    documents: list[Document]
    unknown: list[UnknownSource]


class PolicyBuilder:
    def __init__(
        self, template: Template, resolver: Resolver, policies: dict[str, Policy] | None = None
    ) -> None:
        self.template = template
        self.resolver = resolver
        self.reader = DocumentReader(resolver)
        # The template's AWS::IAM::Policy / ManagedPolicy / RolePolicy models, by logical id.
        self.policies = policies or {}
        self._hidden: list[UnknownSource] | None = None

    # ----- AWS managed policies -------------------------------------------------------------
    def managed(self, name: str, loc: Location, conds: Conditions, via: str) -> Sources:
        """An AWS managed policy by name (``service-role/X`` or ``X``)."""
        short = name.rsplit("/", 1)[-1]
        entry = data.managed_policies().get(short)
        if entry is None:
            reason = "not in lambdalint's managed-policy data"
            return Sources([], [UnknownSource(f"AWS managed policy {name}", loc, reason)])
        doc = from_json(entry["document"], f"AWS managed policy {short} ({via})", loc, short)
        return Sources([Document(doc.source, loc, doc.statements, doc.unknown, conds, short)], [])

    def policy_arn(self, src: PolicySource) -> Sources:
        """A policy ARN: an AWS managed policy (by ARN, or for SAM by bare name), the template's
        own ``AWS::IAM::ManagedPolicy`` (``!Ref MyPolicy``), else unknown."""
        out = Sources([], [])
        if src.arn is None:
            return out
        for value in self.resolver.candidate(src.arn):
            c = value.conditions
            literal = "".join(
                p
                if isinstance(p, str)
                else "${AWS::Partition}"
                if p == Token("pseudo", "AWS::Partition")
                else "\0"
                for p in value.sym.parts
            )
            m = _MANAGED_ARN.match(literal)
            if m and "\0" not in literal:
                r = self.managed(m.group(1), value.loc, c, src.via)
            elif "\0" not in literal and not literal.startswith("arn:") and literal:
                # SAM: a bare name is an AWS managed policy name.
                r = self.managed(literal, value.loc, c, src.via)
            else:
                r = self._template_policy(src.ref, value.loc, c, src.via)
            out.documents.extend(r.documents)
            out.unknown.extend(r.unknown)
        return out

    def _template_policy(
        self, ref: str | None, loc: Location, conds: Conditions, via: str
    ) -> Sources:
        """``!Ref MyManagedPolicy``: the document of the template's AWS::IAM::ManagedPolicy."""
        policy = self.policies.get(ref) if ref is not None else None
        if policy is not None and policy.resource_type == "AWS::IAM::ManagedPolicy":
            doc = self.reader.document(
                policy.policy_document, f"managed policy {policy.logical_id}", conds
            )
            return Sources([doc], [])
        return Sources([], [UnknownSource(f"policy ARN ({via})", loc, "not defined here")])

    # ----- roles ----------------------------------------------------------------------------
    def sources(self, sources: tuple[PolicySource, ...]) -> Sources:
        """The documents of what the model says attaches to a role (model/policy.py)."""
        out = Sources([], [])
        for src in sources:
            if src.kind is SourceKind.MANAGED:
                r = self.managed(src.name, src.loc, src.conditions, src.via)
            elif src.kind is SourceKind.ARN:
                r = self.policy_arn(src)
            elif src.kind is SourceKind.DOCUMENT:
                r = Sources([self.reader.document(src.document, src.name)], [])
            else:
                r = Sources([], [UnknownSource(src.name, src.loc, src.reason)])
            out.documents.extend(r.documents)
            out.unknown.extend(r.unknown)
        return out

    def role_documents(self, role: RoleView) -> Sources:
        out = self.sources(role.model.permissions.sources)
        for att in role.attached:
            conds = ((att.condition, True),) if att.condition else ()
            out.documents.append(
                self.reader.document(
                    att.policy.policy_document, f"{att.resource_type} {att.logical_id}", conds
                )
            )
        return out

    def boundary(self, role: RoleView) -> Sources | None:
        bound = role.model.permissions.boundary
        return self.sources(bound) if bound is not None else None

    def hidden_sources(self, role: RoleView) -> list[UnknownSource]:
        """What may attach policies to the role without this template showing them: another
        macro, SAM connectors, a nested stack or custom resource given the role, a policy whose
        Roles cannot be resolved."""
        if self._hidden is None:
            self._hidden = _template_wide_unknowns(self.template, self.policies.values())
        out = list(self._hidden)
        for res in self.template.resources.values():
            opaque = res.type.startswith("Custom::") or res.type in _OPAQUE
            if opaque and any(t == role.logical_id for t, _ in references(res.properties)):
                out.append(
                    UnknownSource(f"{res.type} {res.logical_id}", res.loc, "receives the role")
                )
        return out

    def effective(self, fn: FunctionView) -> EffectivePolicy:
        role = fn.role
        if fn.role_chosen:
            # One branch may be another role, an ARN from elsewhere, or SAM's generated role.
            return EffectivePolicy(known=False, reason="the function's Role is chosen by Fn::If")
        if role is None:
            where = "a role defined outside this template" if fn.role_written else "no Role"
            return EffectivePolicy(known=False, reason=f"the function has {where}")
        if role.generated and (fn.role_written or role.logical_id != f"{fn.logical_id}Role"):
            # Another function's generated role (``Role: !GetAtt OtherFnRole.Arn``): what SAM
            # puts in it depends on that function; not modelled here.
            return EffectivePolicy(known=False, reason="it uses another function's generated role")
        # A generated role's sources are what SAM writes into it (model/sam_role.py).
        sources = (
            self.sources(role.model.permissions.sources)
            if role.generated
            else self.role_documents(role)
        )
        bound = self.boundary(role)
        return EffectivePolicy(
            known=True,
            documents=sources.documents,
            unknown=[*sources.unknown, *self.hidden_sources(role)],
            boundary=bound.documents if bound is not None else None,
            boundary_unknown=bound.unknown if bound is not None else [],
        )


_OPAQUE = {
    "AWS::CloudFormation::Stack",
    "AWS::CloudFormation::CustomResource",
    "AWS::Serverless::Application",
}


def _template_wide_unknowns(template: Template, policies: Iterable[Policy]) -> list[UnknownSource]:
    from lambdalint.source.template import SAM_TRANSFORM, transforms

    out: list[UnknownSource] = []
    others = [t for t in transforms(template.root) if t != SAM_TRANSFORM]
    if others:
        out.append(UnknownSource(f"transform {others[0]}", template.root.loc, "may add policies"))
    for res in template.resources.values():
        if res.type == "AWS::Serverless::Connector" or "Connectors" in res.node:
            out.append(UnknownSource(f"SAM connector {res.logical_id}", res.loc, "adds policies"))
    for policy in policies:
        # Roles / RoleName naming something other than a role of this template (a name, a
        # parameter, an import): it may be the function's role.
        if any(not (t.resolved and t.node_id in template.resources) for t in policy.roles):
            out.append(
                UnknownSource(
                    f"{policy.resource_type} {policy.logical_id}",
                    policy.loc,
                    "attaches to a role by name",
                )
            )
    return out
