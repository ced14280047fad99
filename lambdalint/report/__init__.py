"""Reporters: one module per output format, each exposing ``render(report, out, options)``.

Modules are imported only when their format is used, so ``lambdalint check`` pays for one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from lambdalint.engine.results import Report

Render = Callable[["Report", IO[str], "RenderOptions"], None]

# Format name -> module under lambdalint.report. Unknown names are a usage error (exit 2).
FORMATS: dict[str, str] = {
    "text": "lambdalint.report.text",
    "json": "lambdalint.report.json",
    "sarif": "lambdalint.report.sarif",
    "github": "lambdalint.report.github",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    show_source: bool = False
    color: bool = False
    # Directory artifact URIs are made relative to (SARIF).
    cwd: str = ""
    extra: dict[str, str] = field(default_factory=dict)


class _Reporters(dict[str, Render]):
    """``REPORTERS[name]`` imports the reporter module on first use."""

    def __missing__(self, name: str) -> Render:
        if name not in FORMATS:
            raise KeyError(name)
        render: Render = importlib.import_module(FORMATS[name]).render
        self[name] = render
        return render

    def __contains__(self, name: object) -> bool:
        return name in FORMATS

    def names(self) -> list[str]:
        return list(FORMATS)


REPORTERS = _Reporters()


def tool_version() -> str:
    """The installed distribution's version (read lazily: importlib.metadata is not free)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lambdalint")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"
