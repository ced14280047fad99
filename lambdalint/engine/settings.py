"""What the engine reads of the settings. The engine sits below ``lambdalint.config`` (config
validates rule options against the engine's registry), so it names the settings it needs by
this protocol rather than importing ``config.Settings``, which satisfies it."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from lambdalint.engine.select import RuleSelector
from lambdalint.source.limits import InputLimits


class LintSettings(Protocol):
    @property
    def as_of(self) -> date: ...

    @property
    def parameters(self) -> dict[str, str]: ...

    @property
    def limits(self) -> InputLimits: ...

    @property
    def rules(self) -> dict[str, Any]: ...

    @property
    def region(self) -> str | None: ...

    def selector(self) -> RuleSelector: ...
