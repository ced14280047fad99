"""LL204 image-function-sets-runtime-or-handler (docs: rules/catalog/LL204.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.package import is_image
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Invalid, Known

_ADVICE = {
    "Runtime": "the image's base brings the runtime, so remove Runtime",
    "Handler": "set the entry point with ImageConfig.Command instead",
}


@check("LL204", on=Function, group=True)
def image_function_sets_runtime_or_handler(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    if not is_image(fn):
        return
    for name, field in (("Runtime", fn.runtime), ("Handler", fn.handler)):
        # An empty string sets nothing (SAM tests truthiness), so it is not reported.
        if not any(
            (isinstance(v, Known) and v.value != "") or isinstance(v, Invalid)
            for v in field.written_values()
        ):
            continue
        # SAM merges Globals into every AWS::Serverless::Function, image ones included, and
        # then refuses them ("Runtime, Handler, Layers cannot be present when PackageType is
        # of type Image"), unless the function's IgnoreGlobals names the property (the merge
        # in source/globals.py honours it, so such a value never gets here).
        advice = _ADVICE[name]
        if field.site.path[:1] == ("Globals",):
            advice += (
                f" (it comes from Globals: move it to the .zip functions or add "
                f"IgnoreGlobals: [{name}] to the image function)"
            )
        # Reported once per property, at its value (a Globals one is shared by the functions).
        site = field.site
        yield ctx.finding(
            f"{name} is set on container image (PackageType Image) {FUNCTIONS}; "
            f"Lambda rejects it for container images: {advice}",
            at=site.value or site.loc,
            resource=fn.logical_id,
            path=site.path,
        )
