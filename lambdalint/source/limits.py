"""Bounds on what one input may cost to read (hostile input: alias bombs, deep nesting, huge files,
zip bombs). Configurable under ``[tool.lambdalint.limits]`` (kebab-case keys, e.g. ``max-depth``).

Defaults sit far above any real template (CloudFormation itself caps a template body at 1 MB
through S3 and 500 resources per stack), so genuine input never meets them; hitting one is an
LL007 tool error (exit 2) that names the limit to raise. Every check runs as input arrives, so a
hostile file stops at the first value past a bound, in milliseconds:

- ``max_file_bytes``: read no more than this (20 MiB; CloudFormation's own cap is 1 MB).
- ``max_nodes``: values after alias expansion (2,000,000), the billion-laughs bound.
- ``max_alias_expansions``: ``*alias`` uses plus keys merged in with ``<<`` (10,000).
- ``max_depth``: nesting of mappings and sequences (200). The reader is iterative, so deeper
  input costs no stack; the bound keeps every recursive consumer (``plain()``) safe.
- ``max_string_length``: one scalar (5 MiB; CloudFormation's whole template is 1 MB).
- ``max_resources``: entries under ``Resources`` (5,000; CloudFormation accepts 500).
- ``max_zip_entries`` / ``max_zip_uncompressed_bytes`` / ``max_zip_ratio``: a code archive named by
  CodeUri is only inspected through its central directory (never extracted); beyond these it is
  reported and left alone. Lambda itself caps unzipped code at 250 MB
  (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
- ``max_code_files``: files visited in one function's code directory (50,000).

Long lines are deliberately not limited: a minified JSON template is one line, and the readers
are linear in line length (a 5 MB line reads in well under a second).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class InputLimits(BaseModel):
    # defer_build: the schema is built on first use, not at import (a plain check uses few of
    # these models; building them all cost ~25 ms of every cold start).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    max_file_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    max_nodes: int = Field(default=2_000_000, ge=1)
    max_alias_expansions: int = Field(default=10_000, ge=0)
    max_depth: int = Field(default=200, ge=1)
    max_string_length: int = Field(default=5 * 1024 * 1024, ge=1)
    max_resources: int = Field(default=5_000, ge=1)
    max_zip_entries: int = Field(default=100_000, ge=1)
    max_zip_uncompressed_bytes: int = Field(default=1024 * 1024 * 1024, ge=1)
    # Deflate tops out near 1032:1; real code archives compress 2-10:1.
    max_zip_ratio: int = Field(default=200, ge=1)
    max_code_files: int = Field(default=50_000, ge=1)
