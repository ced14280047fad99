"""Linting a file or a snippet the way ``lambdalint check`` does, with a fixed date, for tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lambdalint.api import register_checks
from lambdalint.config import Settings
from lambdalint.engine.finding import Finding
from lambdalint.engine.runner import lint_file, lint_source
from lambdalint.source.reader import SourceText

# Fixtures and catalog examples are linted "on" this date so results never drift with the clock.
AS_OF = date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[1]
register_checks()  # lint_file and lint_source run the registered checks; lint_paths registers


def settings(**overrides: object) -> Settings:
    return Settings(**{"as_of": AS_OF, **overrides})  # type: ignore[arg-type]


def lint_path(path: Path, **overrides: object) -> list[Finding]:
    config = settings(**overrides)
    return list(lint_file(str(path), config, config.selector()).findings)


def lint_text(text: str, file: str = "template.yaml", **overrides: object) -> list[Finding]:
    config = settings(**overrides)
    return list(lint_source(SourceText(file, text), config, config.selector()).findings)
