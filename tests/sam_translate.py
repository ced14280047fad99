"""The real SAM translator (aws-sam-translator, a test-only dependency) as a reference: translate
a SAM template to CloudFormation offline, for differential tests. Never imported by lambdalint."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TRANSLATOR_CORPUS = SHARED / "corpus" / "sam-translator"


class _NoManagedPolicies:
    """The translator asks IAM for managed policy ARNs by name; offline, none are known (it
    then keeps the name), exactly as its own tests run."""

    def load(self) -> dict[str, str]:
        return {}


def translate(text: str) -> dict[str, Any]:
    """The CloudFormation the translator makes of ``text`` (raises on a template it rejects)."""
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    logging.disable(logging.WARNING)
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse

    return dict(transform(yaml_parse(text), {}, _NoManagedPolicies()))


def with_transform(text: str) -> str:
    """The translator's test inputs have no ``Transform:`` line; lambdalint needs one."""
    if "AWS::Serverless-2016-10-31" in text:
        return text
    lines = text.split("\n")
    head = 0
    while head < len(lines) and (lines[head].startswith("%") or lines[head].strip() == "---"):
        head += 1
    return "\n".join([*lines[:head], "Transform: AWS::Serverless-2016-10-31", *lines[head:]])


def require_translator() -> None:
    """Skip with the reason when aws-sam-translator is missing; under CI (CI=true) it is part of
    the test extras, so its absence fails instead."""
    import pytest

    try:
        import samtranslator  # noqa: F401
    except ImportError:
        message = "aws-sam-translator (test extras) is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    if not (TRANSLATOR_CORPUS / "expected.tsv").is_file():
        message = f"SAM translator corpus not found at {TRANSLATOR_CORPUS}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
