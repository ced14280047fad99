"""LL603 unreserved-concurrency-below-minimum and LL604 reserved-concurrency-above-account-quota
(docs: rules/catalog/LL603.yaml, LL604.yaml): the template's reserved concurrency against the
default account quota. One finding per template, at the largest reservation."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.concurrency.values import Reserved, finding_at, reserved
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.graph import LambdaGraph


def _summary(items: list[Reserved]) -> tuple[Reserved, int]:
    total = sum(r.value for r in items)
    return max(items, key=lambda r: r.value), total


@check("LL603")
def unreserved_concurrency_below_minimum(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    items = reserved(ctx)
    if not items:
        return
    from lambdalint.semantics.concurrency import account_quota, leaves_too_little_unreserved

    if leaves_too_little_unreserved(r.value for r in items):
        top, total = _summary(items)
        yield finding_at(
            ctx,
            f"the template reserves {total} concurrent executions in all; in an account with the "
            f"default quota of {account_quota()} that leaves {account_quota() - total}, below the "
            "100 Lambda keeps unreserved, so the deployment fails unless the quota was raised",
            top.site,
            top.fn.logical_id,
        )


@check("LL604")
def reserved_concurrency_above_account_quota(
    graph: LambdaGraph, ctx: CheckContext
) -> Iterator[Finding]:
    items = reserved(ctx)
    if not items:
        return
    from lambdalint.semantics.concurrency import account_quota, reserved_total_above_quota

    if reserved_total_above_quota(r.value for r in items):
        top, total = _summary(items)
        yield finding_at(
            ctx,
            f"the template reserves {total} concurrent executions in all, above the default "
            f"account quota of {account_quota()}; the deployment fails unless the account's "
            "quota was raised",
            top.site,
            top.fn.logical_id,
        )
