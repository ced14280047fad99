"""The effective policy of a function's execution role, from every source that attaches to it:
inline policies, AWS::IAM::Policy / RolePolicy / ManagedPolicy resources, AWS managed policies,
SAM ``Policies`` (names, ARNs, documents, policy templates) and what SAM adds to the role it
generates (``sam_role``); the permissions boundary limits the result.

A role the template does not define is unknown: nothing about it can be claimed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lambdalint.iam import data
from lambdalint.iam.evaluate import EffectivePolicy
from lambdalint.iam.policy import Document, DocumentReader, UnknownSource, from_json
from lambdalint.iam.resolve import Conditions, Resolver
from lambdalint.iam.sym import Token
from lambdalint.iam.views import FunctionView, RoleView
from lambdalint.model.refs import references
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Template

_MANAGED_ARN = re.compile(
    r"^arn:(?:aws|aws-cn|aws-us-gov|\$\{AWS::Partition\}):iam::aws:policy/(.+)$"
)


@dataclass
class Sources:
    documents: list[Document]
    unknown: list[UnknownSource]


class PolicyBuilder:
    def __init__(self, template: Template, resolver: Resolver) -> None:
        self.template = template
        self.resolver = resolver
        self.reader = DocumentReader(resolver)
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

    def policy_arn(self, node: Node, conds: Conditions, via: str) -> Sources:
        """One ManagedPolicyArns entry (or a SAM Policies string / intrinsic)."""
        out = Sources([], [])
        for value in self.resolver.values(node):
            c = (*conds, *value.conditions)
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
                r = self.managed(m.group(1), value.loc, c, via)
            elif "\0" not in literal and not literal.startswith("arn:") and literal:
                # SAM: a bare name is an AWS managed policy name.
                r = self.managed(literal, value.loc, c, via)
            else:
                r = self._template_policy(node, value.loc, c, via)
            out.documents.extend(r.documents)
            out.unknown.extend(r.unknown)
        return out

    def _template_policy(self, node: Node, loc: Location, conds: Conditions, via: str) -> Sources:
        """``!Ref MyManagedPolicy``: the document of the template's AWS::IAM::ManagedPolicy."""
        call = intrinsic(node)
        if call is not None and call[0] == "Ref" and isinstance(call[1], Scalar):
            res = self.template.resources.get(str(call[1].value))
            if res is not None and res.type == "AWS::IAM::ManagedPolicy":
                doc = self.reader.read(
                    res.prop("PolicyDocument"), f"managed policy {res.logical_id}", conds
                )
                return Sources([doc], [])
        return Sources([], [UnknownSource(f"policy ARN ({via})", loc, "not defined here")])

    # ----- SAM Policies ---------------------------------------------------------------------
    def sam_policies(self, node: Node | None, fn_id: str) -> Sources:
        out = Sources([], [])
        via = f"Policies of {fn_id}"
        for item, conds in self.resolver.items(node):
            if isinstance(item, Mapping) and intrinsic(item) is None:
                if "Statement" in item:
                    out.documents.append(self.reader.read(item, f"inline policy in {via}", conds))
                    continue
                if len(item) == 1:
                    ((name, params),) = item.items.items()
                    tpl = data.sam_policy_templates().get(name)
                    if tpl is not None:
                        out.documents.append(
                            self.template_document(name, tpl, params, item.loc, conds, via)
                        )
                        continue
                out.unknown.append(UnknownSource(via, item.loc, "not a policy SAM knows"))
                continue
            r = self.policy_arn(item, conds, via)
            out.documents.extend(r.documents)
            out.unknown.extend(r.unknown)
        return out

    def template_document(
        self,
        name: str,
        tpl: dict[str, Any],
        params: Node,
        loc: Location,
        conds: Conditions,
        via: str,
    ) -> Document:
        """A SAM policy template with the user's parameter values in place of its Refs, as SAM's
        PolicyTemplatesProcessor does (only Ref to a declared parameter is substituted)."""
        values = params.items if isinstance(params, Mapping) else {}
        declared = set(tpl.get("Parameters", {}))
        node = _to_node(
            tpl["Definition"], params.loc, {k: v for k, v in values.items() if k in declared}
        )
        return self.reader.read(node, f"SAM policy template {name} in {via}", conds)

    # ----- roles ----------------------------------------------------------------------------
    def role_documents(self, role: RoleView) -> Sources:
        out = Sources([], [])
        for item, conds in self.resolver.items(role.policies):
            if isinstance(item, Mapping) and intrinsic(item) is None:
                pname = item.get("PolicyName")
                label = pname.value if isinstance(pname, Scalar) else "?"
                out.documents.append(
                    self.reader.read(
                        item.get("PolicyDocument"),
                        f"inline policy {label} of role {role.logical_id}",
                        conds,
                    )
                )
            else:
                out.unknown.append(UnknownSource(f"Policies of {role.logical_id}", item.loc, "?"))
        for item, conds in self.resolver.items(role.managed_policy_arns):
            r = self.policy_arn(item, conds, f"ManagedPolicyArns of {role.logical_id}")
            out.documents.extend(r.documents)
            out.unknown.extend(r.unknown)
        for att in role.attached:
            conds = ((att.condition, True),) if att.condition else ()
            out.documents.append(
                self.reader.read(att.document, f"{att.resource_type} {att.logical_id}", conds)
            )
        return out

    def boundary(self, node: Node | None, owner: str) -> Sources | None:
        if node is None:
            return None
        return self.policy_arn(node, (), f"PermissionsBoundary of {owner}")

    def hidden_sources(self, role: RoleView) -> list[UnknownSource]:
        """What may attach policies to the role without this template showing them: another
        macro, SAM connectors, a nested stack or custom resource given the role, a policy whose
        Roles cannot be resolved."""
        if self._hidden is None:
            self._hidden = _template_wide_unknowns(self.template)
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
        call = intrinsic(fn.role_node) if fn.role_node is not None else None
        if call is not None and call[0] == "Fn::If":
            # One branch may be another role, an ARN from elsewhere, or SAM's generated role.
            return EffectivePolicy(known=False, reason="the function's Role is chosen by Fn::If")
        if role is None:
            where = "no Role" if fn.role_node is None else "a role defined outside this template"
            return EffectivePolicy(known=False, reason=f"the function has {where}")
        if role.generated and (
            fn.role_node is not None or role.logical_id != f"{fn.logical_id}Role"
        ):
            # Another function's generated role (``Role: !GetAtt OtherFnRole.Arn``): what SAM
            # puts in it depends on that function; not modelled here.
            return EffectivePolicy(known=False, reason="it uses another function's generated role")
        if role.generated:
            from lambdalint.iam.sam_role import generated_role_sources

            sources = generated_role_sources(self, fn)
            bound = self.boundary(role.permissions_boundary, role.logical_id)
        else:
            sources = self.role_documents(role)
            bound = self.boundary(role.permissions_boundary, role.logical_id)
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
POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::ManagedPolicy")


def _template_wide_unknowns(template: Template) -> list[UnknownSource]:
    from lambdalint.source.template import SAM_TRANSFORM, transforms

    out: list[UnknownSource] = []
    others = [t for t in transforms(template.root) if t != SAM_TRANSFORM]
    if others:
        out.append(UnknownSource(f"transform {others[0]}", template.root.loc, "may add policies"))
    for res in template.resources.values():
        if res.type == "AWS::Serverless::Connector" or "Connectors" in res.node:
            out.append(UnknownSource(f"SAM connector {res.logical_id}", res.loc, "adds policies"))
        if res.type in POLICY_TYPES:
            for key in ("Roles", "RoleName"):
                for item, _ in Resolver.items_of(res.prop(key)):
                    refs = [t for t, _ in references(item)]
                    if not any(t in template.resources for t in refs):
                        out.append(
                            UnknownSource(
                                f"{res.type} {res.logical_id}",
                                res.loc,
                                "attaches to a role by name",
                            )
                        )
    return out


def _to_node(value: Any, loc: Location, params: dict[str, Node]) -> Node:
    if isinstance(value, dict):
        if len(value) == 1 and "Ref" in value and isinstance(value["Ref"], str):
            found = params.get(value["Ref"])
            if found is not None:
                return found
        return Mapping({k: _to_node(v, loc, params) for k, v in value.items()}, loc)
    if isinstance(value, list):
        return Sequence([_to_node(v, loc, params) for v in value], loc)
    return Scalar(value, loc)
