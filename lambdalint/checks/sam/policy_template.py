"""LL034 sam-policy-entry-invalid: an entry of a SAM function's or state machine's Policies that
the SAM translator cannot turn into a policy: a policy template it does not know, a known template
without a mapping of parameter values or without one of its parameters, or an entry that is none
of the forms SAM reads (docs: rules/catalog/LL034.yaml).

SAM's semantics, in aws-sam-translator:

- samtranslator/model/resource_policies.py ``ResourcePolicies._get_type``: a string or an
  intrinsic is a managed policy, a mapping with ``Statement`` a policy document, a one-key mapping
  whose key is a template of policy_templates.json a policy template; anything else is UNKNOWN.
  ``Fn::If`` takes the type of its branches (``AWS::NoValue`` aside).
- samtranslator/plugins/policies/policy_templates_plugin.py ``_process_policy_template`` and
  policy_template_processor/template.py ``missing_parameter_values``: the template's value must
  be a mapping ("Must specify valid parameter values") holding every parameter of the template
  ("Following required parameters ... don't have values"); extra keys are dropped, not refused.
- samtranslator/model/role_utils/role_constructor.py ``construct_role_for_resource``: an UNKNOWN
  entry of a function ("Policy at index N in the 'Policies' property is not valid"). A function
  always builds its role (sam_resources.py ``SamFunction.to_cloudformation``), so this holds with
  Role set too; state machines are left out of this part (their role is built only without Role).

The template names and parameters come from rules/facts/sam_policy_templates.json, generated from
the translator's policy_templates.json (scripts/gen_iam_data.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.checks.sam._sam import FUNCTION, is_literal_absent
from lambdalint.checks.suggest import did_you_mean
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Resource

_OWNERS = (FUNCTION, "AWS::Serverless::StateMachine")
_MANAGED, _DOCUMENT, _TEMPLATE, _UNKNOWN, _NOVALUE = "managed", "doc", "template", "unknown", "-"


def _templates() -> dict[str, Any]:
    from lambdalint.iam import data  # lazy: only templates with a Policies mapping pay for it

    return data.sam_policy_templates()


def _kind(node: Node) -> str:
    """``ResourcePolicies._get_type`` for one entry that is not an ``Fn::If``."""
    call = intrinsic(node)
    if call is not None:
        ref = call[1]
        if call[0] == "Ref" and isinstance(ref, Scalar) and ref.value == "AWS::NoValue":
            return _NOVALUE
        return _MANAGED
    if isinstance(node, Scalar):
        return _MANAGED if isinstance(node.value, str) else _UNKNOWN
    if isinstance(node, Mapping):
        if "Statement" in node.items:
            return _DOCUMENT
        if len(node.items) == 1 and next(iter(node.items)) in _templates():
            return _TEMPLATE
    return _UNKNOWN


def _branches(node: Node) -> list[Node] | None:
    """The two value branches of an ``Fn::If`` entry; None for any other entry (or a malformed
    one, which LL016 reports)."""
    call = intrinsic(node)
    if call is None or call[0] != "Fn::If":
        return None
    arg = call[1]
    if not isinstance(arg, Sequence) or len(arg.items) != 3:
        return None
    return [arg.items[1], arg.items[2]]


def _template_problem(entry: Mapping) -> tuple[str, Node] | None:
    ((name, params),) = entry.items.items()
    declared = list(_templates()[name].get("Parameters") or {})
    if not isinstance(params, Mapping) or is_literal_absent(params):
        return (
            f"gives policy template {name} {_shown(params)} instead of a mapping of its "
            f"parameters ({', '.join(declared) or 'none'}); SAM requires one",
            params,
        )
    if intrinsic(params) is not None and declared:
        return (
            f"gives policy template {name} an intrinsic function instead of its parameters "
            f"{', '.join(declared)}; SAM reads the mapping as written",
            params,
        )
    missing = [p for p in declared if p not in params.items]
    if missing:
        return (
            f"gives policy template {name} no value for {', '.join(missing)}; SAM requires "
            "every parameter of the template",
            params,
        )
    return None


def _shown(node: Node) -> str:
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Scalar):
        return "nothing" if node.value is None else f"the value {node.value!r}"
    return "an intrinsic function"


def _unknown_problem(node: Node) -> str:
    if isinstance(node, Mapping) and len(node.items) == 1:
        (name,) = node.items
        return (
            f"names no policy template SAM knows ({name}{did_you_mean(name, _templates())}), "
            "and is neither a managed policy nor a policy document with Statement"
        )
    if isinstance(node, Mapping):
        return "is a mapping without Statement and not a policy template; SAM reads neither"
    return "is neither a managed policy name or ARN, a policy document nor a policy template"


def _entry_problems(res: Resource, index: int, node: Node) -> Iterator[tuple[str, Node]]:
    branches = _branches(node)
    values = branches if branches is not None else [node]
    kinds = [_kind(v) for v in values]
    real = {k for k in kinds if k != _NOVALUE}
    if branches is not None and len(real) > 1:
        yield (
            "mixes policy kinds in the branches of one Fn::If; SAM refuses that (Different "
            "policy types within the same Fn::If statement is unsupported)",
            node,
        )
        return
    for value, kind in zip(values, kinds, strict=True):
        if kind == _TEMPLATE and isinstance(value, Mapping):
            problem = _template_problem(value)
            if problem:
                yield problem
        elif kind == _UNKNOWN and res.type == FUNCTION:
            yield _unknown_problem(value), value


@check("LL034", on=None)
def sam_policy_entry_invalid(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    for res in ctx.template.resources.values():
        if res.type not in _OWNERS:
            continue
        policies = res.prop("Policies")
        if policies is None or is_literal_absent(policies) or intrinsic(policies) is not None:
            continue
        entries = policies.items if isinstance(policies, Sequence) else [policies]
        for index, entry in enumerate(entries):
            for problem, at in _entry_problems(res, index, entry):
                yield ctx.finding(
                    f"Policies entry {index} of {res.logical_id} {problem}; SAM rejects the "
                    "template",
                    at=at,
                    resource=res.logical_id,
                )
