"""LL225 snapstart-unsupported (docs: rules/catalog/LL225.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from lambdalint.checks.runtime.runtimes import runtime_values
from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Alias, Function, Version
from lambdalint.model.values import Known
from lambdalint.source.nodes import Sequence

# java21, java11.al2023, python3.12, dotnet8 -> (family, version); dotnetcore3.1 is not "dotnet".
_RUNTIME = re.compile(r"^(java|python|dotnet)(\d+(?:\.\d+)?)(?:\.[a-z0-9]+)?$")


@cache
def _facts() -> dict[str, Any]:
    facts: dict[str, Any] = load_data("facts/snapstart.yaml")
    return facts


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def supported(runtime: str) -> bool:
    m = _RUNTIME.match(runtime)
    if m is None:
        return False
    minimum = _facts()["minimum_versions"].get(m.group(1))
    return minimum is not None and _version(m.group(2)) >= _version(str(minimum))


def _snapstart_on(fn: Function) -> list[Known[str]]:
    enabled = set(_facts()["enabled"])
    return [
        v for v in fn.snap_start.written_values() if isinstance(v, Known) and v.value in enabled
    ]


@check("LL225", on=Function, group=True)
def snapstart_unsupported(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    on = _snapstart_on(fn)
    if not on:
        return
    for rt in runtime_values(fn):
        if not supported(rt.value):
            yield ctx.finding(
                f"SnapStart is on for {FUNCTIONS}, but runtime {rt.value} does not support it "
                "(Java 11+, Python 3.12+ and .NET 8+ only): Lambda rejects the configuration"
                + rt.explain(),
                at=rt,
                resource=fn.logical_id,
            )
    limit = int(_facts()["max_ephemeral_storage_mb"])
    for size in fn.ephemeral_storage.written_values():
        if isinstance(size, Known) and isinstance(size.value, int) and size.value > limit:
            yield ctx.finding(
                f"SnapStart is on for {FUNCTIONS}, which cannot use ephemeral storage above "
                f"{limit} MB ({size.value} MB)" + size.explain(),
                at=size,
                resource=fn.logical_id,
            )
    if any(
        isinstance(v, Known) and isinstance(v.value, Sequence) and v.value.items
        for v in fn.file_systems.written_values()
    ):
        yield ctx.finding(
            f"SnapStart is on for {FUNCTIONS}, which cannot mount a file system "
            "(FileSystemConfigs): SnapStart does not support Amazon EFS",
            at=fn.file_systems.site,
            resource=fn.logical_id,
            path=fn.file_systems.site.path,
        )
    for pc in fn.provisioned_concurrency.written_values():
        yield ctx.finding(
            f"SnapStart is on for {FUNCTIONS}, which also sets provisioned concurrency: a "
            "version cannot have both" + pc.explain(),
            at=pc,
            resource=fn.logical_id,
        )
    # A SAM function's ProvisionedConcurrencyConfig is on its generated alias: reported above.
    owners: list[Alias | Version] = [*ctx.graph.objects(Alias), *ctx.graph.objects(Version)]
    for owner in owners:
        config = owner.provisioned_concurrency
        if owner.function_id == fn.logical_id and config.written and not owner.generated:
            yield _pc(ctx, fn, config.site, owner.logical_id)


def _pc(ctx: CheckContext, fn: Function, site: Any, owner: str) -> Finding:
    return ctx.finding(
        f"SnapStart is on for {FUNCTIONS}, and {owner} sets provisioned concurrency on it: a "
        "version cannot have both",
        at=site,
        resource=fn.logical_id,
        path=site.path,
    )
