"""The facts the LL1xx/LL2xx rules read load into typed models, and every row names a source."""

from __future__ import annotations

from datetime import date

from lambdalint.facts import limits, reserved_env_names, runtimes


def test_limits_match_the_documented_values() -> None:
    facts = limits()
    assert (facts.memory_size.min, facts.memory_size.max) == (128, 10240)
    assert facts.memory_size.upper(capacity_provider=True) == 32768
    assert (facts.timeout.min, facts.timeout.max, facts.timeout.upper(True)) == (1, 900, 5400)
    assert (facts.ephemeral_storage.min, facts.ephemeral_storage.max) == (512, 10240)
    assert facts.environment.max_bytes == 4096
    assert facts.environment.measure == "compact-json-utf8"
    assert facts.layers.max == 5
    for block in (
        facts.memory_size,
        facts.timeout,
        facts.ephemeral_storage,
        facts.environment,
        facts.layers,
    ):
        assert block.source and all(
            u.startswith("https://docs.aws.amazon.com/") for u in block.source
        )


def test_runtime_table() -> None:
    table = runtimes()
    assert len(set(table.identifiers)) == len(table.identifiers)
    python39 = table.get("python3.9")
    assert python39 is not None and python39.deprecated == date(2025, 12, 15)
    assert python39.block_create == date(2027, 2, 1)
    dotnet9 = table.get("dotnet9")
    assert dotnet9 is not None and not dotnet9.zip
    for new in ("nodejs26.x", "python3.15", "java8.al2023", "java11.al2023", "java17.al2023"):
        info = table.get(new)
        assert info is not None and info.zip and info.deprecated is None
    for row in table.runtimes:
        assert row.source and all(u.startswith("https://") for u in row.source)
        if row.block_create and row.block_update:
            assert row.block_create <= row.block_update, row.id


def test_reserved_names() -> None:
    names = reserved_env_names()
    assert {"AWS_REGION", "_HANDLER", "LAMBDA_TASK_ROOT"} <= names.reserved.names
    assert "AWS_DEFAULT_REGION" not in names.reserved.names
    assert "AWS_DEFAULT_REGION" in names.disputed.names
    assert "TZ" in names.unreserved.names and "TZ" not in names.reserved.names
