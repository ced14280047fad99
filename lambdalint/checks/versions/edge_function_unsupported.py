"""LL413 edge-function-unsupported (docs: rules/catalog/LL413.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from lambdalint.checks.versions.edge import edge_facts
from lambdalint.checks.versions.model import edge_uses
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known


@check("LL413", on=Function)
def edge_function_unsupported(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    use = next(edge_uses(ctx.graph, fn), None)
    if use is None:
        return
    facts = edge_facts()
    lead = (
        f"function {fn.logical_id} runs at the edge (distribution "
        f"{use.distribution.logical_id}), and Lambda@Edge does not support"
    )

    def found(what: str, at: object) -> Finding:
        return ctx.finding(f"{lead} {what}", at=at, resource=fn.logical_id)  # type: ignore[arg-type]

    if any(isinstance(v, Known) and v.value for v in fn.environment.written_values()):
        yield found("environment variables", fn.environment.site)
    if any(isinstance(v, Known) and v.value for v in fn.layers.written_values()):
        yield found("layers", fn.layers.site)
    if fn.vpc is not None:
        yield found("a VPC (VpcConfig)", fn.vpc.site)
    for items in fn.architectures.written_values():
        if isinstance(items, Known) and "arm64" in [
            a for item in items.value for a in item.known_values()
        ]:
            yield found(f"arm64 (only {facts['architecture']['value']})", items)
    for package in fn.package_type.written_values():
        if isinstance(package, Known) and package.value == "Image":
            yield found("container images (PackageType Image)", package)
    for concurrency in fn.provisioned_concurrency.written_values():
        yield found("provisioned concurrency", concurrency)
        break
    for alias in ctx.graph.aliases_of(fn):
        if alias.provisioned_concurrency.written and not alias.generated:
            yield found("provisioned concurrency", alias.provisioned_concurrency.site)
    for version in ctx.graph.versions_of(fn):
        if version.provisioned_concurrency.written and not version.generated:
            yield found("provisioned concurrency", version.provisioned_concurrency.site)
    limit = facts["max_ephemeral_storage_mb"]["value"]
    for size in fn.ephemeral_storage.written_values():
        if isinstance(size, Known) and size.value > limit:
            yield found(f"ephemeral storage above {limit} MB ({size.value} MB)", size)
    for mode in fn.runtime_management.written_values():
        auto = facts["runtime_management"]["value"]
        if isinstance(mode, Known) and mode.value != auto:
            yield found(f"runtime management {mode.value} (only {auto})", mode)
    families = facts["runtime_families"]["value"]
    for value in fn.runtime.written_values():
        if isinstance(value, Known) and not any(value.value.startswith(f) for f in families):
            yield found(f"runtime {value.value} (Node.js and Python only)" + value.explain(), value)
