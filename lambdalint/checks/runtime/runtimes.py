"""The runtime identifiers a function may be deployed with (``Runtime`` only matters for .zip
packages; image functions are left to LL204)."""

from __future__ import annotations

from lambdalint.checks.package import may_be_zip
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Known


def runtime_values(fn: Function) -> list[Known[str]]:
    if not may_be_zip(fn):
        return []
    return [v for v in fn.runtime.written_values() if isinstance(v, Known)]
