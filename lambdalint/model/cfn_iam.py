"""Plain CloudFormation IAM resources -> models: roles and the policies attached to them.

The documents themselves are typed on first use (``model/policy.py`` through ``deferred.py``),
so a check that never asks about permissions never reads them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from lambdalint.model.base import Model
from lambdalint.model.deferred import policy_document, role_policies, trust_policy
from lambdalint.model.lambda_ import Policy, Role
from lambdalint.model.parts import Norm, item_targets, origin, trusted_services
from lambdalint.model.read import anything, text
from lambdalint.source.template import Resource

Reader = Callable[[Norm, Resource], Iterator[Model]]


def _role(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    yield Role(
        **origin(res),
        assume_role_policy=r.prop("AssumeRolePolicyDocument", anything),
        managed_policy_arns=r.prop(
            "ManagedPolicyArns", r.list_of(text, r.site("ManagedPolicyArns"))
        ),
        policies=r.prop("Policies", anything),
        permissions_boundary=r.prop("PermissionsBoundary", text),
        trusted_services=trusted_services(
            norm,
            r,
            res.properties.get("AssumeRolePolicyDocument"),
            r.site("AssumeRolePolicyDocument"),
            None,
        ),
        read_policies=partial(role_policies, norm.evaluator, res.logical_id, res.properties),
        read_trust=partial(trust_policy, norm.evaluator, res, False),
    )


def _policy(norm: Norm, res: Resource) -> Iterator[Model]:
    r = norm.reader(res)
    p = res.properties
    roles = item_targets(norm, p.get("Roles")) + norm.targets(p.get("RoleName"))
    path = ("Resources", res.logical_id, "Properties", "PolicyDocument")
    yield Policy(
        **origin(res),
        document=r.prop("PolicyDocument", anything),
        roles=roles,
        read_document=partial(policy_document, norm.evaluator, p.get("PolicyDocument"), path),
    )


READERS: dict[str, Reader] = {
    "AWS::IAM::Role": _role,
    "AWS::IAM::Policy": _policy,
    "AWS::IAM::ManagedPolicy": _policy,
    "AWS::IAM::RolePolicy": _policy,
}
