"""Settings: defaults < config file < command-line flags.

The config file is the nearest ``.lambdalint.yaml`` (or ``.yml``) or ``pyproject.toml`` with a
``[tool.lambdalint]`` table, searched from the first template's directory upwards, stopping at the
repository root (the directory holding ``.git``). Keys may be written kebab-case (``fail-level``)
or snake_case. Example::

    [tool.lambdalint]
    select = ["LL"]
    extend-select = ["LL219"]       # added to select; names opt-in rules (off by default)
    ignore = ["LL008"]
    fail-level = "warning"          # error | warning | info
    parameters = { Stage = "prod" }
    [tool.lambdalint.limits]
    max-file-bytes = 5000000
    [tool.lambdalint.rules.LL201]   # rule options, names as in the rule's catalog entry
    days = 90

``fail-level`` defaults to ``warning``: a CI gate should stop on real risks (lost events, excess
privilege) as well as on errors, as cfn-lint does; ``info`` findings never fail a run unless asked.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lambdalint.engine.select import RuleSelector, known_code
from lambdalint.report import FORMATS
from lambdalint.severity import Severity
from lambdalint.source.limits import InputLimits

YAML_CONFIGS = (".lambdalint.yaml", ".lambdalint.yml")
PYPROJECT = "pyproject.toml"
# make_settings' source name for command-line values: errors then name the flag (--fail-level).
FLAGS = "command line"


class ConfigError(ValueError):
    """A config file or flag value that cannot be used; the CLI prints it on one line, exit 2."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    select: tuple[str, ...] = ("LL",)
    # Added to ``select`` (ruff's spelling): keeps the default and turns on opt-in rules.
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: Severity = Severity.WARNING
    format: str = "text"
    # "Today" for date-dependent rules (runtime deprecation); fixed here so runs are reproducible.
    as_of: date = Field(default_factory=date.today)
    parameters: dict[str, str] = Field(default_factory=dict)
    # Worker processes; None means one per CPU.
    jobs: int | None = Field(default=None, ge=1)
    # None: show code frames only when stdout is a terminal.
    show_source: bool | None = None
    limits: InputLimits = Field(default_factory=InputLimits)
    # Rule options by rule id, e.g. {"LL201": {"days": 90}}; after make_settings, a rule that
    # declares an options model holds that model's validated object.
    rules: dict[str, Any] = Field(default_factory=dict)
    # The Region the stack is deployed in, for the few region-dependent rules (Lambda@Edge must
    # be in us-east-1); None (the default) means unknown: no region-dependent finding.
    region: str | None = None

    @field_validator("select", "extend_select", "ignore", mode="before")
    @classmethod
    def _codes(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if isinstance(value, (list, tuple)):
            return tuple(known_code(str(v)) for v in value)
        return value

    @field_validator("fail_level", mode="before")
    @classmethod
    def _severity(cls, value: Any) -> Any:
        return Severity.parse(value) if isinstance(value, str) else value

    @field_validator("format")
    @classmethod
    def _format(cls, value: str) -> str:
        if value not in FORMATS:
            raise ValueError(f"unknown format {value!r}: expected one of {', '.join(FORMATS)}")
        return value

    @field_validator("as_of", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"{value!r} is not a date like 2025-01-31") from None
        return value

    @field_validator("parameters", mode="before")
    @classmethod
    def _parameters(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): _scalar_text(v) for k, v in value.items()}
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _rules(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                str(k).upper(): _snake_keys(v) if isinstance(v, dict) else v
                for k, v in value.items()
            }
        return value

    def selector(self) -> RuleSelector:
        return RuleSelector(self.select, self.ignore, self.extend_select)

    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


def _scalar_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _snake_keys(values: dict[str, Any]) -> dict[str, Any]:
    return {str(k).replace("-", "_"): v for k, v in values.items()}


def _one_line(exc: ValidationError, flags: bool = False) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p).replace("_", "-") for p in err["loc"]) or "settings"
        if flags and err["loc"]:
            where = f"--{str(err['loc'][0]).replace('_', '-')}"
        message = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def find_config(start: str | Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or a directory)."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in YAML_CONFIGS:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 installs tomli (pyproject dependency)
        import tomli as tomllib
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    return data


def _has_tool_table(path: Path) -> bool:
    # Cheap text test first: most pyproject.toml files have no lambdalint table.
    try:
        if "lambdalint" not in path.read_text(encoding="utf-8", errors="replace"):
            return False
    except OSError:
        return False
    try:
        return isinstance(_load_toml(path).get("tool", {}).get("lambdalint"), dict)
    except ConfigError:
        return True  # report the broken file rather than silently skipping it


def read_config(path: str | Path) -> dict[str, Any]:
    """The settings table of a config file, keys normalized to snake_case."""
    path = Path(path)
    if path.name == PYPROJECT or path.suffix == ".toml":
        table = _load_toml(path).get("tool", {}).get("lambdalint", {})
    else:
        from lambdalint.source.loader import load_text

        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
        result = load_text(text, str(path))
        errors = [d for d in result.diagnostics if d.severity >= Severity.ERROR]
        if errors:
            raise ConfigError(f"{errors[0].loc}: {errors[0].message}")
        table = {} if result.root is None else result.root.plain()
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: the settings must be a mapping")
    values = _snake_keys(table)
    if isinstance(values.get("limits"), dict):
        values["limits"] = _snake_keys(values["limits"])
    return values


def _check_rule_options(rules: dict[str, Any]) -> dict[str, Any]:
    """Rule options validated once: against the options model the rule declares with
    ``@check(..., options=Model)`` (the result is that model's object), or else against the
    names and value types of its catalog entry's ``options``."""
    if not rules:
        return rules
    import lambdalint.checks  # noqa: F401  # registers every check with its options model
    from lambdalint.catalog import lookup
    from lambdalint.engine.registry import options_model

    out: dict[str, Any] = {}
    for rule_id, options in rules.items():
        doc = lookup(rule_id)
        if doc is None:
            raise ValueError(f"rules.{rule_id}: no such rule")
        if not isinstance(options, dict):
            raise ValueError(f"rules.{rule_id}: options must be a mapping")
        model = options_model(doc.id)
        if model is not None:
            try:
                out[doc.id] = model.model_validate(options)
            except ValidationError as exc:
                raise ValueError(_option_error(doc.id, model, exc.errors()[0])) from None
            continue
        unknown = sorted(set(options) - set(doc.options))
        if unknown:
            known = ", ".join(sorted(doc.options)) or "none"
            raise ValueError(f"rules.{rule_id}: unknown option {unknown[0]!r} (options: {known})")
        for name, value in options.items():
            # An option takes the type of its catalog default (a rule cannot report a bad config
            # value without it looking like a crash).
            default = doc.options[name]
            if (
                default is not None
                and type(value) is not type(default)
                and not (type(default) is float and type(value) is int)
            ):
                raise ValueError(
                    f"rules.{rule_id}.{name}: expected {type(default).__name__}, got {value!r}"
                )
        out[rule_id] = options
    return out


def _option_error(rule_id: str, model: type[BaseModel], err: Any) -> str:
    """One option's validation error on one line: ``rules.LL201.days: expected int, got 'x'``."""
    name = ".".join(str(p) for p in err["loc"])
    if err["type"] == "extra_forbidden":
        known = ", ".join(sorted(model.model_fields)) or "none"
        return f"rules.{rule_id}: unknown option {name!r} (options: {known})"
    field = model.model_fields.get(str(err["loc"][0])) if err["loc"] else None
    kind = field.annotation if field is not None else None
    if str(err["type"]).endswith(("_type", "_parsing")) and isinstance(kind, type):
        return f"rules.{rule_id}.{name}: expected {kind.__name__}, got {err['input']!r}"
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"rules.{rule_id}.{name}: {message}, got {err['input']!r}"


def make_settings(
    file_values: dict[str, Any] | None = None,
    flag_values: dict[str, Any] | None = None,
    source: str = "",
) -> Settings:
    """Settings from a config table and command-line values (flags win; None means 'not given')."""
    merged = dict(file_values or {})
    for key, value in (flag_values or {}).items():
        if value is None:
            continue
        if key == "parameters":
            merged["parameters"] = {**(merged.get("parameters") or {}), **value}
        else:
            merged[key] = value
    flags = source == FLAGS
    prefix = f"{source}: " if source and not flags else ""
    try:
        settings = Settings.model_validate(merged)
        rules = _check_rule_options(settings.rules)
        if rules:
            settings = settings.model_copy(update={"rules": rules})
    except ValidationError as exc:
        raise ConfigError(prefix + _one_line(exc, flags)) from None
    except ValueError as exc:
        raise ConfigError(prefix + str(exc)) from None
    return settings


def load_settings(
    paths: list[str], flag_values: dict[str, Any] | None = None, config_file: str | None = None
) -> tuple[Settings, Path | None]:
    """Settings for linting ``paths``: the given or discovered config file, then the flags."""
    path: Path | None
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{config_file}: no such config file")
    else:
        path = find_config(_search_start(paths))
    values = read_config(path) if path is not None else {}
    if path is not None:
        make_settings(values, None, str(path))  # so a bad file value is blamed on the file
    return make_settings(values, flag_values, FLAGS), path


def _search_start(paths: list[str]) -> str:
    if not paths:
        return "."
    first = paths[0]
    # For a glob, search from the part before the first wildcard.
    for i, ch in enumerate(first):
        if ch in "*?[":
            return os.path.dirname(first[:i]) or "."
    return first if os.path.exists(first) else (os.path.dirname(first) or ".")
