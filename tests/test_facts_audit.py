"""Staleness audit of the facts in rules/facts/ that are kept by hand although a machine-readable
copy exists: they must agree with that copy (the CloudFormation resource provider schema of
AWS::Lambda::Function and cfn-lint's runtime lifecycle table, both shipped in the cfn-lint wheel
of the test extras). A failure means AWS changed a fact: update the file (with its source), or
record why lambdalint deliberately differs in DELIBERATE below."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lambdalint.data import load_data

cfnlint = pytest.importorskip("cfnlint", reason="cfn-lint (test extras) is not installed")
DATA = Path(cfnlint.__file__).resolve().parent / "data"

# Where lambdalint knowingly keeps a stricter value than the schema, and why.
DELIBERATE = {
    # The schema's 32768 MB came with Lambda Managed Instances; the documented /tmp range for
    # ordinary functions is 512-10240 MB (limits.yaml ephemeral_storage source).
    "ephemeral_storage.max": 10240,
}


def _lambda_function_schema() -> dict[str, Any]:
    providers = json.loads((DATA / "schemas" / "providers" / "us-east-1.json").read_text())
    digest = providers["AWS::Lambda::Function"]
    schema: dict[str, Any] = json.loads(
        (DATA / "schemas" / "resources" / f"{digest}.json").read_text()
    )
    return schema


def test_limits_agree_with_the_lambda_function_schema() -> None:
    limits = load_data("facts/limits.yaml")
    props = _lambda_function_schema()["properties"]
    defs = _lambda_function_schema()["definitions"]
    assert limits["memory_size"]["min"] == props["MemorySize"]["minimum"]
    assert limits["memory_size"]["max_with_capacity_provider"] == props["MemorySize"]["maximum"]
    assert limits["timeout"]["min"] == props["Timeout"]["minimum"]
    assert limits["timeout"]["max_with_capacity_provider"] == props["Timeout"]["maximum"]
    assert (
        limits["ephemeral_storage"]["min"]
        == defs["EphemeralStorage"]["properties"]["Size"]["minimum"]
    )
    schema_tmp_max = defs["EphemeralStorage"]["properties"]["Size"]["maximum"]
    assert limits["ephemeral_storage"]["max"] in (
        schema_tmp_max,
        DELIBERATE["ephemeral_storage.max"],
    )
    assert limits["layers"]["max"] == props["Layers"]["maxItems"]
    assert set(limits["architectures"]["values"]) == set(props["Architectures"]["items"]["enum"])
    assert limits["architectures"]["function_items"] == props["Architectures"]["maxItems"]
    assert set(limits["package_type"]["values"]) == set(props["PackageType"]["enum"])
    assert limits["handler"]["max_length"] == props["Handler"]["maxLength"]
    assert f"^{limits['handler']['pattern']}$" == props["Handler"]["pattern"]


def test_runtime_ids_are_the_schemas() -> None:
    """Every Runtime value the schema allows is known, and every known .zip runtime is allowed."""
    ours = {r["id"]: r for r in load_data("facts/runtimes.yaml")["runtimes"]}
    schema = set(_lambda_function_schema()["properties"]["Runtime"]["enum"])
    assert schema - set(ours) == set()
    zip_only = {rid for rid, r in ours.items() if r.get("zip") is not False}
    assert zip_only - schema == set()


def test_runtime_dates_are_the_lifecycle_tables() -> None:
    table = json.loads((DATA / "AdditionalSpecs" / "LmbdRuntimeLifecycle.json").read_text())
    ours = {r["id"]: r for r in load_data("facts/runtimes.yaml")["runtimes"]}
    diffs = []
    for rid, row in table.items():
        mine = ours.get(rid, {})
        for theirs, key in (
            ("deprecated", "deprecated"),
            ("create-block", "block_create"),
            ("update-block", "block_update"),
        ):
            if key in mine.get("differs_from_cfn_lint", {}):
                continue  # a documented, sourced deviation
            if str(row.get(theirs)) != str(mine.get(key)):
                diffs.append((rid, key, row.get(theirs), mine.get(key)))
    assert diffs == []


def test_cfn_property_schemas_are_the_installed_ones() -> None:
    """rules/facts/cfn_property_schemas.json is what its generator writes from the pinned
    cfn-lint: rerun scripts/gen_cfn_property_schemas.py after upgrading it."""
    import sys

    from lintrun import REPO

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import gen_cfn_property_schemas as gen
    finally:
        sys.path.pop(0)
    shipped = json.loads(gen.OUT.read_text(encoding="utf-8"))
    assert gen.generate(None) == shipped
