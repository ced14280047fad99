"""The Lambda@Edge facts (rules/facts/lambda_edge.yaml) the LL41x rules read."""

from __future__ import annotations

from functools import cache
from typing import Any

from lambdalint.data import load_data


@cache
def edge_facts() -> dict[str, Any]:
    facts: dict[str, Any] = load_data("facts/lambda_edge.yaml")
    return facts
