"""Where the shipped data (``rules/``) lives: inside the wheel as ``lambdalint/_rules``, or at the
top of a source checkout. Data files are read with lambdalint's own loader, once per process."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@cache
def load_data(relative: str) -> Any:
    """The plain value of a YAML data file under ``rules/`` (e.g. ``facts/limits.yaml``)."""
    from lambdalint.source.loader import load_text

    path = rules_dir() / relative
    result = load_text(path.read_text(encoding="utf-8"), str(path))
    if result.root is None or any(d.tool_error for d in result.diagnostics):
        problems = "; ".join(f"{d.loc}: {d.message}" for d in result.diagnostics)
        raise RuntimeError(f"broken data file {path}: {problems}")
    return result.root.plain()
