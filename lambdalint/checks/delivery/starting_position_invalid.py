"""LL509 starting-position-invalid (docs: rules/catalog/LL509.yaml): StartingPosition missing
where required, set for SQS, or AT_TIMESTAMP for DynamoDB, asked of the model's validator."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.delivery.sites import bound_triggers, trigger_site
from lambdalint.checks.delivery.variants import esm_variants
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph

ROW = "esm-starting-position"


@check("LL509")
def starting_position_invalid(graph: LambdaGraph, ctx: CheckContext) -> Iterator[Finding]:
    if not bound_triggers(ctx):
        return
    from lambdalint.semantics.config import EventSourceMapping
    from lambdalint.semantics.validate import esm_problems

    for b in bound_triggers(ctx):
        trigger = b.trigger
        if not isinstance(trigger, EventSourceMapping) or b.esm_model is None:
            continue
        label = b.label.split(" (")[0]
        if not b.esm_model.starting_position.written:
            for problem in esm_problems(trigger):
                if problem.row == ROW:
                    loc, path = trigger_site(ctx, b)
                    yield ctx.finding(
                        f"{label}: {problem.message}",
                        at=loc,
                        resource=b.fn_model.logical_id,
                        path=path,
                    )
            continue
        for cand, variant in esm_variants(b.esm_model, trigger, "StartingPosition"):
            for problem in esm_problems(variant):
                if problem.row == ROW:
                    yield ctx.finding(
                        f"{label}: {problem.message}{cand.explain()}",
                        at=cand,
                        resource=b.fn_model.logical_id,
                    )
