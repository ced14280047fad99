"""What the normalizers hand to models as their attributes read on first use (``values.Lazy``):
each function imports the module that reads it on its first call, so building the graph for a
plain ``check`` imports no policy or grant code (``policy.py``, ``sam_role.py``, ``grants.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lambdalint.model.grants import DestinationGrant, EsmGrants, FunctionGrants
    from lambdalint.model.policy import (
        PermissionStatement,
        PolicyDocument,
        RolePolicies,
    )
    from lambdalint.source.intrinsics import Evaluator
    from lambdalint.source.nodes import Mapping, Node, Path
    from lambdalint.source.template import Resource, Template


def role_policies(ev: Evaluator, role_id: str, props: Mapping) -> RolePolicies:
    from lambdalint.model.policy import role_policies as read

    return read(ev, role_id, props)


def generated_role(ev: Evaluator, res: Resource, role_id: str) -> RolePolicies:
    from lambdalint.model.sam_role import generated_role as read

    return read(ev, res, role_id)


def trust_policy(ev: Evaluator, res: Resource, sam_default: bool) -> PolicyDocument | None:
    from lambdalint.model.policy import trust_policy as read

    return read(ev, res, sam_default)


def policy_document(ev: Evaluator, node: Node | None, path: Path) -> PolicyDocument:
    from lambdalint.model.policy import read_document

    return read_document(ev, node, path)


def permission_statement(ev: Evaluator, logical_id: str, props: Mapping) -> PermissionStatement:
    from lambdalint.model.policy import permission_statement as read

    return read(ev, logical_id, props)


def function_grants(ev: Evaluator, res: Resource) -> FunctionGrants:
    from lambdalint.model.grants import function_grants as read

    return read(ev, res)


def esm_grants(
    ev: Evaluator, template: Template, props: Mapping, sam: bool, source_id: str | None, sqs: bool
) -> EsmGrants:
    from lambdalint.model.grants import esm_grants as read

    return read(ev, template, props, sam, source_id, sqs)


def destinations(ev: Evaluator, config: Node | None, path: Path) -> tuple[DestinationGrant, ...]:
    from lambdalint.model.grants import destinations as read

    return read(ev, config, path)


def no_destinations() -> tuple[DestinationGrant, ...]:
    """SAM's invoke config: what it names is in its function's grants."""
    return ()
