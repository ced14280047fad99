"""LL015 unresolved-reference: Ref, Fn::GetAtt, Fn::Sub, DependsOn or a condition name that names
nothing in the template; CloudFormation rejects the template (docs: rules/catalog/LL015.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.source.nodes import Mapping
from lambdalint.source.references import PSEUDO_PARAMETERS, RefKind, template_references
from lambdalint.source.template import SAM_TRANSFORM, Template, transforms

# Resources SAM creates without a template entry, referenced by these logical ids (prefixes)
# (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html;
# aws-sam-translator: plugins/api/implicit_*_api_plugin.py, model/preferences/
# deployment_preference_collection.py, model/api/api_generator.py and apiv2_generator.py).
_SAM_IMPLICIT = (
    "ServerlessRestApi",
    "ServerlessHttpApi",
    "ServerlessDeploymentBucket",
    # DeploymentPreference: the CodeDeploy application and its service role.
    "ServerlessDeploymentApplication",
    "CodeDeployServiceRole",
    # Api Auth UsagePlan SHARED, and Domain Route53 record sets.
    "ServerlessUsagePlan",
    "ServerlessApiKey",
    "RecordSetGroup",
)


def _opaque(tpl: Template) -> bool:
    """Macros other than SAM (AWS::LanguageExtensions' Fn::ForEach included) can create any
    resource, so nothing can be called unresolved."""
    return any(t != SAM_TRANSFORM for t in transforms(tpl.root)) or "Fn::ForEach" in tpl.text


@check("LL015", on=None)
def unresolved_reference(graph: Any, ctx: CheckContext) -> Iterator[Finding]:
    tpl = ctx.template
    if _opaque(tpl):
        return
    params = tpl.parameters
    resources = tpl.resources
    raw = tpl.root.items.get("Resources")
    # Every entry under Resources counts, even one too broken to read (reported elsewhere).
    names = set(raw.items) if isinstance(raw, Mapping) else set()
    conditions = tpl.conditions
    sam_prefixes = tuple(r.logical_id for r in resources.values() if r.is_sam) + _SAM_IMPLICIT

    def resolves_as_resource(target: str) -> bool:
        # SAM generated ids (FnRole, FnAliaslive, ApiProdStage) start with their resource's id.
        return target in names or (tpl.is_sam and target.startswith(sam_prefixes))

    for ref in template_references(tpl):
        t = ref.target
        if ref.kind is RefKind.CONDITION:
            if t not in conditions:
                yield ctx.finding(
                    f"condition {t!r} is not defined under Conditions",
                    at=ref.node,
                    resource=ref.source,
                )
            continue
        if ref.kind is RefKind.DEPENDS_ON:
            if not resolves_as_resource(t):
                yield ctx.finding(
                    f"DependsOn names {t!r}, which is no resource in this template",
                    at=ref.node,
                    resource=ref.source,
                )
            continue
        if ref.kind is RefKind.GETATT:
            if not resolves_as_resource(t):
                what = "a parameter" if t in params else "no resource in this template"
                shown = f"{t}.{ref.attribute}" if ref.attribute else t
                yield ctx.finding(
                    f"Fn::GetAtt {shown} refers to {t!r}, which is {what}",
                    at=ref.node,
                    resource=ref.source,
                )
            continue
        if t in params or t in PSEUDO_PARAMETERS or resolves_as_resource(t):
            continue
        where = "Fn::Sub ${" + t + "}" if ref.kind is RefKind.SUB else f"Ref {t}"
        yield ctx.finding(
            f"{where} names nothing: no parameter, resource or pseudo parameter is called {t!r}",
            at=ref.node,
            resource=ref.source,
        )
