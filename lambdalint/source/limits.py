"""Bounds on what one input may cost to read (hostile input: alias bombs, deep nesting, huge files).

Defaults sit far above any real template (CloudFormation itself caps a template body at 1 MB
through S3 and 500 resources), so genuine input never meets them. Configurable under
``[tool.lambdalint.limits]``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class InputLimits(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    max_nodes: int = Field(default=2_000_000, ge=1)
    max_alias_expansions: int = Field(default=10_000, ge=0)
    max_depth: int = Field(default=200, ge=1)
    max_string_length: int = Field(default=5 * 1024 * 1024, ge=1)
    max_resources: int = Field(default=5_000, ge=1)
