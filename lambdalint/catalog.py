"""The rule catalog (``rules/catalog/LLnnn.yaml``) as typed, frozen entries.

The catalog is the single source of a rule's name, severity and documentation: ``lambdalint
rules``, ``lambdalint explain``, the SARIF rule metadata and the severity a check's findings get
all read it from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lambdalint.data import load_data, rules_dir
from lambdalint.severity import Severity

# Where a rule's documentation is browsable; stable as long as the catalog keeps its layout.
HELP_URI = "https://github.com/lambdalint/lambdalint/blob/main/rules/catalog/{id}.yaml"
_ID = re.compile(r"^LL[0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RuleDoc(BaseModel):
    # defer_build: the schema is built on first use, not at import (a plain check uses few of
    # these models; building them all cost ~25 ms of every cold start).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    name: str
    severity: Severity
    summary: str
    why: str
    known_problems: str = ""
    bad: str = ""
    good: str = ""
    options: dict[str, Any] = Field(default_factory=dict)
    sources: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    # False: an opt-in rule (an opinion such as least privilege), run only when a select entry
    # more specific than ``LL`` names it (lambdalint.engine.select).
    enabled_by_default: bool = True

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"{value!r} is not an id like LL101")
        return value

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"{value!r} is not kebab-case")
        return value

    @field_validator("severity", mode="before")
    @classmethod
    def _parse_severity(cls, value: Any) -> Any:
        return Severity.parse(value) if isinstance(value, str) else value

    @field_validator("known_problems", "bad", "good", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return "" if value is None else value

    @property
    def help_uri(self) -> str:
        return HELP_URI.format(id=self.id)


class CatalogError(RuntimeError):
    """A broken catalog file: a packaging or authoring bug, not a user error."""


def _load_entry(file_name: str) -> RuleDoc:
    raw = load_data(f"catalog/{file_name}")
    try:
        doc = RuleDoc.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "entry"
        raise CatalogError(f"rules/catalog/{file_name}: {where}: {first['msg']}") from None
    if file_name != f"{doc.id}.yaml":
        raise CatalogError(f"rules/catalog/{file_name}: id {doc.id} does not match the file name")
    return doc


@lru_cache(maxsize=1)
def rule_ids() -> tuple[str, ...]:
    """Every catalog id, from the file names alone (no parsing: cheap on the check path)."""
    folder = rules_dir() / "catalog"
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.stem for p in folder.glob("LL*.yaml") if _ID.match(p.stem)))


@cache
def get(rule_id: str) -> RuleDoc | None:
    """One entry by exact id, parsed on first use; None when the catalog has no such file."""
    if rule_id not in rule_ids():
        return None
    return _load_entry(f"{rule_id}.yaml")


def load_catalog() -> dict[str, RuleDoc]:
    """Every catalog entry by id, in id order (each file parsed once per process)."""
    return {rid: doc for rid in rule_ids() if (doc := get(rid)) is not None}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {alias.upper(): doc.id for doc in load_catalog().values() for alias in doc.aliases}


def lookup(rule_id: str) -> RuleDoc | None:
    """The entry for an id (any case) or one of its aliases; None when unknown."""
    key = rule_id.strip().upper()
    return get(key) or get(_aliases().get(key, ""))


@dataclass(frozen=True, slots=True)
class Brief:
    """What a lint run needs of a rule: its name, severity and default options."""

    name: str
    severity: Severity
    options: dict[str, Any]
    enabled_by_default: bool = True


@lru_cache(maxsize=1)
def _index() -> dict[str, Brief]:
    # rules/catalog_index.json is generated from the catalog (scripts/gen_catalog_index.py;
    # tests/test_catalog.py keeps it equal): one small file instead of every full entry.
    import json

    raw = json.loads((rules_dir() / "catalog_index.json").read_text(encoding="utf-8"))
    return {
        rid: Brief(
            row["name"],
            Severity.parse(row["severity"]),
            dict(row["options"]),
            row.get("enabled_by_default", True),
        )
        for rid, row in raw.items()
    }


def brief(rule_id: str) -> Brief | None:
    return _index().get(rule_id)


def severity_of(rule_id: str, default: Severity = Severity.WARNING) -> Severity:
    doc = brief(rule_id)
    return doc.severity if doc is not None else default


def name_of(rule_id: str) -> str:
    doc = brief(rule_id)
    return doc.name if doc is not None else rule_id.lower()
