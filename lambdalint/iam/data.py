"""The IAM data files (``rules/facts/``), each loaded once and only when a rule needs it: a plain
``check`` of a template without IAM resources never reads them."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from lambdalint.data import rules_dir


def _json(name: str) -> Any:
    return json.loads((rules_dir() / "facts" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def managed_policies() -> dict[str, Any]:
    """AWS managed policy name -> {path, arn, version, document} (MAMIP snapshot)."""
    data: dict[str, Any] = _json("managed_policies.json")["policies"]
    return data


@lru_cache(maxsize=1)
def sam_policy_templates() -> dict[str, Any]:
    """SAM policy template name -> {Description, Parameters, Definition}."""
    data: dict[str, Any] = _json("sam_policy_templates.json")["Templates"]
    return data


@lru_cache(maxsize=1)
def action_catalogue() -> dict[str, dict[str, str]]:
    """Service prefix -> action name -> access level letter (L R W P T)."""
    data: dict[str, dict[str, str]] = _json("iam_actions.json")["services"]
    return data


@lru_cache(maxsize=1)
def escalation_methods() -> dict[str, list[str]]:
    data: dict[str, list[str]] = _json("privilege_escalation.json")["methods"]
    return data


def access_level(action: str) -> str | None:
    """``P`` for iam:PutRolePolicy, ... or None for an action not in the catalogue."""
    service, _, name = action.partition(":")
    actions = action_catalogue().get(service.lower())
    if actions is None:
        return None
    lowered = {k.lower(): v for k, v in actions.items()}
    return lowered.get(name.lower())
