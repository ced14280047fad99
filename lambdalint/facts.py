"""Typed, cached views of the facts files (``rules/facts/*.yaml``) the rules depend on.

Each loader validates its file once per process into frozen models, so a typo in a facts file is a
loud packaging bug rather than a silently wrong limit. Rules read limits, lifecycle dates and
reserved names from here and never hard-code them.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from lambdalint.data import load_data


class _Fact(BaseModel):
    # defer_build: the schema is built on first use, not at import (a plain check uses few of
    # these models; building them all cost ~25 ms of every cold start).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @field_validator("source", mode="before", check_fields=False)
    @classmethod
    def _sources(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Range(_Fact):
    """An inclusive numeric range with the default Lambda applies when the property is absent."""

    unit: str
    min: int
    max: int
    default: int
    # A larger maximum accepted only for Lambda Managed Instances (CapacityProviderConfig).
    max_with_capacity_provider: int | None = None
    source: tuple[str, ...]

    def upper(self, capacity_provider: bool) -> int:
        if capacity_provider and self.max_with_capacity_provider is not None:
            return self.max_with_capacity_provider
        return self.max


class EnvironmentLimits(_Fact):
    max_bytes: int
    measure: str
    key_pattern: str
    source: tuple[str, ...]

    @property
    def key_regex(self) -> re.Pattern[str]:
        return re.compile(self.key_pattern)


class LayerLimits(_Fact):
    max: int
    package_types: tuple[str, ...]
    source: tuple[str, ...]


class ArchitectureLimits(_Fact):
    values: tuple[str, ...]
    default: str
    function_items: int
    layer_max_items: int
    source: tuple[str, ...]


class PackageTypes(_Fact):
    values: tuple[str, ...]
    default: str
    source: tuple[str, ...]


class NameRule(_Fact):
    """A string property's maximum length and the pattern the whole value must match."""

    max_length: int
    pattern: str
    source: tuple[str, ...]

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class Limits(_Fact):
    memory_size: Range
    timeout: Range
    ephemeral_storage: Range
    environment: EnvironmentLimits
    layers: LayerLimits
    architectures: ArchitectureLimits
    package_type: PackageTypes
    function_name: NameRule
    handler: NameRule


class RuntimeInfo(_Fact):
    """One runtime identifier and its lifecycle; dates are None where AWS published none."""

    id: str
    deprecated: date | None = None
    block_create: date | None = None
    block_update: date | None = None
    # False for identifiers that exist only as container base images (e.g. dotnet9).
    zip: bool = True
    # Dates that deliberately differ from cfn-lint's lifecycle table, each with the reason.
    differs_from_cfn_lint: dict[str, str] = Field(default_factory=dict)
    source: tuple[str, ...]


class RuntimeTable(_Fact):
    source: tuple[str, ...]
    # The date (and name) of the primary source the lifecycle dates were checked against.
    as_of: date | None = None
    as_of_from: str = ""
    runtimes: tuple[RuntimeInfo, ...]

    _index: dict[str, RuntimeInfo] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._index.update((r.id, r) for r in self.runtimes)

    def get(self, identifier: str) -> RuntimeInfo | None:
        return self._index.get(identifier)

    @property
    def identifiers(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.runtimes)


class NameList(_Fact):
    names: frozenset[str]
    source: tuple[str, ...]


class ReservedEnvNames(_Fact):
    # Lambda refuses a configuration that sets these.
    reserved: NameList
    # Sources disagree; reported as info only.
    disputed: NameList = Field(default_factory=lambda: NameList(names=frozenset(), source=()))
    unreserved: NameList = Field(default_factory=lambda: NameList(names=frozenset(), source=()))


@lru_cache(maxsize=1)
def limits() -> Limits:
    return Limits.model_validate(load_data("facts/limits.yaml"))


@lru_cache(maxsize=1)
def runtimes() -> RuntimeTable:
    return RuntimeTable.model_validate(load_data("facts/runtimes.yaml"))


@lru_cache(maxsize=1)
def reserved_env_names() -> ReservedEnvNames:
    return ReservedEnvNames.model_validate(load_data("facts/environment.yaml"))


class Default(_Fact):
    """What AWS applies when the template is silent, and where that is documented."""

    value: Any = None
    by_kind: dict[str, Any] = Field(default_factory=dict)
    source: tuple[str, ...] = ()
    # The behaviour table's row (invocation.yaml) that holds this default instead, so the model
    # and the simulator read one number.
    row: str | None = None

    def for_kind(self, kind: str) -> Any:
        return self.by_kind.get(kind, self.value)


@lru_cache(maxsize=1)
def defaults() -> dict[str, dict[str, Default]]:
    """``defaults()["queue"]["visibility_timeout"]`` (rules/facts/defaults.yaml)."""
    out: dict[str, dict[str, Default]] = {}
    for section, rows in load_data("facts/defaults.yaml").items():
        shared = rows.get("source") if isinstance(rows, dict) else None
        out[section] = {
            name: Default.model_validate({"source": shared, **row})
            for name, row in rows.items()
            if isinstance(row, dict)
        }
    return out


def default(section: str, name: str, kind: str | None = None) -> tuple[Any, str] | None:
    """(value, source) of a default, None when AWS applies none (for that kind)."""
    row = defaults()[section][name]
    value = row.for_kind(kind) if kind is not None else row.value
    if value is None:
        return None
    return value, row.source[0] if row.source else ""


@lru_cache(maxsize=1)
def invocation_rows() -> tuple[dict[str, Any], ...]:
    """The rows of the behaviour table (rules/facts/invocation.yaml), as written; read once for
    the simulator (``semantics/table.py``) and the model's event source mapping defaults."""
    return tuple(load_data("facts/invocation.yaml")["rows"])


def esm_default(name: str, kind: str) -> tuple[Any, str] | None:
    """(value, source) of an event source mapping setting's default for a source kind, from its
    behaviour-table row: the row's ``by_source`` default for the kind, else its ``default``; a
    kind outside the row's ``applies_to`` has none. None when AWS applies none."""
    entry = defaults()["event_source_mapping"][name]
    if entry.row is None:
        return default("event_source_mapping", name, kind)
    row = next(r for r in invocation_rows() if r["id"] == entry.row)
    applies_to = row.get("applies_to")
    if applies_to and kind not in applies_to:
        return None
    value = row.get("by_source", {}).get(kind, {}).get("default", row.get("default"))
    return None if value is None else (value, row["source"][0])
